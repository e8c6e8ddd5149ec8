package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The code snippets of {@code docs/index.md}, {@code docs/schedules.md} and {@code docs/migrating-from-pytorch.md},
 * compiled and run: if a snippet stops compiling or a documented equivalence stops holding, this fails.
 */
class DocSnippetsTest {

    private static final ScheduleType ITERATION = ScheduleType.ITERATION;
    private static final ScheduleType EPOCH = ScheduleType.EPOCH;

    private static DataSetIterator iterator(org.nd4j.linalg.dataset.DataSet d, int batch) {
        return new ExistingDataSetIterator(d.batchBy(batch));
    }

    /** docs/index.md, "A 5-minute tour", sections 1 to 4 (tiny data, a few epochs). */
    @Test
    void indexTourRuns() {
        SyntheticData.Split split = SyntheticData.split(SyntheticData.ionosphereShaped(42), 0.8, 42);
        DataSetIterator trainIterator = iterator(split.train(), 32);
        DataSetIterator validationIterator = iterator(split.validation(), 64);

        // 1. A schedule in a network configuration
        ISchedule lr = Schedules.warmupCosine(ScheduleType.ITERATION, 1e-3, 100, 2_000);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(lr))
                .list()
                .layer(new DenseLayer.Builder().nIn(34).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(16).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.fit(trainIterator, 2);
        assertThat(net.getIterationCount()).isEqualTo(18); // 280 rows / 32 = 9 minibatches per epoch
        assertThat(net.getLearningRate(0)).isCloseTo(lr.valueAt(18, 2), within(1e-12));

        // 2. Reduce the learning rate on a plateau
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(validationIterator, Metric.LOSS)
                .factor(0.5)
                .patience(3)
                .minValue(1e-5)
                .build();
        net.addListeners(plateau);
        net.fit(trainIterator, 2);
        assertThat(plateau.getHistory()).hasSize(2);

        // 3. Find a learning rate
        LearningRateFinderResult result = LearningRateFinder.builder()
                .startValue(1e-6).endValue(10).numIterations(30)
                .build()
                .run(net, trainIterator);
        double lrToUse = result.suggestedLearningRate().orElse(1e-3);
        assertThat(lrToUse).isPositive();
        assertThat(result.learningRates()).isNotEmpty();

        // 4. Look at a schedule before training with it
        for (int iteration = 0; iteration <= 2_000; iteration += 100) {
            System.out.printf("%5d  %.3e%n", iteration, lr.valueAt(iteration, 0));   // epoch 0: an ITERATION schedule
        }
        assertThat(lr.valueAt(100, 0)).isCloseTo(1e-3, within(1e-15)); // the peak, at the end of the warmup
    }

    /** The code line under each docs/schedules.md section builds exactly the schedule its gallery image shows. */
    @Test
    void schedulesMdSnippetsAreTheGallerySchedules() {
        assertThat(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 800)).isEqualTo(ScheduleGallery.COSINE);
        assertThat(CosineWarmRestartsSchedule.of(ScheduleType.ITERATION, 0.1, 0.001, 200, 1)).isEqualTo(ScheduleGallery.RESTARTS);
        assertThat(CosineWarmRestartsSchedule.of(ScheduleType.ITERATION, 0.1, 0.001, 100, 2)).isEqualTo(ScheduleGallery.RESTARTS_T2);
        assertThat(new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 0.001, 100, 2, 0.5))
                .isEqualTo(ScheduleGallery.RESTARTS_DECAY);
        ISchedule cosine = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 800);
        assertThat(new WarmupSchedule(ScheduleType.ITERATION, 200, 0.001, WarmupShape.LINEAR, cosine))
                .isEqualTo(WarmupSchedule.linear(ScheduleType.ITERATION, 200, 0.001, cosine))
                .isEqualTo(ScheduleGallery.WARMUP_LINEAR);
        assertThat(new WarmupSchedule(ScheduleType.ITERATION, 200, 0.001, WarmupShape.COSINE, cosine))
                .isEqualTo(ScheduleGallery.WARMUP_COSINE);
        assertThat(new WarmupSchedule(ScheduleType.ITERATION, 200, 0.001, WarmupShape.EXPONENTIAL, cosine))
                .isEqualTo(ScheduleGallery.WARMUP_EXPONENTIAL);
        assertThat(new WarmupCosineSchedule(ScheduleType.ITERATION, 0.001, 0.1, 0.001, 200, 900))
                .isEqualTo(ScheduleGallery.WARMUP_COSINE_SCHEDULE);
        assertThat(new PolynomialSchedule(ScheduleType.ITERATION, 0.1, 0.001, 2.0, 800)).isEqualTo(ScheduleGallery.POLYNOMIAL);
        assertThat(CyclicSchedule.triangular(ScheduleType.ITERATION, 0.01, 0.1, 100)).isEqualTo(ScheduleGallery.CYCLIC_TRIANGULAR);
        assertThat(new CyclicSchedule(ScheduleType.ITERATION, 0.01, 0.1, 100, 100, CyclicMode.TRIANGULAR2, 1.0))
                .isEqualTo(ScheduleGallery.CYCLIC_TRIANGULAR2);
        assertThat(new CyclicSchedule(ScheduleType.ITERATION, 0.01, 0.1, 100, 100, CyclicMode.EXP_RANGE, 0.998))
                .isEqualTo(ScheduleGallery.CYCLIC_EXP_RANGE);
        assertThat(OneCycleSchedule.builder(0.1, 900).build()).isEqualTo(ScheduleGallery.ONE_CYCLE_COS);
        assertThat(OneCycleSchedule.builder(0.1, 900).annealStrategy(AnnealStrategy.LINEAR).build())
                .isEqualTo(ScheduleGallery.ONE_CYCLE_LINEAR);
        assertThat(OneCycleSchedule.builder(0.1, 900).threePhase(true).build()).isEqualTo(ScheduleGallery.ONE_CYCLE_THREE_PHASE);
        assertThat(OneCycleSchedule.builder(0.1, 900).scheduleType(ScheduleType.EPOCH).pctStart(0.25).divFactor(10)
                .finalDivFactor(100).build().getMinValue()).isCloseTo(1e-4, within(1e-18));
        assertThat(new LinearSchedule(ScheduleType.ITERATION, 0.1, 1.0, 0.1, 800)).isEqualTo(ScheduleGallery.LINEAR);
        assertThat(new LambdaSchedule(ScheduleType.ITERATION, 0.1, "min(step / 100, sqrt(100 / max(step, 1)))"))
                .isEqualTo(ScheduleGallery.LAMBDA);
        assertThat(new LambdaSchedule(ScheduleType.EPOCH, 0.1, "1 / (1 + 0.01 * epoch)").valueAt(0, 100))
                .isCloseTo(0.05, within(1e-15));
        assertThat(new SequentialSchedule(ScheduleType.ITERATION, List.of(
                new LinearSchedule(ScheduleType.ITERATION, 0.1, 0.01, 1.0, 100),
                new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.995),
                new FixedSchedule(0.01)), new int[] {100, 600})).isEqualTo(ScheduleGallery.SEQUENTIAL);
        assertThat(new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 800), 0.5))
                .isEqualTo(ScheduleGallery.SCALED);
        assertThat(Schedules.warmupStableDecay(ScheduleType.ITERATION, 0.1, 0.001, 100, 500, 300, AnnealStrategy.COS))
                .isEqualTo(ScheduleGallery.WSD_COS);
        assertThat(Schedules.multiStep(ScheduleType.ITERATION, 0.1, 0.3, 300, 600, 800)).isEqualTo(ScheduleGallery.MULTI_STEP);
        // FunctionSchedule: a lambda is equal only to itself, so check the values instead.
        assertThat(ScheduleGallery.FUNCTION.valueAt(100, 0)).isCloseTo(0.05, within(1e-15));
    }

    /** torch ConstantLR(SGD(lr=0.1), factor=0.25, total_iters=5) gave 0.025 x5, then 0.1 (torch 1.13). */
    @Test
    void constantLrIsASequentialOfTwoFixedSchedules() {
        ISchedule s = SequentialSchedule.of(EPOCH, new FixedSchedule(0.1 * 0.25), 5, new FixedSchedule(0.1));
        for (int e = 0; e < 5; e++) {
            assertThat(s.valueAt(0, e)).isEqualTo(0.025);
        }
        assertThat(s.valueAt(0, 5)).isEqualTo(0.1);
        assertThat(s.valueAt(0, 11)).isEqualTo(0.1);
        // The tempting LinearSchedule(start = end = factor) is not ConstantLR: it never returns to lr.
        assertThat(new LinearSchedule(EPOCH, 0.1, 0.25, 0.25, 5).valueAt(0, 11)).isCloseTo(0.025, within(1e-15));
    }

    /** migrating-from-pytorch.md: the MultiStepLR example (Nesterovs with a schedule and a momentum). */
    @Test
    void multiStepExampleBuilds() {
        ISchedule lr = Schedules.multiStep(ScheduleType.EPOCH, 0.1, 0.1, 30, 60, 80);
        Nesterovs updater = new Nesterovs(lr, 0.9);
        assertThat(updater.getLearningRate(0, 29)).isCloseTo(0.1, within(1e-15));
        assertThat(updater.getLearningRate(0, 30)).isCloseTo(0.01, within(1e-15));
        assertThat(updater.getLearningRate(0, 80)).isCloseTo(1e-4, within(1e-15));
    }

    /**
     * HF get_cosine_with_hard_restarts_schedule_with_warmup(lr=0.1, num_warmup_steps=10, num_training_steps=310,
     * num_cycles=3): numbers from HF's documented lambda, implemented in a few lines of python (HF is not installed).
     */
    @Test
    void hfHardRestartsMapping() {
        int w = 10;
        int t = 310;
        int n = 3;
        ISchedule s = new SequentialSchedule(ITERATION, List.of(
                WarmupSchedule.linear(ITERATION, w, 0.0, CosineWarmRestartsSchedule.of(ITERATION, 0.1, 0.0, (t - w) / n, 1)),
                new FixedSchedule(0.0)), new int[] {t});
        int[] steps = {0, 5, 10, 50, 109, 110, 111, 209, 210, 309, 310, 400};
        double[] hf = {0.0, 0.05, 0.1, 0.06545084971874737, 2.467198171342e-05, 0.1, 0.09997532801828658,
                2.467198171342e-05, 0.1, 2.467198171342e-05, 0.0, 0.0};
        for (int i = 0; i < steps.length; i++) {
            assertThat(s.valueAt(steps[i], 0)).as("step %d", steps[i]).isCloseTo(hf[i], within(1e-12 * 0.1));
        }
    }

    /**
     * HF get_inverse_sqrt_schedule(lr=0.1, num_warmup_steps=100[, timescale=10000]): numbers from HF's documented
     * lambda in python (HF is not installed).
     */
    @Test
    void hfInverseSqrtMapping() {
        int[] steps = {0, 1, 50, 99, 100, 101, 400, 4999};
        double[] hfDefault = {0.0, 0.001, 0.05, 0.099, 0.1, 0.09950371902099893, 0.05, 0.014143550049460718};
        double[] hfTimescale = {0.0, 0.001, 0.05, 0.099, 0.1, 0.09999500037496878, 0.09853292781642932,
                0.08192594129069375};
        ISchedule def = new LambdaSchedule(ITERATION, 0.1, "min(step / 100, sqrt(100 / max(step + 100 - 100, 1)))");
        ISchedule ts = new LambdaSchedule(ITERATION, 0.1, "min(step / 100, sqrt(10000 / max(step + 10000 - 100, 1)))");
        for (int i = 0; i < steps.length; i++) {
            assertThat(def.valueAt(steps[i], 0)).as("step %d", steps[i]).isCloseTo(hfDefault[i], within(1e-15));
            assertThat(ts.valueAt(steps[i], 0)).as("step %d", steps[i]).isCloseTo(hfTimescale[i], within(1e-15));
        }
    }

    /** Keras formulas (Keras is not installed; the documented formulas are evaluated here directly). */
    @Test
    void kerasMappings() {
        // PiecewiseConstantDecay(boundaries=[100, 200], values=[1.0, 0.5, 0.1]): values[i] while step <= boundaries[i].
        ISchedule piecewise = new SequentialSchedule(ITERATION,
                List.of(new FixedSchedule(1.0), new FixedSchedule(0.5), new FixedSchedule(0.1)), new int[] {101, 201});
        assertThat(piecewise.valueAt(100, 0)).isEqualTo(1.0);
        assertThat(piecewise.valueAt(101, 0)).isEqualTo(0.5);
        assertThat(piecewise.valueAt(200, 0)).isEqualTo(0.5);
        assertThat(piecewise.valueAt(201, 0)).isEqualTo(0.1);
        // InverseTimeDecay(0.1, decay_steps=50, decay_rate=0.5): 0.1 / (1 + 0.5 * step / 50)
        ISchedule inv = new InverseSchedule(ITERATION, 0.1, 0.5 / 50, 1.0);
        assertThat(inv.valueAt(300, 0)).isCloseTo(0.1 / (1 + 0.5 * 300 / 50.0), within(1e-15));
        // ExponentialDecay(0.1, decay_steps=100, decay_rate=0.5): 0.1 * 0.5^(step / 100)
        ISchedule expLambda = new LambdaSchedule(ITERATION, 0.1, "0.5 ^ (step / 100)");
        ISchedule expNd4j = new ExponentialSchedule(ITERATION, 0.1, Math.pow(0.5, 1.0 / 100));
        assertThat(expLambda.valueAt(150, 0)).isCloseTo(0.1 * Math.pow(0.5, 1.5), within(1e-15));
        assertThat(expNd4j.valueAt(150, 0)).isCloseTo(0.1 * Math.pow(0.5, 1.5), within(1e-15));
        assertThat(Schedules.step(ITERATION, 0.1, 0.5, 100).valueAt(199, 0)).isEqualTo(0.05);
        // CosineDecayRestarts(0.1, first_decay_steps=100, t_mul=2, m_mul=0.5, alpha=0): restart 1 at step 100, peak 0.05.
        ISchedule restarts = new CosineWarmRestartsSchedule(ITERATION, 0.1, 0.0, 100, 2, 0.5);
        assertThat(restarts.valueAt(100, 0)).isCloseTo(0.05, within(1e-15));
        assertThat(restarts.valueAt(300, 0)).isCloseTo(0.025, within(1e-15));
        // LearningRateScheduler(lambda epoch, lr: lr * 0.9) from 0.1 = 0.1 * 0.9^epoch
        assertThat(Schedules.exponential(EPOCH, 0.1, 0.9).valueAt(0, 3)).isCloseTo(0.1 * 0.9 * 0.9 * 0.9, within(1e-15));
    }
}
