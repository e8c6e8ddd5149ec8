package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class WarmupScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final ScheduleType EP = ScheduleType.EPOCH;
    private static final ISchedule COSINE = new CosineAnnealingSchedule(IT, 0.1, 0.001, 100);

    /** A schedule that returns whatever it is told, to check what the warmup does with broken targets. */
    private static final class Broken implements ISchedule {
        private final double value;

        Broken(double value) {
            this.value = value;
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return value;
        }

        @Override
        public ISchedule clone() {
            return this;
        }
    }

    /**
     * Python, the documented formulas with W=10, start=0.001, around torch CosineAnnealingLR(lr=0.1,
     * T_max=100, eta_min=0.001) (closed form) shifted by W. LINEAR = Keras CosineDecay warmup phase
     * `(warmup_target - initial) * step / warmup_steps + initial`.
     */
    @ParameterizedTest(name = "{0} t={1} -> {2}")
    @CsvSource({
            "LINEAR, 0, 0.001",
            "LINEAR, 1, 0.0109",
            "LINEAR, 5, 0.0505",
            "LINEAR, 9, 0.09010000000000001",
            "LINEAR, 10, 0.1",
            "LINEAR, 11, 0.09997557473810371",
            "LINEAR, 60, 0.0505",
            "LINEAR, 110, 0.001",
            "LINEAR, 111, 0.001",
            "COSINE, 0, 0.001",
            "COSINE, 1, 0.0034227024433899004",
            "COSINE, 5, 0.050499999999999996",
            "COSINE, 9, 0.09757729755661011",
            "COSINE, 10, 0.1",
            "COSINE, 11, 0.09997557473810371",
            "COSINE, 110, 0.001",
            "EXPONENTIAL, 0, 0.001",
            "EXPONENTIAL, 1, 0.0015848931924611136",
            "EXPONENTIAL, 5, 0.01",
            "EXPONENTIAL, 9, 0.06309573444801933",
            "EXPONENTIAL, 10, 0.1",
            "EXPONENTIAL, 11, 0.09997557473810371",
            "EXPONENTIAL, 111, 0.001"})
    void warmsUpToTheWrappedScheduleThenRunsItFromItsOwnZero(WarmupShape shape, int t, double expected) {
        WarmupSchedule s = new WarmupSchedule(IT, 10, 0.001, shape, COSINE);
        assertRelClose(expected, s.valueAt(t, 0));
    }

    @Test
    void afterWarmupIsExactlyTheWrappedScheduleShifted() {
        WarmupSchedule s = new WarmupSchedule(IT, 10, 0.001, WarmupShape.COSINE, COSINE);
        for (int t = 10; t < 130; t++) {
            assertThat(s.valueAt(t, 7)).isEqualTo(COSINE.valueAt(t - 10, 7));
        }
    }

    /** HF get_constant_schedule_with_warmup(num_warmup_steps=4), lr=0.1: LambdaLR lr * t / max(1.0, W). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.025", "2, 0.05", "3, 0.07500000000000001", "4, 0.1", "5, 0.1", "100, 0.1"})
    void linearFromZeroAroundAConstantIsHuggingFaceConstantWithWarmup(int t, double expected) {
        WarmupSchedule s = WarmupSchedule.linear(IT, 4, 0.0, new FixedSchedule(0.1));
        assertRelClose(expected, s.valueAt(t, 0));
    }

    /**
     * HF get_linear_schedule_with_warmup(num_warmup_steps=4, num_training_steps=24), lr=0.1 (python
     * snippet of its lr_lambda: t/max(1,W) then max(0, (T - t)/max(1, T - W))).
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.025", "3, 0.07500000000000001", "4, 0.1", "5, 0.095", "14, 0.05",
            "23, 0.005000000000000001", "24, 0.0", "25, 0.0"})
    void linearFromZeroAroundLinearDecayIsHuggingFaceLinearWithWarmup(int t, double expected) {
        WarmupSchedule s = WarmupSchedule.linear(IT, 4, 0.0, new PolynomialSchedule(IT, 0.1, 0.0, 1.0, 20));
        assertRelClose(expected, s.valueAt(t, 0));
    }

    /** Python: W=4, start=0.01, EXPONENTIAL into ND4J ExponentialSchedule(lr=0.1, gamma=0.9): 0.1 * 0.9^(t-4). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.01", "1, 0.01778279410038923", "2, 0.0316227766016838", "3, 0.05623413251903491",
            "4, 0.1", "5, 0.09000000000000001", "14, 0.03486784401000001"})
    void wrapsAnNd4jBuiltIn(int t, double expected) {
        WarmupSchedule s = new WarmupSchedule(IT, 4, 0.01, WarmupShape.EXPONENTIAL,
                new ExponentialSchedule(IT, 0.1, 0.9));
        assertRelClose(expected, s.valueAt(t, 0));
    }

    @Test
    void epochTypeShiftsTheEpochCounterAndPassesTheIterationThrough() {
        ISchedule inner = new CosineAnnealingSchedule(EP, 0.1, 0.0, 4);
        WarmupSchedule s = WarmupSchedule.linear(EP, 2, 0.0, inner);
        assertThat(s.valueAt(500, 0)).isEqualTo(0.0);
        assertRelClose(0.05, s.valueAt(500, 1));
        assertThat(s.valueAt(500, 2)).isEqualTo(0.1);
        assertRelClose(0.05, s.valueAt(500, 4));
        assertThat(s.valueAt(500, 6)).isEqualTo(0.0);
    }

    @Test
    void warmupBoundariesAreExclusiveAtTheEnd() {
        WarmupSchedule s = WarmupSchedule.linear(IT, 3, 0.0, new FixedSchedule(0.3));
        assertThat(s.valueAt(0, 0)).isEqualTo(0.0);
        assertRelClose(0.2, s.valueAt(2, 0));  // W-1: still warming up
        assertThat(s.valueAt(3, 0)).isEqualTo(0.3); // W: the wrapped schedule at its step 0
    }

    @Test
    void singleWarmupStepIsJustTheStartValueFirst() {
        WarmupSchedule s = new WarmupSchedule(IT, 1, 0.002, WarmupShape.EXPONENTIAL, COSINE);
        assertThat(s.valueAt(0, 0)).isEqualTo(0.002);
        assertThat(s.valueAt(1, 0)).isEqualTo(0.1);
    }

    @Test
    void largeAndWrappedCountersReachTheWrappedScheduleShifted() {
        WarmupSchedule s = WarmupSchedule.linear(IT, 10, 0.0, new ExponentialSchedule(IT, 0.1, 1.0));
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.1);
        // the wrapped schedule is given Integer.MAX_VALUE - 10 and 2^32-1-10 (as the int -11)
        WarmupSchedule c = WarmupSchedule.linear(IT, 10, 0.0, COSINE);
        assertThat(c.valueAt(-1, 0)).isEqualTo(0.001);
        assertFiniteNonNegativeEverywhere(c);
        assertFiniteNonNegativeEverywhere(new WarmupSchedule(EP, 5, 1e-4, WarmupShape.EXPONENTIAL,
                new CosineAnnealingSchedule(EP, 0.1, 0.0, 7)));
    }

    @Test
    void exponentialTowardsZeroGivesZeroNotNaN() {
        WarmupSchedule s = new WarmupSchedule(IT, 4, 0.01, WarmupShape.EXPONENTIAL, new FixedSchedule(0.0));
        assertThat(s.valueAt(0, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(1, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(3, 0)).isEqualTo(0.0);
    }

    @Test
    void brokenWrappedValuesArePassedThroughButNeverTurnedIntoNaN() {
        for (WarmupShape shape : WarmupShape.values()) {
            WarmupSchedule negative = new WarmupSchedule(IT, 4, 0.01, shape, new Broken(-0.1));
            assertThat(negative.valueAt(0, 0)).isEqualTo(0.01);
            assertThat(negative.valueAt(2, 0)).as(shape.name()).isNotNaN().isNegative();
            assertThat(negative.valueAt(4, 0)).isEqualTo(-0.1);
            WarmupSchedule infinite = new WarmupSchedule(IT, 4, 0.01, shape, new Broken(Double.POSITIVE_INFINITY));
            assertThat(infinite.valueAt(0, 0)).isEqualTo(0.01);
            assertThat(infinite.valueAt(1, 0)).as(shape.name()).isEqualTo(Double.POSITIVE_INFINITY);
            WarmupSchedule nan = new WarmupSchedule(IT, 4, 0.01, shape, new Broken(Double.NaN));
            assertThat(nan.valueAt(0, 0)).isEqualTo(0.01);
            assertThat(nan.valueAt(1, 0)).as(shape.name()).isNaN(); // the wrapped schedule's NaN, not hidden
        }
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> WarmupSchedule.linear(null, 10, 0.0, COSINE));
        assertRejected("warmupSteps must be > 0, got 0", () -> WarmupSchedule.linear(IT, 0, 0.0, COSINE));
        assertRejected("warmupSteps must be > 0, got -1", () -> WarmupSchedule.linear(IT, -1, 0.0, COSINE));
        assertRejected("warmupStartValue must be finite and >= 0, got -0.001",
                () -> WarmupSchedule.linear(IT, 10, -0.001, COSINE));
        assertRejected("warmupStartValue must be finite and >= 0, got NaN",
                () -> WarmupSchedule.linear(IT, 10, Double.NaN, COSINE));
        assertRejected("warmupStartValue must be finite and >= 0, got Infinity",
                () -> WarmupSchedule.linear(IT, 10, Double.POSITIVE_INFINITY, COSINE));
        assertRejected("warmupStartValue must be finite and >= 0, got -Infinity",
                () -> WarmupSchedule.linear(IT, 10, Double.NEGATIVE_INFINITY, COSINE));
        assertRejected("shape must not be null", () -> new WarmupSchedule(IT, 10, 0.0, null, COSINE));
        assertRejected("schedule must not be null", () -> WarmupSchedule.linear(IT, 10, 0.0, null));
        assertRejected("warmupStartValue must be > 0 for shape EXPONENTIAL, got 0.0",
                () -> new WarmupSchedule(IT, 10, 0.0, WarmupShape.EXPONENTIAL, COSINE));
    }

    @Test
    void equalsComparesEveryFieldIncludingTheWrappedSchedule() {
        new EqualsTester()
                .addEqualityGroup(new WarmupSchedule(IT, 10, 0.001, WarmupShape.LINEAR, COSINE),
                        WarmupSchedule.linear(IT, 10, 0.001, new CosineAnnealingSchedule(IT, 0.1, 0.001, 100)))
                .addEqualityGroup(new WarmupSchedule(EP, 10, 0.001, WarmupShape.LINEAR, COSINE))
                .addEqualityGroup(new WarmupSchedule(IT, 11, 0.001, WarmupShape.LINEAR, COSINE))
                .addEqualityGroup(new WarmupSchedule(IT, 10, 0.002, WarmupShape.LINEAR, COSINE))
                .addEqualityGroup(new WarmupSchedule(IT, 10, 0.001, WarmupShape.COSINE, COSINE))
                .addEqualityGroup(new WarmupSchedule(IT, 10, 0.001, WarmupShape.LINEAR,
                        new CosineAnnealingSchedule(IT, 0.1, 0.001, 101)))
                .addEqualityGroup(new WarmupSchedule(IT, 10, 0.001, WarmupShape.LINEAR,
                        new ExponentialSchedule(IT, 0.1, 0.9)),
                        new WarmupSchedule(IT, 10, 0.001, WarmupShape.LINEAR, new ExponentialSchedule(IT, 0.1, 0.9)))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameterAndTheWrappedSchedule() {
        assertThat(new WarmupSchedule(IT, 10, 1e-6, WarmupShape.COSINE, COSINE).toString())
                .isEqualTo("WarmupSchedule(scheduleType=ITERATION, warmupSteps=10, warmupStartValue=1.0E-6, "
                        + "shape=COSINE, schedule=CosineAnnealingSchedule(scheduleType=ITERATION, initialValue=0.1, "
                        + "minValue=0.001, period=100, afterEnd=HOLD), warmupPrefix=true)");
    }

    @Test
    void survivesDl4jWithTheNestedScheduleIntact() {
        assertSurvivesDl4j(new WarmupSchedule(IT, 10, 1e-6, WarmupShape.COSINE, COSINE));
        assertSurvivesDl4j(new WarmupSchedule(EP, 3, 0.01, WarmupShape.EXPONENTIAL, new ExponentialSchedule(EP, 0.1, 0.9)));
        assertSurvivesDl4j(WarmupSchedule.linear(IT, 5, 0.0,
                new ScaledSchedule(CosineWarmRestartsSchedule.of(IT, 0.1, 0.0, 10, 2), 0.5)));
    }

    @Test
    void jsonFieldNamesAreThePublicContract() {
        assertJsonFields(new WarmupSchedule(IT, 10, 1e-6, WarmupShape.COSINE, COSINE),
                "scheduleType", "warmupSteps", "warmupStartValue", "shape", "schedule", "warmupPrefix");
    }
}
