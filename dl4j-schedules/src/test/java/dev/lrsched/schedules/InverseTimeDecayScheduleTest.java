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
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** Reference values: {@code tools/reference/keras_reference.py} (Keras 3 InverseTimeDecay.__call__ @ 3422977a, float64). */
class InverseTimeDecayScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** Keras: InverseTimeDecay(0.1, decay_steps=2, decay_rate=0.5, staircase=False / True). */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({"0, 0.1, 0.1", "1, 0.08, 0.1", "2, 0.06666666666666667, 0.06666666666666667",
            "3, 0.05714285714285715, 0.06666666666666667", "4, 0.05, 0.05", "5, 0.044444444444444446, 0.05",
            "6, 0.04, 0.04", "7, 0.03636363636363637, 0.04", "1000, 0.00039840637450199205, 0.00039840637450199205",
            "1000000, 3.9999840000639997e-07, 3.9999840000639997e-07",
            "2147483647, 1.8626451466288718e-10, 1.8626451474962338e-10",
            "2147483648, 1.8626451457615101e-10, 1.8626451457615101e-10",
            "4294967295, 9.313225739649572e-11, 9.313225741817977e-11"})
    void matchesKerasInverseTimeDecay(long t, double continuous, double staircase) {
        assertRelClose(continuous, new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, false).valueAt((int) t, 0), "t=" + t);
        assertRelClose(staircase, new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, true).valueAt((int) t, 0), "t=" + t);
    }

    @Test
    void continuousIsNd4jsInverseScheduleWithPowerOne() {
        InverseTimeDecaySchedule s = new InverseTimeDecaySchedule(IT, 0.1, 4, 0.2, false);
        InverseSchedule nd4j = new InverseSchedule(IT, 0.1, 0.2 / 4, 1.0);
        for (int t = 0; t < 1000; t += 7) {
            assertRelClose(nd4j.valueAt(t, 0), s.valueAt(t, 0), "t=" + t);
        }
    }

    @Test
    void aHugeDecayRateDividesInTwoStepsInsteadOfByInfinity() {
        InverseTimeDecaySchedule s = new InverseTimeDecaySchedule(IT, Double.MAX_VALUE, 1, Double.MAX_VALUE, false);
        assertThat(s.valueAt(0, 0)).isEqualTo(Double.MAX_VALUE);
        assertRelClose(1.0 / 1000, s.valueAt(1000, 0)); // MAX / (1 + MAX * 1000) = 1 / 1000 to 1e-16
        assertRelClose(1.0 / 4294967295.0, s.valueAt(-1, 0));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new InverseTimeDecaySchedule(null, 0.1, 2, 0.5, false));
        assertRejected("initialValue must be finite and >= 0, got -1.0", () -> new InverseTimeDecaySchedule(IT, -1, 2, 0.5, false));
        assertRejected("decaySteps must be > 0, got -2", () -> new InverseTimeDecaySchedule(IT, 0.1, -2, 0.5, false));
        assertRejected("decayRate must be finite and >= 0, got -0.5", () -> new InverseTimeDecaySchedule(IT, 0.1, 2, -0.5, false));
        assertRejected("decayRate must be finite and >= 0, got Infinity",
                () -> new InverseTimeDecaySchedule(IT, 0.1, 2, Double.POSITIVE_INFINITY, false));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        for (boolean staircase : new boolean[] {false, true}) {
            assertFiniteNonNegativeEverywhere(new InverseTimeDecaySchedule(IT, Double.MAX_VALUE, 1, Double.MAX_VALUE, staircase));
            assertFiniteNonNegativeEverywhere(new InverseTimeDecaySchedule(IT, Double.MAX_VALUE, Integer.MAX_VALUE, 0, staircase));
            assertFiniteNonNegativeEverywhere(new InverseTimeDecaySchedule(IT, Double.MIN_VALUE, 1, Double.MIN_VALUE, staircase));
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, false), Schedules.inverseTimeDecay(IT, 0.1, 2, 0.5, false))
                .addEqualityGroup(new InverseTimeDecaySchedule(ScheduleType.EPOCH, 0.1, 2, 0.5, false))
                .addEqualityGroup(new InverseTimeDecaySchedule(IT, 0.2, 2, 0.5, false))
                .addEqualityGroup(new InverseTimeDecaySchedule(IT, 0.1, 3, 0.5, false))
                .addEqualityGroup(new InverseTimeDecaySchedule(IT, 0.1, 2, 0.6, false))
                .addEqualityGroup(new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, true))
                .testEquals();
        assertThat(new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, false).toString()).isEqualTo(
                "InverseTimeDecaySchedule(scheduleType=ITERATION, initialValue=0.1, decaySteps=2, decayRate=0.5, staircase=false)");
        assertSurvivesDl4j(new InverseTimeDecaySchedule(ScheduleType.EPOCH, 0.1, 1, 0.5, true));
        assertJsonFields(new InverseTimeDecaySchedule(IT, 0.1, 2, 0.5, false), "scheduleType", "initialValue", "decaySteps",
                "decayRate", "staircase");
    }
}
