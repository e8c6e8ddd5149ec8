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
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class PolynomialScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /**
     * torch 1.13: PolynomialLR(SGD(lr=0.1), total_iters=10, power=2.0), get_last_lr() after t calls of
     * step() (torch's recursive form; its closed form differs by < 1e-15 relative).
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.08100000000000002",
            "2, 0.06400000000000002",
            "3, 0.048999999999999995",
            "5, 0.025000000000000005",
            "7, 0.009000000000000008",
            "8, 0.004",
            "9, 0.001",
            "10, 0.0",
            "11, 0.0",
            "14, 0.0"})
    void matchesTorchPolynomialLrPowerTwo(int t, double expected) {
        assertRelClose(expected, new PolynomialSchedule(IT, 0.1, 0.0, 2.0, 10).valueAt(t, 0));
    }

    /** torch 1.13: PolynomialLR(SGD(lr=0.1), total_iters=8, power=0.5), sequential step(). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.09354143466934854",
            "3, 0.07905694150420949",
            "4, 0.07071067811865475",
            "6, 0.049999999999999996",
            "7, 0.035355339059327376",
            "8, 0.0",
            "10, 0.0"})
    void matchesTorchPolynomialLrSquareRoot(int t, double expected) {
        assertRelClose(expected, new PolynomialSchedule(IT, 0.1, 0.0, 0.5, 8).valueAt(t, 0));
    }

    /** torch 1.13: PolynomialLR(SGD(lr=0.1), total_iters=5) (default power=1.0), sequential step(). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.08000000000000002", "2, 0.060000000000000005", "3, 0.04000000000000001",
            "4, 0.02", "5, 0.0", "6, 0.0"})
    void matchesTorchPolynomialLrDefaultPower(int t, double expected) {
        assertRelClose(expected, new PolynomialSchedule(IT, 0.1, 0.0, 1.0, 5).valueAt(t, 0));
    }

    /**
     * HF get_polynomial_decay_schedule_with_warmup(num_warmup_steps=10, num_training_steps=110,
     * lr_end=1e-4, power=2.0), lr=0.1: its lr_lambda re-implemented in python from transformers'
     * optimization.py (HF not installed), times lr. Whole schedule = linear warmup from 0 around this class.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0",
            "1, 0.010000000000000002",
            "5, 0.05",
            "9, 0.09000000000000001",
            "10, 0.1",
            "11, 0.09801199000000001",
            "35, 0.056293750000000004",
            "60, 0.025075",
            "85, 0.0063437499999999996",
            "109, 0.00010999000000000002",
            "110, 0.0001",
            "111, 0.0001",
            "1000, 0.0001"})
    void wrappedInLinearWarmupMatchesHuggingFacePolynomialDecayWithWarmup(int t, double expected) {
        WarmupSchedule hf = WarmupSchedule.linear(IT, 10, 0.0, new PolynomialSchedule(IT, 0.1, 1e-4, 2.0, 100));
        assertRelClose(expected, hf.valueAt(t, 0));
    }

    @Test
    void decaysWhereNd4jPolyScheduleGrows() {
        PolynomialSchedule ours = new PolynomialSchedule(IT, 0.1, 0.0, 2.0, 100);
        PolySchedule nd4j = new PolySchedule(IT, 0.1, 2.0, 100);
        assertRelClose(0.025, ours.valueAt(50, 0));
        assertRelClose(0.225, nd4j.valueAt(50, 0)); // (1 + 50/100)^2 * 0.1: the ND4J defect
        assertThat(ours.valueAt(99, 0)).isLessThan(ours.valueAt(98, 0));
    }

    @Test
    void endValueIsReachedAtTotalStepsAndHeldForever() {
        PolynomialSchedule s = new PolynomialSchedule(IT, 0.1, 0.01, 3.0, 20);
        assertThat(s.valueAt(0, 0)).isEqualTo(0.1);
        assertRelClose(0.09 * 0.125 + 0.01, s.valueAt(10, 0));
        assertRelClose(0.09 * Math.pow(0.05, 3) + 0.01, s.valueAt(19, 0));
        assertThat(s.valueAt(20, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(21, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.01);
    }

    @Test
    void endValueEqualToInitialValueIsConstant() {
        PolynomialSchedule s = new PolynomialSchedule(IT, 0.1, 0.1, 1.0, 10);
        assertThat(s.valueAt(0, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(5, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(50, 0)).isEqualTo(0.1);
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        PolynomialSchedule s = new PolynomialSchedule(ScheduleType.EPOCH, 0.1, 0.0, 1.0, 4);
        assertRelClose(0.05, s.valueAt(999, 2));
        assertThat(s.valueAt(0, 4)).isEqualTo(0.0);
    }

    @Test
    void neverNegativeNorNaN() {
        assertFiniteNonNegativeEverywhere(new PolynomialSchedule(IT, 0.1, 0.0, 0.5, 1000));
        assertFiniteNonNegativeEverywhere(new PolynomialSchedule(IT, 0.1, 1e-5, 7.5, Integer.MAX_VALUE));
        assertFiniteNonNegativeEverywhere(new PolynomialSchedule(IT, 0.1, 0.0, 1e-9, 1));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> new PolynomialSchedule(null, 0.1, 0, 1, 10));
        assertRejected("initialValue must be finite and >= 0, got -0.1", () -> new PolynomialSchedule(IT, -0.1, 0, 1, 10));
        assertRejected("initialValue must be finite and >= 0, got NaN",
                () -> new PolynomialSchedule(IT, Double.NaN, 0, 1, 10));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new PolynomialSchedule(IT, Double.POSITIVE_INFINITY, 0, 1, 10));
        assertRejected("endValue must be in [0.0, 0.1], got 0.2", () -> new PolynomialSchedule(IT, 0.1, 0.2, 1, 10));
        assertRejected("endValue must be in [0.0, 0.1], got -1.0E-4", () -> new PolynomialSchedule(IT, 0.1, -1e-4, 1, 10));
        assertRejected("endValue must be in [0.0, 0.1], got NaN", () -> new PolynomialSchedule(IT, 0.1, Double.NaN, 1, 10));
        assertRejected("power must be finite and > 0, got 0.0", () -> new PolynomialSchedule(IT, 0.1, 0, 0.0, 10));
        assertRejected("power must be finite and > 0, got -1.0", () -> new PolynomialSchedule(IT, 0.1, 0, -1.0, 10));
        assertRejected("power must be finite and > 0, got NaN", () -> new PolynomialSchedule(IT, 0.1, 0, Double.NaN, 10));
        assertRejected("power must be finite and > 0, got Infinity",
                () -> new PolynomialSchedule(IT, 0.1, 0, Double.POSITIVE_INFINITY, 10));
        assertRejected("totalSteps must be > 0, got 0", () -> new PolynomialSchedule(IT, 0.1, 0, 1, 0));
        assertRejected("totalSteps must be > 0, got -10", () -> new PolynomialSchedule(IT, 0.1, 0, 1, -10));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new PolynomialSchedule(IT, 0.1, 0.0, 1.0, 10), new PolynomialSchedule(IT, 0.1, 0.0, 1.0, 10))
                .addEqualityGroup(new PolynomialSchedule(ScheduleType.EPOCH, 0.1, 0.0, 1.0, 10))
                .addEqualityGroup(new PolynomialSchedule(IT, 0.2, 0.0, 1.0, 10))
                .addEqualityGroup(new PolynomialSchedule(IT, 0.1, 0.01, 1.0, 10))
                .addEqualityGroup(new PolynomialSchedule(IT, 0.1, 0.0, 2.0, 10))
                .addEqualityGroup(new PolynomialSchedule(IT, 0.1, 0.0, 1.0, 11))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new PolynomialSchedule(IT, 0.1, 1e-7, 2.0, 10).toString())
                .isEqualTo("PolynomialSchedule(scheduleType=ITERATION, initialValue=0.1, endValue=1.0E-7, power=2.0, "
                        + "totalSteps=10)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new PolynomialSchedule(IT, 0.1, 1e-7, 2.0, 10));
        assertSurvivesDl4j(new PolynomialSchedule(ScheduleType.EPOCH, 0.05, 0.0, 0.5, 3));
    }

    @Test
    void jsonFieldNamesAreThePublicContract() {
        assertJsonFields(new PolynomialSchedule(IT, 0.1, 1e-7, 2.0, 10),
                "scheduleType", "initialValue", "endValue", "power", "totalSteps");
    }
}
