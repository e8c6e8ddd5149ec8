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

class LinearScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** torch 1.13: LinearLR(SGD(lr=0.1)) with its defaults start_factor=1/3, end_factor=1.0, total_iters=5;
     *  the optimizer's lr read before the t-th scheduler.step() (torch's recursive form). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.03333333333333333",
            "1, 0.04666666666666667",
            "2, 0.060000000000000005",
            "3, 0.07333333333333335",
            "4, 0.08666666666666668",
            "5, 0.1",
            "6, 0.1",
            "7, 0.1"})
    void matchesTorchLinearLrDefaults(int t, double expected) {
        assertRelClose(expected, new LinearSchedule(IT, 0.1, 1.0 / 3, 1.0, 5).valueAt(t, 0));
    }

    /** torch 1.13: LinearLR(SGD(lr=0.1), start_factor=1.0, end_factor=0.5, total_iters=30). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.09833333333333333",
            "2, 0.09666666666666666",
            "10, 0.08333333333333333",
            "15, 0.07500000000000001",
            "29, 0.051666666666666694",
            "30, 0.05000000000000003",
            "34, 0.05000000000000003"})
    void matchesTorchLinearLrDecay(int t, double expected) {
        assertRelClose(expected, new LinearSchedule(IT, 0.1, 1.0, 0.5, 30).valueAt(t, 0));
    }

    @Test
    void endpointsAreExact() {
        LinearSchedule s = new LinearSchedule(IT, 0.1, 1.0, 0.5, 30);
        assertThat(s.valueAt(0, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(30, 0)).isEqualTo(0.05);
    }

    @Test
    void holdsEndFactorAfterTotalItersAndForWrappedCounters() {
        LinearSchedule s = new LinearSchedule(IT, 0.2, 0.1, 1.0, 100);
        assertThat(s.valueAt(100, 0)).isEqualTo(0.2);
        assertThat(s.valueAt(101, 0)).isEqualTo(0.2);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.2);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.2);
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.2);
        assertFiniteNonNegativeEverywhere(s);
    }

    @Test
    void acceptsFactorsTorchRejects() {
        // torch: start_factor must be in (0, 1], end_factor in [0, 1]; the closed form needs neither.
        LinearSchedule fromZero = new LinearSchedule(IT, 0.1, 0.0, 1.0, 10);
        assertThat(fromZero.valueAt(0, 0)).isEqualTo(0.0);
        assertRelClose(0.05, fromZero.valueAt(5, 0));
        LinearSchedule up = new LinearSchedule(IT, 0.1, 1.0, 3.0, 4);
        assertRelClose(0.2, up.valueAt(2, 0));
        assertRelClose(0.3, up.valueAt(4, 0));
        LinearSchedule toZero = new LinearSchedule(IT, 0.1, 1.0, 0.0, 4);
        assertThat(toZero.valueAt(4, 0)).isEqualTo(0.0);
        assertFiniteNonNegativeEverywhere(toZero);
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        LinearSchedule s = new LinearSchedule(ScheduleType.EPOCH, 1.0, 0.0, 1.0, 4);
        assertThat(s.valueAt(1000, 1)).isEqualTo(0.25);
        assertThat(s.valueAt(0, 4)).isEqualTo(1.0);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> new LinearSchedule(null, 0.1, 0.5, 1, 5));
        assertRejected("initialValue must be finite and >= 0, got NaN", () -> new LinearSchedule(IT, Double.NaN, 0.5, 1, 5));
        assertRejected("initialValue must be finite and >= 0, got -0.1", () -> new LinearSchedule(IT, -0.1, 0.5, 1, 5));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new LinearSchedule(IT, Double.POSITIVE_INFINITY, 0.5, 1, 5));
        assertRejected("startFactor must be finite and >= 0, got -0.5", () -> new LinearSchedule(IT, 0.1, -0.5, 1, 5));
        assertRejected("startFactor must be finite and >= 0, got NaN", () -> new LinearSchedule(IT, 0.1, Double.NaN, 1, 5));
        assertRejected("endFactor must be finite and >= 0, got -Infinity",
                () -> new LinearSchedule(IT, 0.1, 0.5, Double.NEGATIVE_INFINITY, 5));
        assertRejected("endFactor must be finite and >= 0, got -1.0", () -> new LinearSchedule(IT, 0.1, 0.5, -1, 5));
        assertRejected("totalIters must be > 0, got 0", () -> new LinearSchedule(IT, 0.1, 0.5, 1, 0));
        assertRejected("totalIters must be > 0, got -1", () -> new LinearSchedule(IT, 0.1, 0.5, 1, -1));
        assertRejected("initialValue * max(startFactor, endFactor) must be a finite number, got Infinity",
                () -> new LinearSchedule(IT, 1e300, 0.5, 1e10, 5));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new LinearSchedule(IT, 0.1, 0.5, 1, 5), new LinearSchedule(IT, 0.1, 0.5, 1, 5))
                .addEqualityGroup(new LinearSchedule(ScheduleType.EPOCH, 0.1, 0.5, 1, 5))
                .addEqualityGroup(new LinearSchedule(IT, 0.2, 0.5, 1, 5))
                .addEqualityGroup(new LinearSchedule(IT, 0.1, 0.6, 1, 5))
                .addEqualityGroup(new LinearSchedule(IT, 0.1, 0.5, 0.9, 5))
                .addEqualityGroup(new LinearSchedule(IT, 0.1, 0.5, 1, 6))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new LinearSchedule(IT, 0.1, 0.5, 1, 5).toString())
                .isEqualTo("LinearSchedule(scheduleType=ITERATION, initialValue=0.1, startFactor=0.5, endFactor=1.0, totalIters=5)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new LinearSchedule(IT, 0.1, 1.0 / 3, 1.0, 5));
        assertSurvivesDl4j(new LinearSchedule(ScheduleType.EPOCH, 0.05, 1.0, 0.0, 30));
    }
}
