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
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Reference values: HF and Keras are not installed; their lr functions were re-implemented in a python
 * snippet exactly as their sources state (transformers/optimization.py
 * {@code _get_cosine_schedule_with_warmup_lr_lambda} with num_cycles=0.5 and min_lr_rate, times lr;
 * keras/src/optimizers/schedules/learning_rate_schedule.py {@code CosineDecay.__call__},
 * {@code _warmup_function}, {@code _decay_function}) and evaluated in float64.
 */
class WarmupCosineScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** HF get_cosine_schedule_with_warmup(num_warmup_steps=10, num_training_steps=110), lr=0.1. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0",
            "1, 0.010000000000000002",
            "5, 0.05",
            "9, 0.09000000000000001",
            "10, 0.1",
            "11, 0.09997532801828658",
            "35, 0.08535533905932738",
            "60, 0.05",
            "85, 0.014644660940672627",
            "109, 2.467198171342e-05",
            "110, 0.0"})
    void matchesHuggingFaceCosineWithWarmup(int t, double expected) {
        assertRelClose(expected, new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 110).valueAt(t, 0));
    }

    /** HF at 111 and 160 gives 2.467198171342e-05 and 0.04999999999999999 (the cosine rises again). */
    @Test
    void holdsMinValueAfterTotalStepsWhereHuggingFaceRisesAgain() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 110);
        assertThat(s.valueAt(111, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(160, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.0);
    }

    /** HF get_cosine_with_min_lr_schedule_with_warmup(num_warmup_steps=10, num_training_steps=110, min_lr=0.001), lr=0.1. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0",
            "1, 0.010000000000000002",
            "9, 0.09000000000000001",
            "10, 0.1",
            "11, 0.09997557473810371",
            "35, 0.0855017856687341",
            "60, 0.0505",
            "85, 0.015498214331265903",
            "109, 0.001024425261896286",
            "110, 0.001"})
    void matchesHuggingFaceCosineWithMinLr(int t, double expected) {
        assertRelClose(expected, new WarmupCosineSchedule(IT, 0.0, 0.1, 0.001, 10, 110).valueAt(t, 0));
    }

    /**
     * Keras CosineDecay(initial_learning_rate=0.01, decay_steps=100, alpha=0.001/0.1, warmup_target=0.1,
     * warmup_steps=10), for every step including after the end (Keras clamps at warmup + decay steps).
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.01",
            "1, 0.019000000000000003",
            "5, 0.05500000000000001",
            "9, 0.09100000000000001",
            "10, 0.1",
            "11, 0.09997557473810371",
            "35, 0.0855017856687341",
            "60, 0.0505",
            "85, 0.015498214331265903",
            "109, 0.001024425261896286",
            "110, 0.001",
            "111, 0.001",
            "500, 0.001"})
    void matchesKerasCosineDecayWithWarmupEverywhere(int t, double expected) {
        assertRelClose(expected, new WarmupCosineSchedule(IT, 0.01, 0.1, 0.001, 10, 110).valueAt(t, 0));
    }

    /** HF get_cosine_schedule_with_warmup(num_warmup_steps=0, num_training_steps=50), lr=0.1. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.09990133642141358", "25, 0.05", "49, 9.866357858642206e-05", "50, 0.0"})
    void zeroWarmupStepsStartsAtThePeak(int t, double expected) {
        assertRelClose(expected, new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 0, 50).valueAt(t, 0));
    }

    @Test
    void boundariesOfWarmupAndDecay() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.02, 0.1, 0.01, 4, 8);
        assertThat(s.valueAt(0, 0)).isEqualTo(0.02);
        assertRelClose(0.08, s.valueAt(3, 0));          // W-1: last warmup step
        assertThat(s.valueAt(4, 0)).isEqualTo(0.1);    // W: the peak
        assertRelClose(0.055, s.valueAt(6, 0));         // half way: cos(pi/2) = 0
        assertThat(s.valueAt(8, 0)).isEqualTo(0.01);   // T: the minimum
        assertThat(s.valueAt(9, 0)).isEqualTo(0.01);   // beyond: held
        assertThat(s.getWarmupStartValue()).isEqualTo(0.02);
    }

    @Test
    void equalStartAndPeakIsAFlatWarmup() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.1, 0.1, 0.0, 5, 10);
        assertThat(s.valueAt(3, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(10, 0)).isEqualTo(0.0);
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(ScheduleType.EPOCH, 0.0, 0.1, 0.0, 2, 4);
        assertRelClose(0.05, s.valueAt(12345, 1));
        assertRelClose(0.05, s.valueAt(0, 3));
        assertThat(s.valueAt(0, 4)).isEqualTo(0.0);
    }

    @Test
    void neverNegativeNorNaN() {
        assertFiniteNonNegativeEverywhere(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 110));
        assertFiniteNonNegativeEverywhere(new WarmupCosineSchedule(IT, 1e-6, 0.1, 1e-3, 0, Integer.MAX_VALUE));
        assertFiniteNonNegativeEverywhere(
                new WarmupCosineSchedule(IT, 1e-6, 0.1, 1e-3, Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> new WarmupCosineSchedule(null, 0, 0.1, 0, 10, 100));
        assertRejected("peakValue must be finite and >= 0, got -0.1",
                () -> new WarmupCosineSchedule(IT, 0, -0.1, 0, 10, 100));
        assertRejected("peakValue must be finite and >= 0, got NaN",
                () -> new WarmupCosineSchedule(IT, 0, Double.NaN, 0, 10, 100));
        assertRejected("peakValue must be finite and >= 0, got Infinity",
                () -> new WarmupCosineSchedule(IT, 0, Double.POSITIVE_INFINITY, 0, 10, 100));
        assertRejected("warmupStartValue must be in [0.0, 0.1], got 0.2",
                () -> new WarmupCosineSchedule(IT, 0.2, 0.1, 0, 10, 100));
        assertRejected("warmupStartValue must be in [0.0, 0.1], got -0.001",
                () -> new WarmupCosineSchedule(IT, -0.001, 0.1, 0, 10, 100));
        assertRejected("warmupStartValue must be in [0.0, 0.1], got NaN",
                () -> new WarmupCosineSchedule(IT, Double.NaN, 0.1, 0, 10, 100));
        assertRejected("minValue must be in [0.0, 0.1], got 0.5",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0.5, 10, 100));
        assertRejected("minValue must be in [0.0, 0.1], got -Infinity",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, Double.NEGATIVE_INFINITY, 10, 100));
        assertRejected("minValue must be in [0.0, 0.1], got NaN",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, Double.NaN, 10, 100));
        assertRejected("warmupSteps must be >= 0, got -1", () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, -1, 100));
        assertRejected("totalSteps must be > warmupSteps (10), got 10",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, 10, 10));
        assertRejected("totalSteps must be > warmupSteps (10), got 5",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, 10, 5));
        assertRejected("totalSteps must be > warmupSteps (0), got 0",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, 0, 0));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 100),
                        new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 100))
                .addEqualityGroup(new WarmupCosineSchedule(ScheduleType.EPOCH, 0.0, 0.1, 0.0, 10, 100))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.01, 0.1, 0.0, 10, 100))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.0, 0.2, 0.0, 10, 100))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.001, 10, 100))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 11, 100))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 10, 101))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new WarmupCosineSchedule(IT, 1e-6, 3e-4, 3e-5, 500, 10_000).toString())
                .isEqualTo("WarmupCosineSchedule(scheduleType=ITERATION, warmupStartValue=1.0E-6, peakValue=3.0E-4, "
                        + "minValue=3.0E-5, warmupSteps=500, totalSteps=10000, afterEnd=HOLD)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new WarmupCosineSchedule(IT, 1e-6, 3e-4, 3e-5, 500, 10_000));
        assertSurvivesDl4j(new WarmupCosineSchedule(ScheduleType.EPOCH, 0.0, 0.1, 0.0, 0, 3));
    }

    @Test
    void jsonFieldNamesAreThePublicContract() {
        assertJsonFields(new WarmupCosineSchedule(IT, 1e-6, 3e-4, 3e-5, 500, 10_000),
                "scheduleType", "warmupStartValue", "peakValue", "minValue", "warmupSteps", "totalSteps",
                "afterEnd");
    }
}
