package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import dev.lrsched.listeners.LearningRateFinderResult.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LearningRateFinderTest {

    // ------------------------------------------------------------------------------------------
    // builder validation

    @Test
    void defaultsAreTorchLrFindersAndFastais() {
        LearningRateFinder f = LearningRateFinder.builder().build();
        assertThat(f.getStartValue()).isEqualTo(1e-7);
        assertThat(f.getEndValue()).isEqualTo(10.0);
        assertThat(f.getNumIterations()).isEqualTo(100);
        assertThat(f.getSweep()).isEqualTo(Sweep.EXPONENTIAL);
        assertThat(f.getSmoothing()).isEqualTo(0.05);
        assertThat(f.getDivergenceThreshold()).isEqualTo(5.0);
        assertThat(f).hasToString("LearningRateFinder(startValue=1.0E-7, endValue=10.0, numIterations=100,"
                + " sweep=EXPONENTIAL, smoothing=0.05, divergenceThreshold=5.0)");
        assertThat(f.toBuilder().build()).isEqualTo(f);
    }

    @Test
    void rejectsBadStartValue() {
        assertRejected("startValue must be finite and > 0, got 0.0", () -> LearningRateFinder.builder().startValue(0).build());
        assertRejected("startValue must be finite and > 0, got -1.0", () -> LearningRateFinder.builder().startValue(-1).build());
        assertRejected("startValue must be finite and > 0, got NaN", () -> LearningRateFinder.builder().startValue(Double.NaN).build());
        assertRejected("startValue must be finite and > 0, got Infinity",
                () -> LearningRateFinder.builder().startValue(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void rejectsEndValueNotAboveStart() {
        assertRejected("endValue must be > startValue (1.0E-7), got 1.0E-7", () -> LearningRateFinder.builder().endValue(1e-7).build());
        assertRejected("endValue must be > startValue (0.1), got 0.01",
                () -> LearningRateFinder.builder().startValue(0.1).endValue(0.01).build());
        assertRejected("endValue must be finite and > 0, got Infinity",
                () -> LearningRateFinder.builder().endValue(Double.POSITIVE_INFINITY).build());
        assertRejected("endValue must be finite and > 0, got NaN", () -> LearningRateFinder.builder().endValue(Double.NaN).build());
        assertRejected("endValue must be finite and > 0, got -Infinity",
                () -> LearningRateFinder.builder().endValue(Double.NEGATIVE_INFINITY).build());
    }

    @Test
    void rejectsFewerThanTwoIterations() {
        assertRejected("numIterations must be >= 2, got 1", () -> LearningRateFinder.builder().numIterations(1).build());
        assertRejected("numIterations must be >= 2, got 0", () -> LearningRateFinder.builder().numIterations(0).build());
        assertRejected("numIterations must be >= 2, got -5", () -> LearningRateFinder.builder().numIterations(-5).build());
        assertThat(LearningRateFinder.builder().numIterations(2).build().getNumIterations()).isEqualTo(2);
    }

    @Test
    void rejectsSmoothingOutsideZeroInclusiveToOneExclusive() {
        assertRejected("smoothing must be in [0.0, 1.0), got 1.0", () -> LearningRateFinder.builder().smoothing(1).build());
        assertRejected("smoothing must be in [0.0, 1.0), got -0.01", () -> LearningRateFinder.builder().smoothing(-0.01).build());
        assertRejected("smoothing must be in [0.0, 1.0), got NaN", () -> LearningRateFinder.builder().smoothing(Double.NaN).build());
        assertThat(LearningRateFinder.builder().smoothing(0).build().getSmoothing()).isEqualTo(0.0);
    }

    @Test
    void rejectsDivergenceThresholdNotAboveOne() {
        assertRejected("divergenceThreshold must be finite and > 1, got 1.0",
                () -> LearningRateFinder.builder().divergenceThreshold(1).build());
        assertRejected("divergenceThreshold must be finite and > 1, got NaN",
                () -> LearningRateFinder.builder().divergenceThreshold(Double.NaN).build());
        assertRejected("divergenceThreshold must be finite and > 1, got Infinity",
                () -> LearningRateFinder.builder().divergenceThreshold(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void rejectsNullSweepNetAndData() {
        assertRejected("sweep must not be null", () -> LearningRateFinder.builder().sweep(null).build());
        LearningRateFinder f = LearningRateFinder.builder().build();
        assertRejected("net must not be null", () -> f.run((MultiLayerNetwork) null, iterator(regressionData(), 16)));
        assertRejected("data must not be null", () -> f.run(regressionNet(new Sgd(0.1)), null));
        assertRejected("net must not be null", () -> f.run((ComputationGraph) null, iterator(regressionData(), 16)));
    }

    @Test
    void equalsCoversEverySetting() {
        LearningRateFinder.Builder b = LearningRateFinder.builder();
        new EqualsTester()
                .addEqualityGroup(b.build(), LearningRateFinder.builder().build())
                .addEqualityGroup(LearningRateFinder.builder().startValue(1e-6).build())
                .addEqualityGroup(LearningRateFinder.builder().endValue(1).build())
                .addEqualityGroup(LearningRateFinder.builder().numIterations(50).build())
                .addEqualityGroup(LearningRateFinder.builder().sweep(Sweep.LINEAR).build())
                .addEqualityGroup(LearningRateFinder.builder().smoothing(0.1).build())
                .addEqualityGroup(LearningRateFinder.builder().divergenceThreshold(4).build())
                .testEquals();
    }

    // ------------------------------------------------------------------------------------------
    // the sweep

    @Test
    void exponentialSweepMatchesTorchLrFinder() {
        // torch 1.13: torch-lr-finder's ExponentialLR(_LRScheduler) (base_lr * (end_lr/base_lr) ** (last_epoch/(num_iter-1)))
        // re-declared in a python snippet on an SGD(lr=1e-7) optimizer, end_lr=10, num_iter=100; history["lr"] at i.
        LearningRateFinder f = LearningRateFinder.builder().build();
        assertThat(f.learningRateAt(0)).isEqualTo(1e-7);
        assertRelClose(1.2045035402587822e-07, f.learningRateAt(1));
        assertRelClose(1.4508287784959396e-07, f.learningRateAt(2));
        assertRelClose(0.0010974987654930567, f.learningRateAt(50));
        assertRelClose(8.302175681319753, f.learningRateAt(98));
        assertThat(f.learningRateAt(99)).isEqualTo(10.0);
        assertThat(f.learningRateAt(100)).as("beyond the end holds endValue").isEqualTo(10.0);
        assertThat(f.learningRateAt(Integer.MAX_VALUE)).isEqualTo(10.0);
        assertThat(f.learningRateAt(-3)).isEqualTo(1e-7);
    }

    @Test
    void linearSweepMatchesTorchLrFinder() {
        // same snippet with torch-lr-finder's LinearLR (base_lr + r * (end_lr - base_lr)), 1e-3 -> 1, num_iter=5
        LearningRateFinder f = LearningRateFinder.builder().sweep(Sweep.LINEAR).startValue(1e-3).endValue(1).numIterations(5).build();
        double[] expected = {0.001, 0.25075, 0.5005, 0.75025, 1.0};
        for (int i = 0; i < expected.length; i++) {
            assertRelClose(expected[i], f.learningRateAt(i), "step " + i);
        }
    }

    @Test
    void sweepScheduleCountsFromTheIterationItWasInstalledAtAndSurvivesDl4j() {
        SweepSchedule s = new SweepSchedule(Sweep.EXPONENTIAL, 1e-4, 1, 5, 7);
        assertThat(s.valueAt(0, 0)).as("before installation: start").isEqualTo(1e-4);
        assertThat(s.valueAt(7, 0)).isEqualTo(1e-4);
        assertRelClose(1e-3, s.valueAt(8, 3));
        assertRelClose(1e-2, s.valueAt(9, 0));
        assertThat(s.valueAt(11, 0)).isEqualTo(1.0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(1.0);
        assertThat(s.valueAt(-1, 0)).as("wrapped counter = unsigned, past the end").isEqualTo(1.0);
        assertThat(s).hasToString("SweepSchedule(sweep=EXPONENTIAL, startValue=1.0E-4, endValue=1.0, numIterations=5, firstIteration=7)");
        assertSurvivesDl4j(s);
        assertSurvivesDl4j(new SweepSchedule(Sweep.LINEAR, 0.5, 2, 100, 4_000_000_000L));
        new EqualsTester()
                .addEqualityGroup(s, new SweepSchedule(Sweep.EXPONENTIAL, 1e-4, 1, 5, 7), s.clone())
                .addEqualityGroup(new SweepSchedule(Sweep.LINEAR, 1e-4, 1, 5, 7))
                .addEqualityGroup(new SweepSchedule(Sweep.EXPONENTIAL, 2e-4, 1, 5, 7))
                .addEqualityGroup(new SweepSchedule(Sweep.EXPONENTIAL, 1e-4, 2, 5, 7))
                .addEqualityGroup(new SweepSchedule(Sweep.EXPONENTIAL, 1e-4, 1, 6, 7))
                .addEqualityGroup(new SweepSchedule(Sweep.EXPONENTIAL, 1e-4, 1, 5, 8))
                .testEquals();
    }

    // ------------------------------------------------------------------------------------------
    // least squares: the stable range of SGD is known exactly

    /**
     * 16 rows, 4 features = columns 1..4 of the 16x16 Sylvester-Hadamard matrix: entries +-1,
     * zero mean, mutually orthogonal, so with the bias column Xb = [X 1] we have Xb^T Xb / N = I.
     * DL4J's MSE (nOut = 1) is L = mean((y_hat - y)^2), whose Hessian is (2/N) Xb^T Xb = 2 I.
     * Full-batch SGD multiplies the fit error by (1 - 2 lr) each step: the loss never increases
     * while lr <= 1 and grows once lr > 1; it is minimised in one step at lr = 0.5.
     */
    private static DataSet regressionData() {
        int n = 16;
        double[][] x = new double[n][4];
        double[] y = new double[n];
        double[] w = {1.5, -2.0, 0.5, 3.0};
        Random noise = new Random(7);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = Integer.bitCount(i & (1 << j)) % 2 == 0 ? 1 : -1; // H16[i][2^j]
            }
            y[i] = 0.25 + x[i][0] * w[0] + x[i][1] * w[1] + x[i][2] * w[2] + x[i][3] * w[3] + 0.1 * noise.nextGaussian();
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.DOUBLE), Nd4j.create(y, new long[] {n, 1}).castTo(DataType.DOUBLE));
    }

    private static MultiLayerNetwork regressionNet(org.nd4j.linalg.learning.config.IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(updater).weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Resettable, no async prefetch, minibatches merged once up front. */
    private static ExistingDataSetIterator iterator(DataSet all, int batch) {
        return new ExistingDataSetIterator(all.batchBy(batch));
    }

    @Test
    void designHasIdentityGramMatrix() {
        INDArray x = regressionData().getFeatures();
        INDArray xb = Nd4j.hstack(x, Nd4j.ones(DataType.DOUBLE, 16, 1));
        INDArray gram = xb.transpose().mmul(xb).div(16);
        assertThat(gram.equalsWithEps(Nd4j.eye(5).castTo(DataType.DOUBLE), 1e-12)).isTrue();
    }

    @Test
    void leastSquaresLossNeverRisesInTheStableRangeAndDivergesOnlyBeyondIt() {
        LearningRateFinder f = LearningRateFinder.builder().startValue(1e-3).endValue(10).numIterations(100).build();
        LearningRateFinderResult r = f.run(regressionNet(new Sgd(0.1)), iterator(regressionData(), 16));

        assertThat(r.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.reason()).startsWith("smoothed loss ").contains("exceeded 5.0 x best");
        List<Double> lrs = r.learningRates();
        assertThat(lrs.get(lrs.size() - 1)).as("smoothed loss can only blow up once lr > 2/lambda_max = 1").isGreaterThan(1.0);
        for (int i = 0; i < r.size(); i++) {
            assertThat(lrs.get(i)).isEqualTo(f.learningRateAt(i));
        }
        // step i uses lr(i); the score DL4J reports after step i is the loss *before* that update
        // (computed in the same forward pass, as torch-lr-finder's loss.item()), so the update with
        // lr(i) shows in loss(i + 1). The loss is non-increasing while that lr <= 1.
        for (int i = 0; i + 1 < r.size() && lrs.get(i) <= 1.0; i++) {
            assertThat(r.losses().get(i + 1)).as("loss after lr %s", lrs.get(i))
                    .isLessThanOrEqualTo(r.losses().get(i) * (1 + 1e-12));
        }
        double suggestion = r.suggestedLearningRate().getAsDouble();
        assertThat(suggestion).as("steepest descent inside the stable range, at most 2/lambda_max = 1; below 0.01 a step removes < 4% of the loss, at 0.05 already 19%")
                .isBetween(0.01, 1.0);
        assertThat(r.minLossOverTen().getAsDouble()).isBetween(0.01, 1.0);
    }

    @Test
    void smoothingAndDivergenceFollowTorchLrFindersLoop() {
        LearningRateFinder f = LearningRateFinder.builder().startValue(1e-2).endValue(10).numIterations(40).smoothing(0).build();
        LearningRateFinderResult r = f.run(regressionNet(new Sgd(0.1)), iterator(regressionData(), 16));
        assertThat(r.smoothedLosses()).as("smoothing 0 disables smoothing").isEqualTo(r.losses());

        LearningRateFinderResult s = LearningRateFinder.builder().startValue(1e-2).endValue(10).numIterations(40).smoothing(0.3)
                .build().run(regressionNet(new Sgd(0.1)), iterator(regressionData(), 16));
        assertThat(s.smoothedLosses().get(0)).isEqualTo(s.losses().get(0));
        double best = s.smoothedLosses().get(0);
        for (int i = 1; i < s.size(); i++) {
            double expected = 0.3 * s.losses().get(i) + 0.7 * s.smoothedLosses().get(i - 1);
            assertThat(s.smoothedLosses().get(i)).isEqualTo(expected);
            if (i < s.size() - 1) {
                assertThat(s.smoothedLosses().get(i)).isLessThanOrEqualTo(5 * best);
            }
            best = Math.min(best, s.smoothedLosses().get(i));
        }
        assertThat(s.smoothedLosses().get(s.size() - 1)).as("the diverging step is recorded").isGreaterThan(5 * best);
    }

    @Test
    void nonFiniteLossStopsWithoutRecordingThatStep() {
        MultiLayerNetwork net = regressionNet(new Sgd(0.1));
        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1).endValue(1e30).numIterations(100)
                .divergenceThreshold(Double.MAX_VALUE).build().run(net, iterator(regressionData(), 16));
        assertThat(r.stopReason()).isEqualTo(StopReason.NON_FINITE_LOSS);
        assertThat(r.reason()).startsWith("loss was ").endsWith("that step is not recorded");
        assertThat(r.losses()).allMatch(Double::isFinite).isNotEmpty();
        assertThat(r.size()).isLessThan(100);
    }

    @Test
    void completesWhenNothingDiverges() {
        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1e-4).endValue(0.5).numIterations(30)
                .build().run(regressionNet(new Sgd(0.1)), iterator(regressionData(), 4));
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
        assertThat(r.stoppedEarly()).isFalse();
        assertThat(r.reason()).isEqualTo("completed all 30 iterations");
        assertThat(r.size()).isEqualTo(30);
        assertThat(r.learningRates().get(29)).isEqualTo(0.5);
    }

    @Test
    void iteratorWithoutResetStopsWhenExhausted() {
        List<DataSet> batches = regressionData().batchBy(4); // 4 minibatches
        LearningRateFinderResult r = LearningRateFinder.builder().numIterations(10).build()
                .run(regressionNet(new Sgd(0.1)), new ExistingDataSetIterator(batches.iterator()));
        assertThat(r.stopReason()).isEqualTo(StopReason.DATA_EXHAUSTED);
        assertThat(r.size()).isEqualTo(4);
        assertThat(r.reason()).isEqualTo("the data iterator ran out after 4 minibatches and does not support reset");

        LearningRateFinderResult empty = LearningRateFinder.builder().build()
                .run(regressionNet(new Sgd(0.1)), new ExistingDataSetIterator(new ArrayList<DataSet>().iterator()));
        assertThat(empty.size()).isZero();
        assertThat(empty.reason()).isEqualTo("the data iterator has no minibatches");
        assertThat(empty.suggestedLearningRate()).isEmpty();
        assertThat(empty.minLossLearningRate()).isEmpty();
    }

    @Test
    void resettableIteratorIsCycled() {
        ExistingDataSetIterator it = iterator(regressionData(), 8); // 2 minibatches per pass
        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1e-4).endValue(0.1).numIterations(7).build()
                .run(regressionNet(new Sgd(0.1)), it);
        assertThat(r.size()).isEqualTo(7);
        assertThat(r.stopReason()).isEqualTo(StopReason.COMPLETED);
    }

    @Test
    void separateBiasUpdaterIsSweptToo() {
        // DL4J's setLearningRate(ISchedule) skips bias updaters. If the finder did too, the bias would
        // keep lr 0.3 and the curve would differ from the same net without a separate bias updater.
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).biasUpdater(new Sgd(0.3)).weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork withBiasUpdater = new MultiLayerNetwork(conf);
        withBiasUpdater.init();
        LearningRateFinder f = LearningRateFinder.builder().startValue(1e-3).endValue(0.5).numIterations(30).build();
        LearningRateFinderResult a = f.run(withBiasUpdater, iterator(regressionData(), 16));
        LearningRateFinderResult b = f.run(regressionNet(new Sgd(0.1)), iterator(regressionData(), 16));
        assertThat(a.losses()).isEqualTo(b.losses());
        assertThat(withBiasUpdater.getLayerWiseConfigurations().toJson()).isEqualTo(conf.toJson());
    }

    @Test
    void networkWithoutAnyLearningRateIsRejected() {
        assertRejected("net must have at least one layer whose updater has a learning rate (AdaDelta and NoOp have none), got 0 such layers",
                () -> LearningRateFinder.builder().build().run(regressionNet(new AdaDelta()), iterator(regressionData(), 16)));
    }

    // ------------------------------------------------------------------------------------------
    // the user's network is untouched

    private static final class CountingListener extends BaseTrainingListener {
        int iterations;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            iterations++;
        }
    }

    private static DataSet blobs(long seed) {
        Random rnd = new Random(seed);
        int n = 64;
        double[][] x = new double[n][2];
        double[][] y = new double[n][2];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            x[i][0] = (c == 0 ? -2 : 2) + rnd.nextGaussian();
            x[i][1] = (c == 0 ? 1 : -1) + rnd.nextGaussian();
            y[i][c] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(y).castTo(DataType.FLOAT));
    }

    @Test
    void multiLayerNetworkParamsUpdaterStateConfigCountersAndListenersAreUntouched() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(3).updater(new Adam(new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.99)))
                .biasUpdater(new Sgd(0.02))
                .list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        CountingListener listener = new CountingListener();
        net.setListeners(listener);
        net.fit(iterator(blobs(1), 16)); // 4 iterations, 1 epoch: non-zero Adam state
        int listenerCalls = listener.iterations;

        INDArray params = net.params().dup();
        INDArray state = net.getUpdater().getStateViewArray().dup();
        String json = net.getLayerWiseConfigurations().toJson();
        int iter = net.getIterationCount();
        int epoch = net.getEpochCount();
        Double lr0 = net.getLearningRate(0);
        List<TrainingListener> listeners = new ArrayList<>(net.getListeners());

        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1e-5).endValue(1).numIterations(20).build()
                .run(net, iterator(blobs(2), 16));

        assertThat(r.size()).isPositive();
        assertBitwiseEqual(params, net.params(), "params after the range test");
        assertBitwiseEqual(state, net.getUpdater().getStateViewArray(), "updater state after the range test");
        assertThat(net.getLayerWiseConfigurations().toJson()).isEqualTo(json);
        assertThat(net.getIterationCount()).isEqualTo(iter);
        assertThat(net.getEpochCount()).isEqualTo(epoch);
        assertThat(net.getLearningRate(0)).isEqualTo(lr0);
        assertThat(net.getListeners()).containsExactlyElementsOf(listeners);
        assertThat(listener.iterations).as("the user's listeners do not see the range test").isEqualTo(listenerCalls);
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).updater(new Adam(0.01))
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(2).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(2).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph cg = new ComputationGraph(conf);
        cg.init();
        return cg;
    }

    @Test
    void computationGraphIsUntouchedIncludingItsListenerList() {
        ComputationGraph cg = graph();
        CountingListener listener = new CountingListener();
        cg.setListeners(listener);
        cg.fit(iterator(blobs(1), 16));
        int listenerCalls = listener.iterations;
        INDArray params = cg.params().dup();
        INDArray state = cg.getUpdater().getStateViewArray().dup();
        String json = cg.getConfiguration().toJson();
        int iter = cg.getConfiguration().getIterationCount();

        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1e-5).endValue(10).numIterations(15).build()
                .run(cg, iterator(blobs(2), 16));

        assertThat(r.size()).isGreaterThan(5);
        assertBitwiseEqual(params, cg.params(), "params after the range test");
        assertBitwiseEqual(state, cg.getUpdater().getStateViewArray(), "updater state after the range test");
        assertThat(cg.getConfiguration().toJson()).isEqualTo(json);
        assertThat(cg.getConfiguration().getIterationCount()).isEqualTo(iter);
        assertThat(cg.getListeners()).containsExactly(listener);
        assertThat(listener.iterations).isEqualTo(listenerCalls);
        assertThat(cg.getLearningRate("out")).isEqualTo(0.01);
    }

    @Test
    void computationGraphRunsFromAMultiDataSetIterator() {
        ComputationGraph cg = graph();
        LearningRateFinder f = LearningRateFinder.builder().startValue(1e-4).endValue(10).numIterations(12).build();
        LearningRateFinderResult fromMulti = f.run(cg, new MultiDataSetIteratorAdapter(iterator(blobs(2), 16)));
        LearningRateFinderResult fromSingle = f.run(cg, iterator(blobs(2), 16));
        assertThat(fromMulti.size()).isGreaterThan(5);
        assertThat(fromMulti.learningRates()).isEqualTo(fromSingle.learningRates());
        assertThat(fromMulti.losses()).as("same network copy, same data: same curve").isEqualTo(fromSingle.losses());
    }

    @Test
    void uninitialisedGraphIsInitialisedThenTested() {
        ComputationGraph cg = new ComputationGraph(graph().getConfiguration().clone());
        LearningRateFinderResult r = LearningRateFinder.builder().numIterations(5).build().run(cg, iterator(blobs(2), 16));
        assertThat(r.size()).isEqualTo(5);
    }
}
