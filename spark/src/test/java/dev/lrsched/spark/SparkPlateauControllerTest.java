package dev.lrsched.spark;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauPolicy.State;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.spark.SparkTestSupport.Serializer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link SparkPlateauController} on Spark {@code local[2]} with {@code ParameterAveragingTrainingMaster}. Plateaus
 * are made deterministic either by scripted metrics ({@code step(sparkNet, double)}) or by training with a
 * learning rate so small that the validation metric moves by far less than the relative threshold (1e-2), so
 * every epoch after the first is "bad". Expected reduction epochs are PyTorch 1.13's:
 * {@code torch.optim.lr_scheduler.ReduceLROnPlateau(SGD([p], lr=0.1), ...)} stepped with the same sequences
 * (numbers pasted below, produced by {@code /usr/bin/python3} with torch 1.13).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SparkPlateauControllerTest {

    /** A tiny LR: the loss moves by ~1e-6 relative per epoch, far below threshold 1e-2 (a plateau). */
    private static final double TINY = 1e-6;

    private static JavaSparkContext sc() {
        return SparkTestSupport.context(Serializer.JAVA);
    }

    private static IUpdater updaterOf(MultiLayerNetwork net, int layer) {
        return ((BaseLayer) net.getLayer(layer).conf().getLayer()).getIUpdater();
    }

    private static IUpdater updaterOf(ComputationGraph net, String layer) {
        return ((BaseLayer) net.getLayer(layer).conf().getLayer()).getIUpdater();
    }

    private static ISchedule scheduleOf(IUpdater u) {
        return u instanceof Sgd ? ((Sgd) u).getLearningRateSchedule() : ((Adam) u).getLearningRateSchedule();
    }

    private static List<Boolean> reducedFlags(List<PlateauStep> h) {
        return h.stream().map(PlateauStep::isReduced).collect(Collectors.toList());
    }

    /** Warmup (linear 0.1 -> 1.0 of {@code peak} over 4 iterations) then cosine to peak/100 over 64. */
    private static ISchedule warmupCosine(double peak) {
        return new SequentialSchedule(ScheduleType.ITERATION, List.of(
                new LinearSchedule(ScheduleType.ITERATION, peak, 0.1, 1.0, 4),
                new CosineAnnealingSchedule(ScheduleType.ITERATION, peak, peak / 100, 64)), new int[]{4});
    }

    @Test
    void scriptedMetricsReduceTheDriverLearningRateExactlyLikeTorch() {
        // torch: ReduceLROnPlateau(SGD([p], lr=0.1), mode='min', factor=0.5, patience=2, cooldown=1, min_lr=0.04)
        // stepped with METRICS gives these LRs after each step:
        double[] metrics = {1.0, 0.9, 0.95, 0.93, 0.91, 0.9, 0.89, 0.95, 0.97, 0.99, 1.0, 0.5, 0.6, 0.7};
        double[] torchLr = {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.05, 0.04, 0.04, 0.04, 0.04, 0.04};
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        List<ReductionEvent> events = new ArrayList<>();
        SparkPlateauController c = SparkPlateauController.builder().factor(0.5).patience(2).cooldown(1)
                .minValue(0.04).onReduction(events::add).build();
        for (int i = 0; i < metrics.length; i++) {
            boolean reduced = c.step(sparkNet, metrics[i]);
            assertThat(reduced).as("step %d", i + 1).isEqualTo(i > 0 && torchLr[i] < torchLr[i - 1]);
            // a fixed LR stays fixed: the same double arithmetic as torch (lr * factor, then the min_lr floor)
            assertThat(net.getLearningRate(0)).as("step %d", i + 1).isEqualTo(torchLr[i]);
            assertThat(net.getLearningRate(1)).as("step %d", i + 1).isEqualTo(torchLr[i]);
        }
        assertThat(c.getNumReductions()).isEqualTo(2);
        assertThat(c.getEvaluationCount()).isEqualTo(metrics.length);
        assertThat(c.getBest()).isEqualTo(0.5);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getEvaluation()).isEqualTo(5);
        assertThat(events.get(0).getOldLearningRate()).isEqualTo(0.1);
        assertThat(events.get(0).getNewLearningRate()).isEqualTo(0.05);
        assertThat(events.get(0).getLayers()).containsExactly("layer0", "layer1");
        assertThat(events.get(1).getEvaluation()).isEqualTo(10);
        assertThat(events.get(1).getNewLearningRate()).isEqualTo(0.04);
        assertThat(c.getHistory()).hasSize(metrics.length);
        assertThat(c.getHistory().get(4)).isEqualTo(new PlateauStep(5, 0, 0, 0.91, 0.9, 0.05, true));
    }

    @Test
    void plateauingValidationLossReducesAtTorchEpochsAndWorkersTrainWithTheScaledSchedule() {
        // torch: ReduceLROnPlateau(SGD([p], lr=0.1), mode='min', factor=0.5, patience=1, threshold=1e-2)
        // stepped with a constant metric [1.0] * 6 -> LRs [0.1, 0.1, 0.05, 0.05, 0.025, 0.025]: reductions at 3, 5.
        List<Boolean> torchReduced = List.of(false, false, true, false, true, false);
        ISchedule base = warmupCosine(TINY);
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(base));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> train = SparkTestSupport.train(sc());
        JavaRDD<DataSet> validation = SparkTestSupport.validation(sc());
        SparkPlateauController c = SparkPlateauController.builder().metric(Metric.LOSS).factor(0.5).patience(1)
                .threshold(1e-2).build();
        assertThat(c.getMode()).isEqualTo(Mode.MIN);
        for (int epoch = 1; epoch <= torchReduced.size(); epoch++) {
            sparkNet.fit(train);
            // the driver's counters: +1 epoch per fit, +averagingFrequency per split; 8 minibatches of 16 with
            // 2 workers x 16 examples x averaging frequency 2 = 2 splits per fit -> +4 iterations per fit
            assertThat(net.getEpochCount()).isEqualTo(epoch);
            assertThat(net.getIterationCount()).isEqualTo(epoch * 2 * SparkTestSupport.AVERAGING_FREQUENCY);
            int reductionsSoFar = (int) c.getNumReductions();
            // after this fit the driver's LR is the schedule (scaled by every earlier reduction) at its counters
            assertRelClose(Math.pow(0.5, reductionsSoFar) * base.valueAt(net.getIterationCount(), net.getEpochCount()),
                    net.getLearningRate(0));
            boolean reduced = c.step(sparkNet, validation);
            assertThat(reduced).as("epoch %d", epoch).isEqualTo(torchReduced.get(epoch - 1));
        }
        assertThat(reducedFlags(c.getHistory())).isEqualTo(torchReduced);
        // the schedule is wrapped (factor multiplied, never nested), never replaced by a fixed LR
        assertThat(scheduleOf(updaterOf(net, 0))).isEqualTo(new ScaledSchedule(base, 0.25));
        assertThat(scheduleOf(updaterOf(net, 1))).isEqualTo(new ScaledSchedule(base, 0.25));
        assertThat(((ScaledSchedule) scheduleOf(updaterOf(net, 0))).getSchedule()).isSameAs(base);
        for (PlateauStep h : c.getHistory()) {
            assertThat(h.getMetric()).isFinite().isPositive();
        }
        // one more fit: the workers' schedule is the scaled one, so the driver's LR continues scaled
        sparkNet.fit(train);
        assertRelClose(0.25 * base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate(0));
    }

    @Test
    void aReductionShrinksWhatTheWorkersChangeInTheNextFit() {
        // Adam with warmup + cosine; after a forced reduction by 1e-3 the workers' parameter updates shrink ~1000x:
        // they really train with the ScaledSchedule installed on the driver between fits.
        ISchedule base = warmupCosine(0.01);
        MultiLayerNetwork net = SparkTestSupport.mln(new Adam(base));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> train = SparkTestSupport.train(sc());
        sparkNet.fit(train); // past the warmup: comparable LRs in the next two fits
        double before = maxAbsChange(sparkNet, train);
        SparkPlateauController c = SparkPlateauController.builder().factor(1e-3).patience(0).minValue(1e-12).build();
        assertThat(c.step(sparkNet, 1.0)).isFalse();
        assertThat(c.step(sparkNet, 1.0)).isTrue(); // torch patience=0: the first non-improvement reduces
        assertThat(scheduleOf(updaterOf(net, 0))).isEqualTo(new ScaledSchedule(base, 1e-3));
        double after = maxAbsChange(sparkNet, train);
        assertThat(before).isGreaterThan(1e-4);
        assertThat(after / before).as("after=%s before=%s", after, before).isLessThan(1e-2);
        assertRelClose(1e-3 * base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate(0));
    }

    private static double maxAbsChange(SparkDl4jMultiLayer sparkNet, JavaRDD<DataSet> train) {
        org.nd4j.linalg.api.ndarray.INDArray p0 = SparkTestSupport.params(sparkNet.getNetwork());
        sparkNet.fit(train);
        return SparkTestSupport.params(sparkNet.getNetwork()).sub(p0).amaxNumber().doubleValue();
    }

    @Test
    void computationGraphFitEpochsWithAccuracyPlateauFollowsTorchMaxRules() {
        // torch: ReduceLROnPlateau(SGD([p], lr=0.1), mode='max', factor=0.5, patience=1, threshold=1e-2,
        // cooldown=1) stepped with a constant metric [0.5] * 5 -> LRs [0.1, 0.1, 0.05, 0.05, 0.05]: reduction at 3.
        List<Boolean> torchReduced = List.of(false, false, true, false, false);
        ISchedule base = warmupCosine(TINY);
        ComputationGraph net = SparkTestSupport.graph(new Sgd(base));
        SparkComputationGraph sparkNet = new SparkComputationGraph(sc(), net, SparkTestSupport.trainingMaster());
        SparkPlateauController c = SparkPlateauController.builder().metric(Metric.ACCURACY).factor(0.5).patience(1)
                .threshold(1e-2).cooldown(1).layers("out").build();
        assertThat(c.getMode()).isEqualTo(Mode.MAX);
        List<PlateauStep> h = c.fitEpochs(sparkNet, SparkTestSupport.train(sc()), SparkTestSupport.validation(sc()),
                torchReduced.size());
        assertThat(reducedFlags(h)).isEqualTo(torchReduced);
        assertThat(h).isEqualTo(c.getHistory());
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(i).getEpoch()).isEqualTo(i + 1);
            assertThat(h.get(i).getMetric()).isBetween(0.0, 1.0);
        }
        // only "out" was reduced; "dense" keeps the unscaled schedule
        assertThat(scheduleOf(updaterOf(net, "out"))).isEqualTo(new ScaledSchedule(base, 0.5));
        assertThat(scheduleOf(updaterOf(net, "dense"))).isSameAs(base);
        assertRelClose(0.5 * base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate("out"));
        assertThat(h.get(h.size() - 1).getLearningRate()).isEqualTo(net.getLearningRate("out"));
    }

    @Test
    void fitEpochsWithoutValidationUsesTheAveragedTrainingScore() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(TINY));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        SparkPlateauController c = SparkPlateauController.builder().factor(0.5).patience(0).threshold(0.5).build();
        List<PlateauStep> h = c.fitEpochs(sparkNet, SparkTestSupport.train(sc()), null, 2);
        assertThat(h).hasSize(2);
        assertThat(h.get(1).getMetric()).isEqualTo(sparkNet.getScore());
        // torch patience=0 on a plateau: the second step reduces. The averaged training score of a tiny-LR
        // epoch moves by a few percent with Spark's partitioning, so only a 50% drop would count as better.
        assertThat(reducedFlags(h)).containsExactly(false, true);
        assertThat(net.getLearningRate(0)).isEqualTo(TINY * 0.5);
    }

    @Test
    void failingSparkEvaluationIsReportedAsIllegalStateNamingTheEvaluation() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> wrongShape = sc().parallelize(SparkTestSupport.data(3, 2, 5), 2); // nIn 5, net expects 4
        SparkPlateauController c = SparkPlateauController.builder().build();
        assertThatThrownBy(() -> c.step(sparkNet, wrongShape)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SparkPlateauController: evaluation #1 (validation LOSS) failed: ");
        assertThat(c.getEvaluationCount()).isZero();
        assertThat(c.getHistory()).isEmpty();
    }

    @Test
    void emptyValidationDataIsAnIllegalStateNotANaNMetric() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> empty = sc().parallelize(new ArrayList<DataSet>(), 2);
        SparkPlateauController c = SparkPlateauController.builder().build();
        assertThatThrownBy(() -> c.step(sparkNet, empty)).isInstanceOf(IllegalStateException.class)
                .hasMessage("validation data is empty: the validation RDD has no examples (evaluation #1)");
        assertThat(c.getEvaluationCount()).isZero();
    }

    @Test
    void lossMetricEqualsDl4jCalculateScoreAndLeavesTheNetworkUsable() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> validation = SparkTestSupport.validation(sc());
        SparkPlateauController c = SparkPlateauController.builder().build();
        c.step(sparkNet, validation);
        assertRelClose(sparkNet.calculateScore(validation, true), c.getHistory().get(0).getMetric());
        ComputationGraph graph = SparkTestSupport.graph(new Sgd(0.1));
        SparkComputationGraph sparkGraph = new SparkComputationGraph(sc(), graph, SparkTestSupport.trainingMaster());
        SparkPlateauController g = SparkPlateauController.builder().build();
        g.step(sparkGraph, validation);
        assertRelClose(sparkGraph.calculateScore(validation, true), g.getHistory().get(0).getMetric());
        JavaRDD<org.nd4j.linalg.dataset.api.MultiDataSet> mds = validation.map(
                DataSet::toMultiDataSet);
        g.stepMultiDataSet(sparkGraph, mds);
        assertRelClose(g.getHistory().get(0).getMetric(), g.getHistory().get(1).getMetric());
        assertThat(net.params().wasClosed()).isFalse();
        assertThat(graph.params().wasClosed()).isFalse();
    }

    @Test
    void networkWithoutAnyLearningRateIsRejectedNamingTheController() {
        MultiLayerNetwork net = SparkTestSupport.mln(new AdaDelta());
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        SparkPlateauController c = SparkPlateauController.builder().build();
        assertThatThrownBy(() -> c.step(sparkNet, 1.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("SparkPlateauController: none of the chosen layers [layer0, layer1] has an"
                        + " updater with a learning rate");
    }

    @Test
    void unknownLayersAndConflictingSettingsAreRejected() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        assertThatThrownBy(() -> SparkPlateauController.builder().layers("dense").build().step(sparkNet, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown layer name 'dense', layers are [layer0, layer1]");
        assertThatThrownBy(() -> SparkPlateauController.builder().layerIndices(2).build().step(sparkNet, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("layer index 2 out of range [0, 1]");
        assertThatThrownBy(() -> SparkPlateauController.builder().layers("layer0").layerIndices(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("set at most one of layers(String...) and layerIndices(int...)");
        assertThatThrownBy(() -> SparkPlateauController.builder().factor(1.0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factor");
        assertThatThrownBy(() -> SparkPlateauController.builder().metric(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("metric must not be null");
        assertThatThrownBy(() -> SparkPlateauController.builder().build().step((SparkDl4jMultiLayer) null, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sparkNet must not be null");
        assertThatThrownBy(() -> SparkPlateauController.builder().build().step(sparkNet, (JavaRDD<DataSet>) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("validation must not be null");
        assertThatThrownBy(() -> SparkPlateauController.builder().build()
                .fitEpochs(sparkNet, SparkTestSupport.train(sc()), null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("nEpochs must be > 0, got 0");
    }

    @Test
    void stateRoundTripsAndMustMatchTheMode() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        SparkPlateauController c = SparkPlateauController.builder().factor(0.5).patience(1).build();
        c.step(sparkNet, 1.0);
        c.step(sparkNet, 1.0);
        State saved = State.fromJson(c.state().toJson());
        SparkPlateauController resumed = SparkPlateauController.builder().restoreState(saved).build();
        assertThat(resumed.state()).isEqualTo(c.state());
        // the resumed controller continues the same bad-epoch count: the next plateau step reduces
        assertThat(resumed.step(sparkNet, 1.0)).isTrue();
        assertThat(net.getLearningRate(0)).isEqualTo(0.05);
        assertThatThrownBy(() -> SparkPlateauController.builder().mode(Mode.MAX).restoreState(saved).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state mode MIN does not match the controller's mode MAX");
        assertThat(resumed.toString()).startsWith("SparkPlateauController(metric=LOSS, mode=MIN, layers=all, policy=");
    }
}
