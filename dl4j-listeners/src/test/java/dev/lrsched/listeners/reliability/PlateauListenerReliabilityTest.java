package dev.lrsched.listeners.reliability;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.plateau.NanPolicy;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Specification of ReduceLROnPlateauListener under faults and interruption:
 * <ul>
 *   <li>every bad builder argument is rejected at build time with a message naming field, value, range;</li>
 *   <li>validation data with NaN labels, a NaN training score: the NaN policy applies (COUNT_AS_BAD counts
 *       a bad evaluation and never hands NaN to the updater, FAIL makes fit fail fast);</li>
 *   <li>a validation iterator that fails on a later evaluation fails fit fast, and nothing the user configured
 *       (learning rate, schedule, listener state) is lost;</li>
 *   <li>a ScaledSchedule installed by a reduction, saved mid-epoch with ModelSerializer and restored together
 *       with the listener state, continues exactly like an uninterrupted run.</li>
 * </ul>
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PlateauListenerReliabilityTest {

    // ---------------------------------------------------------------- tiny deterministic network and data

    private static MultiLayerNetwork net(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(6).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static List<DataSet> batches(long seed, int count, boolean nanLabels) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            double[][] x = new double[8][4];
            double[][] y = new double[8][2];
            for (int i = 0; i < 8; i++) {
                for (int j = 0; j < 4; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i][0] = nanLabels ? Double.NaN : x[i][0] - x[i][1];
                y[i][1] = x[i][2] * 0.5;
            }
            out.add(new DataSet(Nd4j.create(x), Nd4j.create(y)));
        }
        return out;
    }

    private static ListDataSetIterator<DataSet> iterator(List<DataSet> data) {
        return new ListDataSetIterator<>(data, 1);
    }

    private static ISchedule scheduleOf(MultiLayerNetwork n, int layer) {
        return ((Sgd) ((BaseLayer) n.getLayerWiseConfigurations().getConf(layer).getLayer()).getIUpdater())
                .getLearningRateSchedule();
    }

    // ---------------------------------------------------------------- 1. bad inputs

    private static final class Case {
        final String id;
        final String message;
        final Supplier<Object> call;

        Case(String id, String message, Supplier<Object> call) {
            this.id = id;
            this.message = message;
            this.call = call;
        }
    }

    static final int EXPECTED_CASES = 37;

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1.0, -0.5,
                2.0}) {
            c.add(new Case("factor " + v, "factor must be in (0.0, 1.0), got " + v,
                    () -> ReduceLROnPlateauListener.builder().factor(v).build()));
        }
        c.add(new Case("patience -1", "patience must be >= 0, got -1",
                () -> ReduceLROnPlateauListener.builder().patience(-1).build()));
        c.add(new Case("cooldown -1", "cooldown must be >= 0, got -1",
                () -> ReduceLROnPlateauListener.builder().cooldown(-1).build()));
        for (String field : new String[] {"threshold", "minValue", "eps"}) {
            for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-9}) {
                c.add(new Case(field + " " + v, field + " must be finite and >= 0, got " + v, () -> {
                    ReduceLROnPlateauListener.Builder b = ReduceLROnPlateauListener.builder();
                    if (field.equals("threshold")) {
                        b.threshold(v);
                    } else if (field.equals("minValue")) {
                        b.minValue(v);
                    } else {
                        b.eps(v);
                    }
                    return b.build();
                }));
            }
        }
        c.add(new Case("mode null", "mode must not be null", () -> ReduceLROnPlateauListener.builder().mode(null).build()));
        c.add(new Case("thresholdMode null", "thresholdMode must not be null",
                () -> ReduceLROnPlateauListener.builder().thresholdMode(null).build()));
        c.add(new Case("nanPolicy null", "nanPolicy must not be null",
                () -> ReduceLROnPlateauListener.builder().nanPolicy(null).build()));
        c.add(new Case("evaluateEveryEpochs 0", "evaluateEveryEpochs must be > 0, got 0",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryEpochs(0).build()));
        c.add(new Case("evaluateEveryIterations -3", "evaluateEveryIterations must be > 0, got -3",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryIterations(-3).build()));
        c.add(new Case("validation iterator null", "iterator must not be null",
                () -> ReduceLROnPlateauListener.builder().validation((org.nd4j.linalg.dataset.api.iterator
                        .DataSetIterator) null, Metric.LOSS)));
        c.add(new Case("validation metric null", "metric must not be null",
                () -> ReduceLROnPlateauListener.builder().validation(iterator(batches(1, 1, false)), null)));
        c.add(new Case("scoreCalculator null", "scoreCalculator must not be null",
                () -> ReduceLROnPlateauListener.builder().scoreCalculator(null)));
        c.add(new Case("layers empty", "layers must name at least one layer",
                () -> ReduceLROnPlateauListener.builder().layers()));
        c.add(new Case("layers null element", "layers[1] must not be null",
                () -> ReduceLROnPlateauListener.builder().layers("a", null)));
        c.add(new Case("layerIndices empty", "layerIndices must name at least one layer",
                () -> ReduceLROnPlateauListener.builder().layerIndices()));
        c.add(new Case("restoreState null", "state must not be null",
                () -> ReduceLROnPlateauListener.builder().restoreState(null)));
        c.add(new Case("onReduction null", "onReduction must not be null",
                () -> ReduceLROnPlateauListener.builder().onReduction(null)));
        c.add(new Case("two metric sources", "set at most one metric source: validation(DataSetIterator, Metric),"
                + " validation(MultiDataSetIterator, Metric) or scoreCalculator(ScoreCalculator), got 2",
                () -> ReduceLROnPlateauListener.builder().validation(iterator(batches(1, 1, false)), Metric.LOSS)
                        .scoreCalculator(new Fixed(1.0)).build()));
        c.add(new Case("both evaluation frequencies", "set at most one of evaluateEveryEpochs(int) and"
                + " evaluateEveryIterations(int)",
                () -> ReduceLROnPlateauListener.builder().evaluateEveryEpochs(1).evaluateEveryIterations(1).build()));
        c.add(new Case("PlateauPolicy.State.fromJson null", "json must not be null",
                () -> PlateauPolicy.State.fromJson(null)));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyBadListenerArgumentIsRejectedWithAMessageNamingFieldValueAndRange() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.id + " -> " + k.message, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, k.call::get, k.id);
            assertEquals(k.message, e.getMessage(), k.id);
        }));
    }

    @Test
    void theListenerMatrixHasTheReportedSize() {
        assertThat(cases()).hasSize(EXPECTED_CASES);
    }

    @Test
    void malformedSavedStateJsonIsRefusedWithAClearMessage() {
        String valid = PlateauPolicy.builder().factor(0.5).build().state().toJson();
        String bad = valid.replaceAll("(\"factor\"\\s*:\\s*)0\\.5", "$17");
        assertThat(bad).isNotEqualTo(valid);
        assertThatThrownBy(() -> PlateauPolicy.State.fromJson(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("factor must be in (0.0, 1.0), got 7.0");
        assertThatThrownBy(() -> PlateauPolicy.State.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid PlateauPolicy.State JSON");
    }

    // ---------------------------------------------------------------- 4. faults

    @Test
    void nanValidationLabelsCountAsBadEvaluationsAndTheLearningRateStaysFinite() {
        MultiLayerNetwork n = net(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(iterator(batches(2, 2, true)), Metric.LOSS).patience(1).factor(0.5).build();
        n.addListeners(l);
        n.fit(iterator(batches(1, 2, false)), 3);
        assertThat(l.getHistory()).hasSize(3).allSatisfy(h -> assertThat(h.getMetric()).isNaN());
        // NaN never becomes "best"; bad evaluations 1, 2 -> reduction at evaluation 2 (patience 1)
        assertThat(l.getNumReductions()).isEqualTo(1);
        assertThat(n.getLearningRate(0)).isEqualTo(0.05);
        assertThat(n.params().isInfinite().any() || n.params().isNaN().any()).isFalse();
    }

    @Test
    void nanValidationLabelsWithNanPolicyFailMakeFitFailFast() {
        MultiLayerNetwork n = net(new Sgd(0.1));
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .validation(iterator(batches(2, 2, true)), Metric.LOSS).nanPolicy(NanPolicy.FAIL).build();
        n.addListeners(l);
        Throwable t = catchThrowable(() -> n.fit(iterator(batches(1, 2, false)), 5));
        assertThat(t).hasStackTraceContaining("metric must be finite, got NaN at step 1 (nanPolicy=FAIL)");
        assertThat(n.getEpochCount()).isZero(); // failed at the first epoch end, not after 5 epochs
        assertThat(n.getLearningRate(0)).isEqualTo(0.1); // the user's LR is untouched
    }

    @Test
    void aNanTrainingScoreFollowsTheNanPolicyToo() {
        MultiLayerNetwork n = net(new Sgd(0.1));
        ReduceLROnPlateauListener failing = ReduceLROnPlateauListener.builder().nanPolicy(NanPolicy.FAIL).build();
        n.addListeners(failing);
        Throwable t = catchThrowable(() -> n.fit(iterator(batches(1, 2, true)), 3));
        assertThat(t).hasStackTraceContaining("metric must be finite, got NaN at step 1 (nanPolicy=FAIL)");

        MultiLayerNetwork m = net(new Sgd(0.1));
        ReduceLROnPlateauListener counting = ReduceLROnPlateauListener.builder().patience(0).factor(0.5).build();
        m.addListeners(counting);
        m.fit(iterator(batches(1, 2, true)), 2);
        assertThat(counting.getHistory()).allSatisfy(h -> assertThat(h.getMetric()).isNaN());
        assertThat(m.getLearningRate(0)).isEqualTo(0.025); // two bad evaluations, patience 0: two reductions
    }

    @Test
    void aValidationIteratorThatFailsLaterFailsFitFastAndKeepsScheduleAndListenerState() {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 100);
        MultiLayerNetwork n = net(new Sgd(cos));
        List<DataSet> good = batches(2, 2, false);
        FailingAfter validation = new FailingAfter(good, 2 * good.size()); // evaluations 1 and 2 work
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder().validation(validation, Metric.LOSS)
                .patience(0).factor(0.5).threshold(10).build(); // every evaluation is "bad": a reduction each time
        n.addListeners(l);
        Throwable t = catchThrowable(() -> n.fit(iterator(batches(1, 2, false)), 6));
        assertThat(t).hasStackTraceContaining("ReduceLROnPlateauListener: evaluation #3 (validation LOSS) failed")
                .hasStackTraceContaining("validation disk went away");
        assertThat(n.getEpochCount()).isEqualTo(2);
        // nothing configured is lost: the cosine is still there, scaled by the two reductions that happened
        assertThat(scheduleOf(n, 0)).isEqualTo(new ScaledSchedule(cos, 0.25));
        assertThat(l.getEvaluationCount()).isEqualTo(2);
        assertThat(l.getNumReductions()).isEqualTo(2);
        assertThat(l.state().getLastEpoch()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- 3. resume mid-epoch with a ScaledSchedule

    /**
     * A cosine schedule is scaled by plateau reductions (evaluated every 3 iterations, 4 iterations per
     * epoch). The run is interrupted after iteration 6 (in the middle of epoch 1), saved with ModelSerializer
     * plus the listener's state JSON, restored, and continued: every later LR, reduction and the final
     * parameters equal the uninterrupted run.
     */
    @Test
    void aScaledScheduleInstalledByAReductionSavedMidEpochContinuesLikeAnUninterruptedRun() throws IOException {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.01, 20);
        double[] metrics = {1.0, 1.0, 0.5, 0.5, 0.5, 0.4};
        List<DataSet> data = batches(1, 4, false);
        int epochs = 3;
        int interruptAt = 6;

        MultiLayerNetwork full = net(new Sgd(cos));
        ReduceLROnPlateauListener lf = listener(new Fixed(metrics), null);
        full.addListeners(lf);
        List<Double> fullLrs = new ArrayList<>();
        runManualEpochs(full, data, 0, epochs * data.size(), fullLrs);

        MultiLayerNetwork first = net(new Sgd(cos));
        ReduceLROnPlateauListener l1 = listener(new Fixed(metrics), null);
        first.addListeners(l1);
        List<Double> lrs = new ArrayList<>();
        runManualEpochs(first, data, 0, interruptAt, lrs);
        assertThat(scheduleOf(first, 0)).isInstanceOf(ScaledSchedule.class); // a reduction has happened
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(first, bytes, true);
        String state = l1.state().toJson();

        MultiLayerNetwork resumed = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(resumed.getIterationCount()).isEqualTo(interruptAt);
        assertThat(resumed.getEpochCount()).isEqualTo(1);
        assertThat(scheduleOf(resumed, 0)).isEqualTo(scheduleOf(first, 0));
        ReduceLROnPlateauListener l2 = listener(new Fixed(metrics).from((int) l1.getEvaluationCount()),
                PlateauPolicy.State.fromJson(state));
        resumed.addListeners(l2);
        runManualEpochs(resumed, data, interruptAt, epochs * data.size(), lrs);

        assertThat(lrs).isEqualTo(fullLrs);
        assertThat(l2.state()).isEqualTo(lf.state());
        assertThat(scheduleOf(resumed, 0)).isEqualTo(scheduleOf(full, 0));
        assertBitwiseEqual(full.params(), resumed.params(), "resumed vs uninterrupted params");
    }

    private static ReduceLROnPlateauListener listener(Fixed calc, PlateauPolicy.State state) {
        ReduceLROnPlateauListener.Builder b = ReduceLROnPlateauListener.builder().scoreCalculator(calc)
                .evaluateEveryIterations(3).patience(0).factor(0.5);
        if (state != null) {
            b.restoreState(state);
        }
        return b.build();
    }

    /** fit(DataSet) per batch, epoch counter incremented by hand after each full pass (global steps from..to). */
    private static void runManualEpochs(MultiLayerNetwork n, List<DataSet> data, int from, int to, List<Double> lrs) {
        for (int step = from; step < to; step++) {
            lrs.add(n.getLearningRate(0));
            n.fit(data.get(step % data.size()));
            if ((step + 1) % data.size() == 0) {
                n.incrementEpochCount();
            }
        }
    }

    /** A calculator returning a scripted sequence (then repeating the last value). */
    static final class Fixed implements ScoreCalculator<Model> {
        private static final long serialVersionUID = 1L;
        private final double[] values;
        private int calls;

        Fixed(double... values) {
            this.values = values;
        }

        Fixed from(int index) {
            calls = index;
            return this;
        }

        @Override
        public double calculateScore(Model network) {
            return values[Math.min(calls++, values.length - 1)];
        }

        @Override
        public boolean minimizeScore() {
            return true;
        }
    }

    /** In-memory validation data whose source fails after {@code limit} batches have been served. */
    static final class FailingAfter extends ListDataSetIterator<DataSet> {
        private static final long serialVersionUID = 1L;
        private final int limit;
        private int served;

        FailingAfter(List<DataSet> data, int limit) {
            super(data, 1);
            this.limit = limit;
        }

        @Override
        public DataSet next(int num) { // ListDataSetIterator.next() delegates here
            if (served++ >= limit) {
                throw new IllegalStateException("validation disk went away");
            }
            return super.next(num);
        }
    }
}
