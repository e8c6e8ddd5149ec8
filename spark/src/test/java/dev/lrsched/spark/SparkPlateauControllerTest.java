package dev.lrsched.spark;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
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
import dev.lrsched.schedules.testing.AppliedLearningRate;
import dev.lrsched.schedules.testing.Dl4jMetricValues;
import dev.lrsched.spark.SparkTestSupport.Serializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
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
        return u instanceof Sgd ? ((Sgd) u).getLearningRateSchedule() : u instanceof Nesterovs
                ? ((Nesterovs) u).getLearningRateSchedule() : ((Adam) u).getLearningRateSchedule();
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
    void aReductionScalesWhatEveryWorkerStepAppliesExactly() {
        // Adam with warmup + cosine, double precision. The LR of every worker step is recovered from its parameter
        // change (WorkerLearningRates): the schedule before the reduction, then exactly 1e-3 x the schedule at the
        // worker's counters, so the workers train with the ScaledSchedule installed on the driver between fits.
        ISchedule base = warmupCosine(0.01);
        MultiLayerNetwork net = SparkTestSupport.mln(new Adam(base), DataType.DOUBLE);
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net,
                SparkTestSupport.trainingMaster(new WorkerLearningRates()));
        JavaRDD<DataSet> train = sc().parallelize(SparkTestSupport.data(1, 8, 4, DataType.DOUBLE), 2);
        WorkerLearningRates.drain();
        sparkNet.fit(train);
        assertEveryWorkerStepApplied(WorkerLearningRates.drain(), 0, s -> base.valueAt(s.iteration(), s.epoch()));
        SparkPlateauController c = SparkPlateauController.builder().factor(1e-3).patience(0).minValue(1e-12).build();
        assertThat(c.step(sparkNet, 1.0)).isFalse();
        assertThat(c.step(sparkNet, 1.0)).isTrue(); // torch patience=0: the first non-improvement reduces
        assertThat(scheduleOf(updaterOf(net, 0))).isEqualTo(new ScaledSchedule(base, 1e-3));
        sparkNet.fit(train);
        assertEveryWorkerStepApplied(WorkerLearningRates.drain(), 1,
                s -> 1e-3 * base.valueAt(s.iteration(), s.epoch()));
        assertRelClose(1e-3 * base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate(0));
    }

    /**
     * The steps of one {@code fit} of {@code SparkTestSupport.train}'s shape (8 minibatches: 2 splits x 2 workers x
     * AVERAGING_FREQUENCY steps, from the driver's counters at fit {@code fitIndex}): each applied {@code expected}
     * in every layer, to the recovery's rounding bound.
     */
    private static void assertEveryWorkerStepApplied(List<AppliedLearningRate.Step> steps, int fitIndex,
                                                     ToDoubleFunction<AppliedLearningRate.Step> expected) {
        int perFit = 2 * SparkTestSupport.AVERAGING_FREQUENCY;
        assertThat(steps).hasSize(2 * perFit);
        for (int it = fitIndex * perFit; it < (fitIndex + 1) * perFit; it++) {
            int iteration = it;
            assertThat(steps.stream().filter(s -> s.iteration() == iteration)).as("workers at iteration %d", it)
                    .hasSize(2);
        }
        assertEveryStepApplied(steps, expected);
    }

    private static void assertEveryStepApplied(List<AppliedLearningRate.Step> steps,
                                               ToDoubleFunction<AppliedLearningRate.Step> expected) {
        for (AppliedLearningRate.Step s : steps) {
            double lr = expected.applyAsDouble(s);
            assertThat(s.byLayer()).hasSize(2);
            s.byLayer().forEach((layer, estimate) -> assertThat(estimate.agreesWith(lr))
                    .as("worker step iteration %d epoch %d layer %s: applied %s, expected %s", s.iteration(),
                            s.epoch(), layer, estimate, lr)
                    .isTrue());
        }
    }

    @Test
    void computationGraphFitEpochsMultiDataSetReducesAtTorchEpochsAndTheWorkersApplyIt() {
        // torch: ReduceLROnPlateau(SGD([p], lr=0.1), mode='min', factor=0.5, patience=0, threshold=1e-2,
        // cooldown=1) stepped with a constant metric [1.0] * 4 -> LRs [0.1, 0.05, 0.05, 0.025]: reductions at 2, 4.
        List<Boolean> torchReduced = List.of(false, true, false, true);
        ISchedule base = warmupCosine(TINY);
        ComputationGraph net = SparkTestSupport.graph(new Nesterovs(base, 0.9), DataType.DOUBLE);
        SparkComputationGraph sparkNet = new SparkComputationGraph(sc(), net,
                SparkTestSupport.trainingMaster(new WorkerLearningRates()));
        JavaRDD<MultiDataSet> train = sc().parallelize(multi(SparkTestSupport.data(1, 8, 4, DataType.DOUBLE)), 2);
        JavaRDD<MultiDataSet> validation = sc().parallelize(multi(SparkTestSupport.data(2, 4, 4, DataType.DOUBLE)), 2);
        SparkPlateauController c = SparkPlateauController.builder().metric(Metric.LOSS).factor(0.5).patience(0)
                .threshold(1e-2).cooldown(1).build();
        List<List<AppliedLearningRate.Step>> workerStepsPerFit = new ArrayList<>();
        c.getController().onStep(step -> workerStepsPerFit.add(WorkerLearningRates.drain())); // after each fit
        WorkerLearningRates.drain();
        List<PlateauStep> h = c.fitEpochsMultiDataSet(sparkNet, train, validation, torchReduced.size());

        assertThat(reducedFlags(h)).isEqualTo(torchReduced);
        assertThat(h).isEqualTo(c.getHistory());
        for (int i = 0; i < h.size(); i++) {
            assertThat(h.get(i).getEpoch()).isEqualTo(i + 1);
            assertThat(h.get(i).getIteration()).isEqualTo((i + 1) * 2 * SparkTestSupport.AVERAGING_FREQUENCY);
        }
        // the last metric is DL4J's own Spark score of the validation RDD, on the network as it is now
        assertRelClose(sparkNet.calculateScoreMultiDataSet(validation, true), h.get(h.size() - 1).getMetric());
        assertThat(scheduleOf(updaterOf(net, "dense"))).isEqualTo(new ScaledSchedule(base, 0.25));
        assertThat(scheduleOf(updaterOf(net, "out"))).isEqualTo(new ScaledSchedule(base, 0.25));
        // every worker step of fit f applied 0.5^(reductions after the fits before f) x the schedule at the
        // worker's counters
        assertThat(workerStepsPerFit).hasSize(torchReduced.size());
        double multiplier = 1;
        for (int f = 0; f < torchReduced.size(); f++) {
            List<AppliedLearningRate.Step> steps = workerStepsPerFit.get(f);
            assertThat(steps).as("fit %d", f + 1).hasSize(2 * 2 * SparkTestSupport.AVERAGING_FREQUENCY);
            double m = multiplier;
            assertEveryStepApplied(steps, s -> m * base.valueAt(s.iteration(), s.epoch()));
            // DL4J 1.0.0-M2.1: ComputationGraphConfiguration.clone() drops iterationCount and epochCount, and
            // each split's worker starts from such a clone, so ComputationGraph workers count from (0, 0) in
            // every split (MultiLayerNetwork workers continue from the driver's counters, see above).
            assertThat(steps.stream().map(s -> s.iteration() + "/" + s.epoch()).distinct())
                    .as("fit %d", f + 1).containsExactlyInAnyOrder("0/0", "1/0");
            if (torchReduced.get(f)) {
                multiplier *= 0.5;
            }
        }
        // without validation data: the averaged training score of each fit
        List<PlateauStep> byScore = c.fitEpochsMultiDataSet(sparkNet, train, null, 1);
        assertThat(byScore).hasSize(1);
        assertThat(byScore.get(0).getMetric()).isEqualTo(sparkNet.getScore());
    }

    private static List<MultiDataSet> multi(List<DataSet> data) {
        return data.stream().map(DataSet::toMultiDataSet).collect(Collectors.toList());
    }

    /**
     * Spark's RDD path ({@code SparkMetrics}) against the DL4J method of the metric's name on the driver network's
     * outputs for the same examples ({@code Dl4jMetricValues}; AUC with Spark's threshold steps): every metric
     * for SparkDl4jMultiLayer; for SparkComputationGraph with DataSets and with MultiDataSets the metrics whose
     * evaluation differs per path (LOSS: its own scoring function; AUC: the ROC; R2: the merge repair) and one
     * classification metric. The ten values differ by more than 1e-4 relative, the comparison is to 1e-5 (Spark
     * evaluates in float per partition, re-batched, and merges; R2 is a difference of two close sums), so a
     * swapped mapping fails. R2 also fails without the {@code RegressionEvaluation.merge} repair (-0.093 locally,
     * 0.25 through Spark's merge in nd4j 1.0.0-M2.1).
     */
    @Test
    void everyMetricOfAValidationRddIsTheDl4jMethodOfItsName() {
        MultiLayerNetwork net = SparkTestSupport.mln(new Sgd(0.1));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc(), net, SparkTestSupport.trainingMaster());
        ComputationGraph graph = SparkTestSupport.graph(new Sgd(0.1));
        SparkComputationGraph sparkGraph = new SparkComputationGraph(sc(), graph, SparkTestSupport.trainingMaster());
        sparkNet.fit(SparkTestSupport.train(sc())); // trained a little: accuracy, precision, recall, F1 differ
        sparkGraph.fit(SparkTestSupport.train(sc()));
        JavaRDD<DataSet> validation = SparkTestSupport.validation(sc());
        JavaRDD<MultiDataSet> multi = validation.map(DataSet::toMultiDataSet);
        List<DataSet> examples = SparkTestSupport.data(2, 4, 4); // what validation(sc) holds
        Map<String, Double> expected = Dl4jMetricValues.of(net, examples, SparkPlateauController.ROC_THRESHOLD_STEPS);
        Map<String, Double> expectedCg = Dl4jMetricValues.of(graph, examples,
                SparkPlateauController.ROC_THRESHOLD_STEPS);
        Dl4jMetricValues.assertPairwiseDistinct(expected, 1e-4);
        Dl4jMetricValues.assertPairwiseDistinct(expectedCg, 1e-4);
        for (Metric m : Metric.values()) {
            SparkPlateauController onMln = SparkPlateauController.builder().metric(m).build();
            onMln.step(sparkNet, validation);
            assertClose(expected.get(m.name()), onMln.getHistory().get(0).getMetric(), m + " SparkDl4jMultiLayer");
        }
        for (Metric m : List.of(Metric.LOSS, Metric.F1, Metric.AUC, Metric.R2)) {
            SparkPlateauController onCg = SparkPlateauController.builder().metric(m).build();
            onCg.step(sparkGraph, validation);
            onCg.stepMultiDataSet(sparkGraph, multi);
            assertClose(expectedCg.get(m.name()), onCg.getHistory().get(0).getMetric(), m + " SparkComputationGraph");
            assertClose(expectedCg.get(m.name()), onCg.getHistory().get(1).getMetric(), m + " MultiDataSet RDD");
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertThat(Math.abs(actual - expected)).as("%s: %s, expected %s", what, actual, expected)
                .isLessThanOrEqualTo(1e-5 * Math.abs(expected));
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
        INDArray before = net.params().dup();
        c.step(sparkNet, validation);
        assertBitwiseEqual(before, net.params(), "driver params after a Spark evaluation");
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
