package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

class SchedulesTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** torch 1.13 MultiStepLR(SGD(lr=0.5), milestones=[3, 7, 8], gamma=0.1), lr before step t. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.5", "2, 0.5", "3, 0.05", "6, 0.05", "7, 0.005000000000000001", "8, 0.0005000000000000001",
            "11, 0.0005000000000000001"})
    void multiStepMatchesTorchMultiStepLr(int t, double expected) {
        assertRelClose(expected, Schedules.multiStep(IT, 0.5, 0.1, 3, 7, 8).valueAt(t, 0));
    }

    /**
     * Hugging Face get_wsd_schedule(num_warmup_steps=4, num_stable_steps=3, num_decay_steps=8,
     * min_lr_ratio=0.1, warmup_type="linear", decay_type=cosine|linear) times lr=0.2; the lambda was
     * re-implemented from transformers/optimization.py in Python to produce these numbers.
     */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({
            "0, 0.020000000000000004, 0.020000000000000004",
            "1, 0.065, 0.065",
            "3, 0.15500000000000003, 0.15500000000000003",
            "4, 0.2, 0.2",
            "6, 0.2, 0.2",
            "7, 0.2, 0.2",
            "8, 0.19314915792601584, 0.1775",
            "9, 0.1736396103067893, 0.15500000000000003",
            "11, 0.11000000000000001, 0.11000000000000001",
            "14, 0.026850842073984194, 0.04250000000000001",
            "15, 0.020000000000000004, 0.020000000000000004",
            "100, 0.020000000000000004, 0.020000000000000004"})
    void warmupStableDecayMatchesHuggingFaceWsd(int t, double cosine, double linear) {
        assertRelClose(cosine, Schedules.warmupStableDecay(IT, 0.2, 0.02, 4, 3, 8, AnnealStrategy.COS).valueAt(t, 0));
        assertRelClose(linear, Schedules.warmupStableDecay(IT, 0.2, 0.02, 4, 3, 8, AnnealStrategy.LINEAR).valueAt(t, 0));
    }

    @Test
    void warmupStableDecaySkipsEmptyPhases() {
        SequentialSchedule decayOnly = Schedules.warmupStableDecay(IT, 0.2, 0.0, 0, 0, 10, AnnealStrategy.LINEAR);
        assertThat(decayOnly.getSchedules()).hasSize(1);
        assertRelClose(0.1, decayOnly.valueAt(5, 0));
        SequentialSchedule noStable = Schedules.warmupStableDecay(IT, 0.2, 0.0, 2, 0, 10, AnnealStrategy.COS);
        assertThat(noStable.getSchedules()).hasSize(2);
        assertRelClose(0.2, noStable.valueAt(2, 0));
        assertRelClose(0.1, noStable.valueAt(7, 0));
    }

    /** HF get_linear_schedule_with_warmup(num_warmup_steps=5, num_training_steps=25) times lr=0.3. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.06", "4, 0.24", "5, 0.3", "6, 0.285", "15, 0.15", "24, 0.015", "25, 0.0", "26, 0.0"})
    void warmupLinearMatchesHuggingFace(int t, double expected) {
        assertRelClose(expected, Schedules.warmupLinear(IT, 0.3, 5, 25).valueAt(t, 0));
    }

    @Test
    void factoriesBuildTheDocumentedClasses() {
        assertThat(Schedules.cosine(IT, 0.1, 0.0, 10)).isEqualTo(new CosineAnnealingSchedule(IT, 0.1, 0.0, 10));
        assertThat(Schedules.warmupCosine(IT, 0.1, 5, 50)).isEqualTo(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 5, 50));
        assertThat(Schedules.warmupCosine(IT, 0.01, 0.1, 0.001, 5, 50))
                .isEqualTo(new WarmupCosineSchedule(IT, 0.01, 0.1, 0.001, 5, 50));
        assertThat(Schedules.cosineWarmRestarts(IT, 0.1, 0.0, 10, 2))
                .isEqualTo(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 2, 1.0));
        assertThat(Schedules.oneCycle(ScheduleType.EPOCH, 0.1, 100))
                .isEqualTo(new OneCycleSchedule(ScheduleType.EPOCH, 0.1, 100, 0.3, AnnealStrategy.COS, 25, 1e4, false));
        assertThat(Schedules.cyclic(IT, 0.01, 0.1, 5))
                .isEqualTo(new CyclicSchedule(IT, 0.01, 0.1, 5, 5, CyclicMode.TRIANGULAR, 1.0));
        assertThat(Schedules.linear(IT, 0.1, 1.0, 0.5, 30)).isEqualTo(new LinearSchedule(IT, 0.1, 1.0, 0.5, 30));
        assertThat(Schedules.polynomial(IT, 0.1, 0.0, 2, 30)).isEqualTo(new PolynomialSchedule(IT, 0.1, 0.0, 2, 30));
        assertThat(Schedules.lambda(IT, 0.1, "1 / (1 + epoch)")).isEqualTo(new LambdaSchedule(IT, 0.1, "1 / (1 + epoch)"));
        assertThat(Schedules.step(IT, 0.1, 0.5, 10)).isEqualTo(new StepSchedule(IT, 0.1, 0.5, 10));
        assertThat(Schedules.exponential(IT, 0.1, 0.9)).isEqualTo(new ExponentialSchedule(IT, 0.1, 0.9));
        assertThat(Schedules.constant(0.1)).isEqualTo(new FixedSchedule(0.1));
        ISchedule c = Schedules.cosine(IT, 0.1, 0.0, 10);
        assertThat(Schedules.scaled(c, 0.5)).isEqualTo(new ScaledSchedule(c, 0.5));
        assertThat(Schedules.warmup(IT, 3, 0.0, c)).isEqualTo(new WarmupSchedule(IT, 3, 0.0, WarmupShape.LINEAR, c));
        assertThat(Schedules.sequential(IT, List.of(c, c), 10)).isEqualTo(new SequentialSchedule(IT, List.of(c, c), new int[] {10}));
    }

    @Test
    void compositesAreSafeEverywhereAndSurviveDl4j() {
        for (ISchedule s : List.of(Schedules.multiStep(IT, 0.5, 0.1, 3, 7, 8),
                Schedules.warmupStableDecay(IT, 0.2, 0.02, 4, 3, 8, AnnealStrategy.COS),
                Schedules.warmupLinear(IT, 0.3, 5, 25))) {
            assertFiniteNonNegativeEverywhere(s);
            assertSurvivesDl4j(s);
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("milestones must be strictly increasing and > 0, got milestones[1]=3 after 3",
                () -> Schedules.multiStep(IT, 0.5, 0.1, 3, 3));
        assertRejected("milestones must be strictly increasing and > 0, got milestones[0]=0",
                () -> Schedules.multiStep(IT, 0.5, 0.1, 0, 3));
        assertRejected("gamma must be in [0.0, 1.0], got NaN", () -> Schedules.multiStep(IT, 0.5, Double.NaN, 3));
        assertRejected("decaySteps must be > 0, got 0",
                () -> Schedules.warmupStableDecay(IT, 0.2, 0.0, 1, 1, 0, AnnealStrategy.COS));
        assertRejected("minValue must be in [0.0, 0.2], got 0.3",
                () -> Schedules.warmupStableDecay(IT, 0.2, 0.3, 1, 1, 5, AnnealStrategy.COS));
        assertRejected("warmupSteps + stableSteps + decaySteps must be <= 2147483647, got 4294967295",
                () -> Schedules.warmupStableDecay(IT, 0.2, 0.0, Integer.MAX_VALUE, Integer.MAX_VALUE, 1, AnnealStrategy.COS));
        assertRejected("totalSteps must be > warmupSteps (5), got 5", () -> Schedules.warmupLinear(IT, 0.3, 5, 5));
        assertRejected("stepSize must be > 0, got 0", () -> Schedules.step(IT, 0.1, 0.5, 0));
        assertRejected("value must be finite and >= 0, got -1.0", () -> Schedules.constant(-1));
    }

    @Test
    void startingAtShiftsTheScheduleToItsOwnZero() {
        CosineAnnealingSchedule cosine = Schedules.cosine(IT, 0.1, 0.0, 10);
        ISchedule late = Schedules.startingAt(IT, 5000, cosine);
        assertThat(late.valueAt(4000, 0)).isEqualTo(0.1);          // before the start: the first value
        for (int t = 0; t <= 12; t++) {
            assertThat(late.valueAt(5000 + t, 3)).as("t=%s", t).isEqualTo(cosine.valueAt(t, 3));
        }
        assertThat(Schedules.startingAt(IT, 0, cosine)).isSameAs(cosine);
        ISchedule epochs = Schedules.startingAt(ScheduleType.EPOCH, 3, Schedules.cosine(ScheduleType.EPOCH, 0.1, 0.0, 4));
        assertRelClose(0.05, epochs.valueAt(999, 5));
        assertSurvivesDl4j(late);
        assertRejected("start must be >= 0, got -1", () -> Schedules.startingAt(IT, -1, cosine));
        assertRejected("schedule must not be null", () -> Schedules.startingAt(IT, 1, null));
    }
}
