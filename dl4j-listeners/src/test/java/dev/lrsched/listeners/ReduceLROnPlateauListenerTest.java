package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import dev.lrsched.listeners.TestNets.Scripted;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.NanPolicy;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.listeners.plateau.PlateauPolicy.State;
import dev.lrsched.listeners.plateau.PlateauSettings;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.testing.Dl4jMetricValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Integration tests on a 4-8-3 MultiLayerNetwork / ComputationGraph with in-memory data. Plateaus are made
 * deterministic with scripted metric sequences ({@link Scripted}) or an Sgd learning rate of ~0. The expected
 * reduction steps follow PyTorch 1.13 {@code ReduceLROnPlateau} on the same sequences (the policy itself is
 * pinned against torch in {@code plateau.PlateauPolicyTest}); e.g. {@code ReduceLROnPlateau(opt, factor=0.5,
 * patience=1)} stepped with {@code [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]} reduces at steps 4 and 6.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReduceLROnPlateauListenerTest {

    private static final double[] PLATEAU = {1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};

    private static IUpdater updaterOf(MultiLayerNetwork net, int layer) {
        return ((BaseLayer) net.getLayer(layer).conf().getLayer()).getIUpdater();
    }

    private static ISchedule scheduleOf(MultiLayerNetwork net, int layer) {
        IUpdater u = updaterOf(net, layer);
        return u instanceof Sgd ? ((Sgd) u).getLearningRateSchedule() : ((Adam) u).getLearningRateSchedule();
    }

    private static List<Boolean> reducedFlags(ReduceLROnPlateauListener l) {
        return l.getHistory().stream().map(PlateauStep::isReduced).collect(Collectors.toList());
    }

    private static List<Double> historyLrs(ReduceLROnPlateauListener l) {
        return l.getHistory().stream().map(PlateauStep::getLearningRate).collect(Collectors.toList());
    }

    /** One Sgd step on both nets from identical parameters must give bit-identical parameters. */
    private static void assertSameUpdate(MultiLayerNetwork net, MultiLayerNetwork reference) {
        reference.setParams(net.params().dup());
        DataSet d = TestNets.data(3, 1, 8).get(0);
        net.fit(d);
        reference.fit(d);
        assertBitwiseEqual(reference.params(), net.params(), "params after one step");
    }

    @Test
    void scriptedPlateauReducesFixedLrAtTheTorchSteps() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, PLATEAU)).factor(0.5).patience(1).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 7);

        assertThat(reducedFlags(l)).containsExactly(false, false, false, true, false, true, false);
        assertThat(historyLrs(l)).containsExactly(0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025);
        assertThat(l.getHistory().stream().map(PlateauStep::getEpoch)).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(l.getHistory().stream().map(PlateauStep::getIteration)).containsExactly(4, 8, 12, 16, 20, 24, 28);
        assertThat(net.getLearningRate(0)).isEqualTo(0.025);
        assertThat(net.getLearningRate(1)).isEqualTo(0.025);
        assertThat(l.getNumReductions()).isEqualTo(2);
        assertThat(l.getEvaluationCount()).isEqualTo(7);
        assertThat(l.getBest()).isEqualTo(0.9);
        // the updater really uses 0.025 now
        assertSameUpdate(net, TestNets.mln(new Sgd(0.025)));
    }

    @Test
    void computationGraphIsReducedLikeMultiLayerNetwork() {
        ComputationGraph net = TestNets.graph(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, PLATEAU)).factor(0.5).patience(1).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 7);
        assertThat(reducedFlags(l)).containsExactly(false, false, false, true, false, true, false);
        assertThat(net.getLearningRate("dense")).isEqualTo(0.025);
        assertThat(net.getLearningRate("out")).isEqualTo(0.025);
    }

    @Test
    void computationGraphLayerSelectionByName() {
        ComputationGraph net = TestNets.graph(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().layers("out").patience(0).build();
        l.step(net, 1.0);
        l.step(net, 1.0);
        assertThat(net.getLearningRate("dense")).isEqualTo(0.1);
        assertRelClose(0.01, net.getLearningRate("out"));
    }

    @Test
    void scheduleKeepsRunningScaledAndIsNeverNested() {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Sgd(cos));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0)).factor(0.5).patience(0).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 2); // evaluation 2 (iteration 8) reduces
        assertThat(scheduleOf(net, 0)).isEqualTo(new ScaledSchedule(cos, 0.5));
        net.fit(TestNets.train(), 1); // evaluation 3 (iteration 12) reduces again
        assertThat(scheduleOf(net, 0)).isEqualTo(new ScaledSchedule(cos, 0.25));
        assertThat(scheduleOf(net, 1)).isEqualTo(new ScaledSchedule(cos, 0.25));
        assertThat(((ScaledSchedule) scheduleOf(net, 0)).getSchedule()).isSameAs(cos);
        for (int t : new int[] {12, 13, 50, 99, 100, 150}) {
            assertRelClose(0.25 * cos.valueAt(t, 0), scheduleOf(net, 0).valueAt(t, 0), "t=" + t);
        }
        assertRelClose(0.25 * cos.valueAt(12, 3), net.getLearningRate(0));
        // history: LR at the evaluation's counters
        assertRelClose(cos.valueAt(4, 0), l.getHistory().get(0).getLearningRate());
        assertRelClose(0.5 * cos.valueAt(8, 1), l.getHistory().get(1).getLearningRate());
        // the updater uses 0.25 * cosine(t) at the next iterations
        MultiLayerNetwork reference = TestNets.mln(new Sgd(new ScaledSchedule(cos, 0.25)));
        reference.setIterationCount(net.getIterationCount());
        assertSameUpdate(net, reference);
    }

    @Test
    void minValueWithScheduleAppliesExactlyAtTheReduction() {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Sgd(cos));
        net.fit(TestNets.train()); // iteration 4
        double lrNow = cos.valueAt(4, 1);
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().factor(0.5).patience(0).minValue(0.09)
                .build();
        l.step(net, 1.0);
        assertThat(l.step(net, 1.0)).isTrue();
        assertRelClose(0.09, net.getLearningRate(0));
        assertRelClose(0.09 / lrNow, ((ScaledSchedule) scheduleOf(net, 0)).getFactor());
        // at the floor: further reductions change nothing (lr - newLr <= eps)
        assertThat(l.step(net, 1.0)).isFalse();
        assertThat(l.getHistory().get(2).isReduced()).isFalse();
        assertRelClose(0.09 / lrNow, ((ScaledSchedule) scheduleOf(net, 0)).getFactor());
    }

    @Test
    void adamStateSurvivesTheReduction() {
        MultiLayerNetwork net = TestNets.mln(new Adam(0.01));
        net.fit(TestNets.train(), 2);
        INDArray before = net.getUpdater().getStateViewArray().dup();
        assertThat(before.sumNumber().doubleValue()).isNotZero();
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).build();
        l.step(net, 1.0);
        assertThat(l.step(net, 1.0)).isTrue();
        assertRelClose(0.001, net.getLearningRate(0));
        assertRelClose(0.001, net.getLearningRate(1));
        assertBitwiseEqual(before, net.getUpdater().getStateViewArray(), "Adam state after the reduction");
    }

    @Test
    void fixedAndScheduledLayersInOneNetwork() {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1), new Sgd(cos));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).factor(0.5).build();
        l.step(net, 1.0);
        l.step(net, 1.0);
        assertThat(scheduleOf(net, 0)).isNull();
        assertThat(net.getLearningRate(0)).isEqualTo(0.05);
        assertThat(scheduleOf(net, 1)).isEqualTo(new ScaledSchedule(cos, 0.5));
        MultiLayerNetwork reference = TestNets.mln(new Sgd(0.05), new Sgd(new ScaledSchedule(cos, 0.5)));
        assertSameUpdate(net, reference);
    }

    @Test
    void layerIndicesLimitTheReduction() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().layerIndices(1).patience(0).build();
        l.step(net, 1.0);
        l.step(net, 1.0);
        assertThat(net.getLearningRate(0)).isEqualTo(0.1);
        assertRelClose(0.01, net.getLearningRate(1));
        assertRelClose(0.01, l.getHistory().get(1).getLearningRate());
        MultiLayerNetwork byName = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l2 = ReduceLROnPlateauListener.builder().layers("layer0").patience(0).build();
        l2.step(byName, 1.0);
        l2.step(byName, 1.0);
        assertRelClose(0.01, byName.getLearningRate(0));
        assertThat(byName.getLearningRate(1)).isEqualTo(0.1);
    }

    @Test
    void biasUpdaterIsReducedToo() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Sgd(0.1)).biasUpdater(new Sgd(0.2)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).factor(0.5).build();
        l.step(net, 1.0);
        l.step(net, 1.0);
        BaseLayer c0 = (BaseLayer) net.getLayer(0).conf().getLayer();
        assertThat(((Sgd) c0.getIUpdater()).getLearningRate()).isEqualTo(0.05);
        assertThat(((Sgd) c0.getBiasUpdater()).getLearningRate()).isEqualTo(0.1);
        MultiLayerConfiguration refConf = new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Sgd(0.05)).biasUpdater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork reference = new MultiLayerNetwork(refConf);
        reference.init();
        assertSameUpdate(net, reference);
    }

    @Test
    void constantValidationLossWithTinyLrTriggersReductions() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(1e-12));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(TestNets.validation(), Metric.LOSS).factor(0.5).patience(1).eps(0).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 5);
        assertThat(l.getMode()).isEqualTo(Mode.MIN);
        assertThat(reducedFlags(l)).containsExactly(false, false, true, false, true);
        assertThat(net.getLearningRate(0)).isEqualTo(0.25e-12);
        double first = l.getHistory().get(0).getMetric();
        assertThat(first).isGreaterThan(0.1);
        for (PlateauStep h : l.getHistory()) {
            assertThat(h.getMetric()).isCloseTo(first, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void accuracyIsMaximizedAndMultiDataSetValidationWorks() {
        ComputationGraph net = TestNets.graph(new Sgd(1e-12));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(TestNets.validation()),
                        Metric.ACCURACY)
                .patience(0).eps(0).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 2);
        assertThat(l.getMode()).isEqualTo(Mode.MAX);
        assertThat(reducedFlags(l)).containsExactly(false, true);
        assertThat(l.getHistory().get(0).getMetric()).isBetween(0.0, 1.0);
        ReduceLROnPlateauListener forcedMin = ReduceLROnPlateauListener.builder()
                .validation(TestNets.validation(), Metric.ACCURACY).mode(Mode.MIN).build();
        assertThat(forcedMin.getMode()).isEqualTo(Mode.MIN);
        assertThat(ReduceLROnPlateauListener.builder().validation(TestNets.validation(), Metric.R2).build().getMode())
                .isEqualTo(Mode.MAX);
        assertThat(ReduceLROnPlateauListener.builder().scoreCalculator(new Scripted(false, 1)).build().getMode())
                .isEqualTo(Mode.MAX);
        assertThat(ReduceLROnPlateauListener.builder().build().getMode()).isEqualTo(Mode.MIN);
    }

    @Test
    void everyMetricKnowsItsDirection() {
        assertThat(java.util.Arrays.stream(Metric.values()).filter(Metric::minimize))
                .containsExactly(Metric.LOSS, Metric.MSE, Metric.MAE, Metric.RMSE);
    }

    @Test
    void regressionMetricOnValidationData() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(TestNets.validation(), Metric.MSE).build();
        l.step(net);
        ReduceLROnPlateauListener l2 = ReduceLROnPlateauListener.builder()
                .validation(new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(TestNets.validation()),
                        Metric.MSE).build();
        l2.step(net);
        assertThat(l.getHistory().get(0).getMetric()).isPositive()
                .isEqualTo(l2.getHistory().get(0).getMetric());
    }

    /**
     * Through the whole listener path (fit, onEpochEnd, metric source, history): every metric equals the DL4J
     * method of its name on the network's outputs after that epoch ({@code Dl4jMetricValues}; the ten values
     * differ, so a swapped mapping fails), on a MultiLayerNetwork with DataSets and a ComputationGraph with
     * MultiDataSets; the iterator is reset between evaluations.
     */
    @Test
    void everyValidationMetricEvaluatesOnDataSetAndMultiDataSetIterators() {
        for (Metric m : Metric.values()) {
            MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
            ReduceLROnPlateauListener mln = ReduceLROnPlateauListener.builder()
                    .validation(TestNets.validation(), m).build();
            net.addListeners(mln);
            net.fit(TestNets.train(), 1);
            Map<String, Double> expected = Dl4jMetricValues.of(net, TestNets.data(2, 2, 8), 0);
            Dl4jMetricValues.assertPairwiseDistinct(expected, 1e-6);
            assertThat(mln.getHistory().get(0).getMetric()).as("%s on MLN", m).isEqualTo(expected.get(m.name()));
            mln.step(net); // the iterator is reset between evaluations
            assertThat(mln.getHistory().get(1).getMetric()).as("%s second evaluation", m)
                    .isEqualTo(expected.get(m.name()));

            ComputationGraph graph = TestNets.graph(new Sgd(0.1));
            ReduceLROnPlateauListener cg = ReduceLROnPlateauListener.builder()
                    .validation(new org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter(TestNets.validation()), m)
                    .build();
            graph.addListeners(cg);
            graph.fit(TestNets.train(), 1);
            assertThat(cg.getHistory().get(0).getMetric()).as("%s on CG", m)
                    .isEqualTo(Dl4jMetricValues.of(graph, TestNets.data(2, 2, 8), 0).get(m.name()));
        }
    }

    @Test
    void frozenLayersAreSkipped() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).updater(new Sgd(0.1)).list()
                .layer(new org.deeplearning4j.nn.conf.layers.misc.FrozenLayer(
                        new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).build();
        l.step(net, 1.0);
        assertThat(l.step(net, 1.0)).isTrue();
        // DL4J reports the wrapped layer's (unused) LR for a frozen layer; the listener leaves it alone
        assertThat(net.getLearningRate(0)).isEqualTo(0.1);
        assertRelClose(0.01, net.getLearningRate(1));
        assertRelClose(0.01, l.getHistory().get(1).getLearningRate());
        INDArray frozenBefore = net.getLayer(0).params().dup();
        net.fit(TestNets.data(3, 1, 8).get(0));
        assertBitwiseEqual(frozenBefore, net.getLayer(0).params(), "frozen layer params after a step");
    }

    @Test
    void manualFitDataSetLoopUsesStepAndAveragedTrainingScore() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(1e-12));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().factor(0.5).patience(1).eps(0).build();
        net.addListeners(l);
        List<DataSet> batches = TestNets.data(1, 4, 8);
        List<Double> manualAverages = new ArrayList<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            double sum = 0;
            for (DataSet d : batches) {
                net.fit(d);
                sum += net.score();
            }
            manualAverages.add(sum / batches.size());
            l.step(net);
        }
        assertThat(l.getHistory()).hasSize(5); // no epoch events from fit(DataSet)
        assertThat(reducedFlags(l)).containsExactly(false, false, true, false, true);
        for (int i = 0; i < 5; i++) {
            assertRelClose(manualAverages.get(i), l.getHistory().get(i).getMetric());
        }
        assertThat(net.getLearningRate(0)).isEqualTo(0.25e-12);
    }

    @Test
    void evaluateEveryIterationsStepsInIterationDone() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0)).evaluateEveryIterations(2).patience(1).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 2); // 8 iterations -> 4 evaluations, none at epoch end
        assertThat(l.getHistory().stream().map(PlateauStep::getIteration)).containsExactly(1, 3, 5, 7);
        assertThat(reducedFlags(l)).containsExactly(false, false, true, false);
    }

    @Test
    void evaluateEveryEpochsSkipsEpochs() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0)).evaluateEveryEpochs(2).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 5);
        assertThat(l.getHistory().stream().map(PlateauStep::getEpoch)).containsExactly(1, 3);
    }

    @Test
    void earlyStoppingTrainerDrivesTheListenerDespiteResettingEpochCount() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        net.setEpochCount(5); // EarlyStoppingTrainer overwrites this with its own 0-based counter
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, PLATEAU)).factor(0.5).patience(1).build();
        net.addListeners(l);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(7))
                .scoreCalculator(new DataSetLossCalculator(TestNets.validation(), true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        new EarlyStoppingTrainer(es, net, TestNets.train()).fit();
        assertThat(reducedFlags(l)).containsExactly(false, false, false, true, false, true, false);
        assertThat(l.getHistory().stream().map(PlateauStep::getEvaluation)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(net.getLearningRate(0)).isEqualTo(0.025);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void throwingValidationIteratorFailsFitInsteadOfHanging() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(new SlowThrowingIterator(), Metric.ACCURACY).build(); // doEvaluation: async-wraps
        net.addListeners(l);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> net.fit(TestNets.train(), 1));
        Throwable ours = find(t, "ReduceLROnPlateauListener: evaluation #1 (validation ACCURACY) failed");
        assertThat(ours).as("cause chain of %s", t).isInstanceOf(IllegalStateException.class);
        assertThat(ours.getCause()).hasMessage("validation batch unavailable");
    }

    @Test
    void emptyValidationSetIsAConfigurationError() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(new ListDataSetIterator<>(new ArrayList<DataSet>()), Metric.ACCURACY).build();
        net.addListeners(l);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> net.fit(TestNets.train(), 1));
        Throwable ours = find(t, "validation data is empty");
        assertThat(ours).as("cause chain of %s", t).isInstanceOf(IllegalStateException.class);
        assertThat(ours.getMessage()).startsWith("validation data is empty: the validation iterator returned no"
                + " batches for evaluation #1");
    }

    private static Throwable find(Throwable t, String messagePrefix) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().startsWith(messagePrefix)) {
                return c;
            }
        }
        return null;
    }

    @Test
    void noLayerWithLearningRateFailsAtFirstCallback() {
        MultiLayerNetwork net = TestNets.mln(new AdaDelta());
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().build();
        net.addListeners(l);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> net.fit(TestNets.train(), 1));
        Throwable ours = find(t, "ReduceLROnPlateauListener: none of the chosen layers [layer0, layer1] has an updater");
        assertThat(ours).as("cause chain of %s", t).isInstanceOf(IllegalStateException.class);
        assertThat(net.getIterationCount()).isZero(); // failed at onEpochStart, before any update
    }

    @Test
    void layersWithoutLearningRateAreSkipped() {
        MultiLayerNetwork net = TestNets.mln(new AdaDelta(), new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).build();
        l.step(net, 1.0);
        assertThat(l.step(net, 1.0)).isTrue();
        assertThat(net.getLearningRate(0)).isNull();
        assertRelClose(0.01, net.getLearningRate(1));
        assertRelClose(0.01, l.getHistory().get(1).getLearningRate());
    }

    @Test
    void reductionSurvivesModelSerializer() throws IOException {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 100);
        MultiLayerNetwork net = TestNets.mln(new Adam(cos), new Adam(0.1));
        net.fit(TestNets.train());
        INDArray adamState = net.getUpdater().getStateViewArray().dup();
        assertThat(adamState.amaxNumber().doubleValue()).as("Adam moments after a fit").isPositive();
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(0).factor(0.5).build();
        l.step(net, 1.0);
        l.step(net, 1.0);
        l.step(net, 1.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(scheduleOf(restored, 0)).isEqualTo(new ScaledSchedule(cos, 0.25));
        assertThat(restored.getLearningRate(0)).isEqualTo(net.getLearningRate(0));
        assertThat(restored.getLearningRate(1)).isEqualTo(0.025);
        // the reductions kept the Adam moments, and the saved model carries them
        assertBitwiseEqual(adamState, net.getUpdater().getStateViewArray(), "Adam state after three reductions");
        assertBitwiseEqual(adamState, restored.getUpdater().getStateViewArray(), "restored Adam state");
    }

    @Test
    void interruptedAndRestoredRunEqualsUninterruptedRun() throws IOException {
        double[] metrics = {1.0, 0.9, 0.9, 0.9, 0.8, 0.85, 0.85, 0.85, 0.85, 0.85};
        MultiLayerNetwork full = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener lf = builder(new Scripted(true, metrics)).build();
        full.addListeners(lf);
        full.fit(TestNets.trainSmall(), 10);

        MultiLayerNetwork first = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l1 = builder(new Scripted(true, metrics)).build();
        first.addListeners(l1);
        first.fit(TestNets.trainSmall(), 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(first, bytes, true);
        String savedState = l1.state().toJson();

        MultiLayerNetwork resumed = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        ReduceLROnPlateauListener l2 = builder(new Scripted(true, metrics).from(3))
                .restoreState(State.fromJson(savedState)).build();
        resumed.addListeners(l2);
        resumed.fit(TestNets.trainSmall(), 7);

        assertThat(reducedFlags(lf)).containsExactly(false, false, false, true, false, false, true, false, false, true);
        assertThat(reducedFlags(l2)).isEqualTo(reducedFlags(lf).subList(3, 10));
        assertThat(historyLrs(l2)).isEqualTo(historyLrs(lf).subList(3, 10));
        assertThat(l2.state()).isEqualTo(lf.state());
        assertThat(resumed.getLearningRate(0)).isEqualTo(full.getLearningRate(0));
        assertBitwiseEqual(full.params(), resumed.params(), "resumed vs uninterrupted params");
        // without restoring the state the resumed run would diverge (patience/cooldown counters lost)
        MultiLayerNetwork naive = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        ReduceLROnPlateauListener l3 = builder(new Scripted(true, metrics).from(3)).build();
        naive.addListeners(l3);
        naive.fit(TestNets.trainSmall(), 7);
        assertThat(reducedFlags(l3)).isNotEqualTo(reducedFlags(lf).subList(3, 10));
    }

    private static ReduceLROnPlateauListener.Builder builder(Scripted calc) {
        return ReduceLROnPlateauListener.builder().scoreCalculator(calc).factor(0.5).patience(1).cooldown(1);
    }

    @Test
    void onReductionCallbackReceivesEachReduction() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        List<ReductionEvent> events = new ArrayList<>();
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, PLATEAU)).factor(0.5).patience(1).onReduction(events::add).build();
        net.addListeners(l);
        net.fit(TestNets.train(), 7);
        assertThat(events).containsExactly(
                new ReductionEvent(4, 3, 16, 0.9, 0.9, 0.1, 0.05, List.of("layer0", "layer1")),
                new ReductionEvent(6, 5, 24, 0.9, 0.9, 0.05, 0.025, List.of("layer0", "layer1")));
        assertThat(events.get(0).toString()).isEqualTo("ReductionEvent(evaluation=4, epoch=3, iteration=16,"
                + " metric=0.9, best=0.9, oldLearningRate=0.1, newLearningRate=0.05, layers=[layer0, layer1])");
        assertThat(l.getHistory().get(3).toString()).isEqualTo("PlateauStep(evaluation=4, epoch=3, iteration=16,"
                + " metric=0.9, best=0.9, learningRate=0.05, reduced=true)");
        assertThatThrownBy(() -> l.getHistory().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void nanMetricCountsAsBadOrFails() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().patience(1).build();
        l.step(net, Double.NaN);
        assertThat(l.step(net, Double.NaN)).isTrue();
        assertRelClose(0.01, net.getLearningRate(0));
        ReduceLROnPlateauListener failing = ReduceLROnPlateauListener.builder().nanPolicy(NanPolicy.FAIL).build();
        failing.step(net, 1.0);
        assertThatThrownBy(() -> failing.step(net, Double.NaN)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metric must be finite, got NaN at step 2 (nanPolicy=FAIL)");
    }

    @Test
    void valueClassesHaveValueEquality() {
        new EqualsTester()
                .addEqualityGroup(new PlateauStep(1, 2, 3, 0.5, 0.4, 0.1, true),
                        new PlateauStep(1, 2, 3, 0.5, 0.4, 0.1, true))
                .addEqualityGroup(new PlateauStep(2, 2, 3, 0.5, 0.4, 0.1, true))
                .addEqualityGroup(new PlateauStep(1, 3, 3, 0.5, 0.4, 0.1, true))
                .addEqualityGroup(new PlateauStep(1, 2, 4, 0.5, 0.4, 0.1, true))
                .addEqualityGroup(new PlateauStep(1, 2, 3, 0.6, 0.4, 0.1, true))
                .addEqualityGroup(new PlateauStep(1, 2, 3, 0.5, 0.3, 0.1, true))
                .addEqualityGroup(new PlateauStep(1, 2, 3, 0.5, 0.4, null, true))
                .addEqualityGroup(new PlateauStep(1, 2, 3, 0.5, 0.4, 0.1, false))
                .testEquals();
        new EqualsTester()
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.5, 0.4, 0.1, 0.01, List.of("a")),
                        new ReductionEvent(1, 2, 3, 0.5, 0.4, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(9, 2, 3, 0.5, 0.4, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 9, 3, 0.5, 0.4, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 9, 0.5, 0.4, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.9, 0.4, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.5, 0.9, 0.1, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.5, 0.4, 0.9, 0.01, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.5, 0.4, 0.1, 0.09, List.of("a")))
                .addEqualityGroup(new ReductionEvent(1, 2, 3, 0.5, 0.4, 0.1, 0.01, List.of("b")))
                .testEquals();
    }

    @Test
    void builderRejectsConflictingOrInvalidSettings() {
        DataSetIterator v = TestNets.validation();
        assertRejected("set at most one metric source: validation(DataSetIterator, Metric),"
                        + " validation(MultiDataSetIterator, Metric) or scoreCalculator(ScoreCalculator), got 2",
                () -> ReduceLROnPlateauListener.builder().validation(v, Metric.LOSS)
                        .scoreCalculator(new Scripted(true, 1)).build());
        assertRejected("set at most one of layers(String...) and layerIndices(int...)",
                () -> ReduceLROnPlateauListener.builder().layers("0").layerIndices(1).build());
        assertRejected("set at most one of evaluateEveryEpochs(int) and evaluateEveryIterations(int)",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryEpochs(1).evaluateEveryIterations(1).build());
        assertRejected("evaluateEveryEpochs must be > 0, got 0",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryEpochs(0).build());
        assertRejected("evaluateEveryIterations must be > 0, got -1",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryIterations(-1).build());
        assertRejected("factor must be in (0.0, 1.0), got 1.0",
                () -> ReduceLROnPlateauListener.builder().factor(1.0).build());
        assertRejected("patience must be >= 0, got -1",
                () -> ReduceLROnPlateauListener.builder().patience(-1).build());
        assertRejected("mode must not be null", () -> ReduceLROnPlateauListener.builder().mode(null).build());
        assertRejected("iterator must not be null",
                () -> ReduceLROnPlateauListener.builder().validation((DataSetIterator) null, Metric.LOSS));
        assertRejected("metric must not be null", () -> ReduceLROnPlateauListener.builder().validation(v, null));
        assertRejected("scoreCalculator must not be null",
                () -> ReduceLROnPlateauListener.builder().scoreCalculator(null));
        assertRejected("layers must name at least one layer", () -> ReduceLROnPlateauListener.builder().layers());
        assertRejected("layers[1] must not be null",
                () -> ReduceLROnPlateauListener.builder().layers("a", null));
        assertRejected("layerIndices must name at least one layer",
                () -> ReduceLROnPlateauListener.builder().layerIndices());
        assertRejected("state must not be null", () -> ReduceLROnPlateauListener.builder().restoreState(null));
        State maxState = PlateauPolicy.builder().mode(Mode.MAX).build().state();
        assertRejected("state mode MAX does not match the listener's mode MIN",
                () -> ReduceLROnPlateauListener.builder().restoreState(maxState).build());
    }

    @Test
    void layerSelectionErrorsNameTheProblem() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        assertRejected("unknown layer name 'dense', layers are [layer0, layer1]",
                () -> ReduceLROnPlateauListener.builder().layers("dense").build().step(net, 1.0));
        assertRejected("layer index 2 out of range [0, 1]",
                () -> ReduceLROnPlateauListener.builder().layerIndices(2).build().step(net, 1.0));
        ComputationGraph graph = TestNets.graph(new Sgd(0.1));
        assertRejected("layerIndices(int...) is only supported for MultiLayerNetwork;"
                        + " use layers(String...) for ComputationGraph",
                () -> ReduceLROnPlateauListener.builder().layerIndices(0).build().step(graph, 1.0));
        assertRejected("unknown layer name '0', layers are [dense, out]",
                () -> ReduceLROnPlateauListener.builder().layers("0").build().step(graph, 1.0));
        assertRejected("model must not be null", () -> ReduceLROnPlateauListener.builder().build().step(null, 1.0));
    }

    @Test
    void toStringDescribesTheListener() {
        assertThat(ReduceLROnPlateauListener.builder().validation(TestNets.validation(), Metric.F1).patience(3)
                .build().toString()).isEqualTo("ReduceLROnPlateauListener(source=validation F1, mode=MAX,"
                + " evaluateEveryEpochs=1, layers=all, policy=PlateauPolicy(mode=MAX, factor=0.1, patience=3,"
                + " threshold=1.0E-4, thresholdMode=REL, cooldown=0, minValue=0.0, eps=1.0E-8,"
                + " nanPolicy=COUNT_AS_BAD, best=-Infinity, numBadEpochs=0, cooldownCounter=0, lastEpoch=0,"
                + " numReductions=0))");
    }

    @Test
    void oneSettingsValueServesEveryBuilderAndOthersCanSubscribe() {
        PlateauSettings settings = PlateauSettings.defaults().withFactor(0.5).withPatience(0).withMinValue(1e-5);
        ReduceLROnPlateauListener shared = ReduceLROnPlateauListener.builder().settings(settings)
                .validation(TestNets.validation(), Metric.LOSS).build();
        ReduceLROnPlateauListener setOneByOne = ReduceLROnPlateauListener.builder().factor(0.5).patience(0)
                .minValue(1e-5).build();
        assertThat(shared.getController().getSettings()).isEqualTo(settings.withMode(Mode.MIN))
                .isEqualTo(setOneByOne.getController().getSettings());
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        List<PlateauStep> seen = new ArrayList<>();
        setOneByOne.getController().onStep(seen::add);
        setOneByOne.step(net, 1.0);
        setOneByOne.step(net, 1.0);
        assertThat(seen).isEqualTo(setOneByOne.getHistory()).hasSize(2);
        assertThat(seen.get(1).isReduced()).isTrue();
    }

    /** Claims async support, waits 2 s, then throws: behind AsyncDataSetIterator this hangs forever (#7828). */
    private static final class SlowThrowingIterator implements DataSetIterator {
        private static final long serialVersionUID = 1L;

        @Override
        public DataSet next(int num) {
            return next();
        }

        @Override
        public DataSet next() {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("validation batch unavailable");
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public int inputColumns() {
            return 4;
        }

        @Override
        public int totalOutcomes() {
            return 3;
        }

        @Override
        public boolean resetSupported() {
            return true;
        }

        @Override
        public boolean asyncSupported() {
            return true;
        }

        @Override
        public void reset() {
        }

        @Override
        public int batch() {
            return 8;
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public List<String> getLabels() {
            return null;
        }
    }
}
