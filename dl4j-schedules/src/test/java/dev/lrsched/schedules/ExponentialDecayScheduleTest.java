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
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/** Reference values: {@code tools/reference/keras_reference.py} (Keras 3 ExponentialDecay.__call__ @ 3422977a, float64). */
class ExponentialDecayScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** Keras: ExponentialDecay(0.1, decay_steps=3, decay_rate=0.5, staircase=False / True). */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({"0, 0.1, 0.1", "1, 0.07937005259840998, 0.1", "2, 0.06299605249474366, 0.1", "3, 0.05, 0.05",
            "4, 0.03968502629920499, 0.05", "5, 0.03149802624737183, 0.05", "6, 0.025, 0.025",
            "7, 0.019842513149602493, 0.025", "1000, 4.535948468269738e-102, 5.714936956411375e-102",
            "1000000, 0.0, 0.0", "2147483648, 0.0, 0.0", "4294967295, 0.0, 0.0"})
    void matchesKerasExponentialDecay(long t, double continuous, double staircase) {
        assertRelClose(continuous, new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, false).valueAt((int) t, 0), "t=" + t);
        assertRelClose(staircase, new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, true).valueAt((int) t, 0), "t=" + t);
    }

    @Test
    void staircaseIsNd4jsStepScheduleAndDecayStepsOneIsExponentialScheduleButReadUnsigned() {
        ExponentialDecaySchedule stair = new ExponentialDecaySchedule(IT, 0.1, 7, 0.8, true);
        StepSchedule step = new StepSchedule(IT, 0.1, 0.8, 7);
        ExponentialDecaySchedule perStep = new ExponentialDecaySchedule(IT, 0.1, 1, 0.99, false);
        ExponentialSchedule exp = new ExponentialSchedule(IT, 0.1, 0.99);
        for (int t = 0; t < 500; t++) {
            assertRelClose(step.valueAt(t, 0), stair.valueAt(t, 0), "t=" + t);
            assertRelClose(exp.valueAt(t, 0), perStep.valueAt(t, 0), "t=" + t);
        }
        assertThat(exp.valueAt(Integer.MIN_VALUE, 0)).isInfinite(); // ND4J reads the wrapped counter signed
        assertThat(perStep.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.0);
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new ExponentialDecaySchedule(null, 0.1, 3, 0.5, false));
        assertRejected("initialValue must be finite and >= 0, got NaN",
                () -> new ExponentialDecaySchedule(IT, Double.NaN, 3, 0.5, false));
        assertRejected("decaySteps must be > 0, got 0", () -> new ExponentialDecaySchedule(IT, 0.1, 0, 0.5, false));
        assertRejected("decayRate must be in [0.0, 1.0], got 1.5", () -> new ExponentialDecaySchedule(IT, 0.1, 3, 1.5, false));
        assertRejected("decayRate must be in [0.0, 1.0], got -0.5", () -> new ExponentialDecaySchedule(IT, 0.1, 3, -0.5, false));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        for (boolean staircase : new boolean[] {false, true}) {
            assertFiniteNonNegativeEverywhere(new ExponentialDecaySchedule(IT, Double.MAX_VALUE, 1, 1.0, staircase));
            assertFiniteNonNegativeEverywhere(new ExponentialDecaySchedule(IT, Double.MAX_VALUE, 1, 0.0, staircase));
            assertFiniteNonNegativeEverywhere(new ExponentialDecaySchedule(IT, Double.MAX_VALUE, Integer.MAX_VALUE,
                    Double.MIN_VALUE, staircase));
        }
        assertThat(new ExponentialDecaySchedule(IT, 0.1, 3, 0.0, false).valueAt(0, 0)).isEqualTo(0.1); // 0^0 = 1
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, false), Schedules.exponentialDecay(IT, 0.1, 3, 0.5, false))
                .addEqualityGroup(new ExponentialDecaySchedule(ScheduleType.EPOCH, 0.1, 3, 0.5, false))
                .addEqualityGroup(new ExponentialDecaySchedule(IT, 0.2, 3, 0.5, false))
                .addEqualityGroup(new ExponentialDecaySchedule(IT, 0.1, 4, 0.5, false))
                .addEqualityGroup(new ExponentialDecaySchedule(IT, 0.1, 3, 0.6, false))
                .addEqualityGroup(new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, true))
                .testEquals();
        assertThat(new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, true).toString()).isEqualTo(
                "ExponentialDecaySchedule(scheduleType=ITERATION, initialValue=0.1, decaySteps=3, decayRate=0.5, staircase=true)");
        assertSurvivesDl4j(new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, true));
        assertSurvivesDl4j(new ExponentialDecaySchedule(ScheduleType.EPOCH, 0.1, 2, 0.9, false));
        assertJsonFields(new ExponentialDecaySchedule(IT, 0.1, 3, 0.5, true), "scheduleType", "initialValue", "decaySteps",
                "decayRate", "staircase");
    }
}
