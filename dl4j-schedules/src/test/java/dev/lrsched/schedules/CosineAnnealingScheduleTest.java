package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

class CosineAnnealingScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** torch 1.13: CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001), get_last_lr() after t steps. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.09757729755661011",
            "2, 0.0905463412215599",
            "3, 0.07959536998847742",
            "5, 0.0505",
            "7, 0.021404630011522586",
            "9, 0.0034227024433899004",
            "10, 0.001"})
    void matchesTorchCosineAnnealingLr(int t, double expected) {
        assertRelClose(expected, new CosineAnnealingSchedule(IT, 0.1, 0.001, 10).valueAt(t, 0));
    }

    @Test
    void exactCosineAnchors() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, 0.3, 0.1, 12);
        assertRelClose(0.3, s.valueAt(0, 0));
        assertRelClose(0.1 + 0.2 * 0.75, s.valueAt(4, 0)); // cos(pi/3) = 1/2
        assertRelClose(0.2, s.valueAt(6, 0));               // cos(pi/2) = 0
        assertRelClose(0.1 + 0.2 * 0.25, s.valueAt(8, 0)); // cos(2pi/3) = -1/2
        assertRelClose(0.1, s.valueAt(12, 0));
    }

    @Test
    void holdsMinValueAfterPeriodUnlikeTorch() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, 0.1, 0.001, 10);
        assertThat(s.valueAt(11, 0)).isEqualTo(0.001);
        assertThat(s.valueAt(1_000_000, 0)).isEqualTo(0.001);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.001);
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.0, 2);
        assertRelClose(0.05, s.valueAt(12345, 1));
        assertThat(s.valueAt(0, 2)).isEqualTo(0.0);
    }

    @Test
    void wrappedNegativeCountersAreReadAsUnsignedAndStayAtMin() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, 0.1, 0.01, 1000);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.01);
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.01);
        assertFiniteNonNegativeEverywhere(s);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> new CosineAnnealingSchedule(null, 0.1, 0, 10));
        assertRejected("initialValue must be finite and >= 0, got NaN",
                () -> new CosineAnnealingSchedule(IT, Double.NaN, 0, 10));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new CosineAnnealingSchedule(IT, Double.POSITIVE_INFINITY, 0, 10));
        assertRejected("initialValue must be finite and >= 0, got -0.1",
                () -> new CosineAnnealingSchedule(IT, -0.1, 0, 10));
        assertRejected("minValue must be in [0.0, 0.1], got 0.2",
                () -> new CosineAnnealingSchedule(IT, 0.1, 0.2, 10));
        assertRejected("minValue must be in [0.0, 0.1], got NaN",
                () -> new CosineAnnealingSchedule(IT, 0.1, Double.NaN, 10));
        assertRejected("period must be > 0, got 0", () -> new CosineAnnealingSchedule(IT, 0.1, 0, 0));
        assertRejected("period must be > 0, got -5", () -> new CosineAnnealingSchedule(IT, 0.1, 0, -5));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.1, 0.0, 10), new CosineAnnealingSchedule(IT, 0.1, 0.0, 10))
                .addEqualityGroup(new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.0, 10))
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.2, 0.0, 10))
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.1, 0.01, 10))
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.1, 0.0, 11))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new CosineAnnealingSchedule(IT, 0.1, 1e-7, 10).toString())
                .isEqualTo("CosineAnnealingSchedule(scheduleType=ITERATION, initialValue=0.1, minValue=1.0E-7, period=10, afterEnd=HOLD)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new CosineAnnealingSchedule(IT, 0.1, 1e-7, 10));
        assertSurvivesDl4j(new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.05, 0.0, 3));
    }
}
