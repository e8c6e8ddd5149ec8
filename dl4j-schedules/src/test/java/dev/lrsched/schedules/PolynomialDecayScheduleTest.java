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

/** Reference values: {@code tools/reference/keras_reference.py} (Keras 3 PolynomialDecay.__call__ @ 3422977a, float64). */
class PolynomialDecayScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** Keras: PolynomialDecay(0.1, decay_steps=5, end_learning_rate=0.001, power=2.0, cycle=True / False). */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({"0, 0.1, 0.1", "1, 0.06436000000000001, 0.06436000000000001", "4, 0.004959999999999998, 0.004959999999999998",
            "5, 0.001, 0.001", "6, 0.016840000000000004, 0.001", "7, 0.009910000000000002, 0.001",
            "9, 0.0019899999999999996, 0.001", "10, 0.001, 0.001", "11, 0.008040000000000002, 0.001",
            "14, 0.0014399999999999999, 0.001", "15, 0.001, 0.001", "16, 0.004959999999999998, 0.001",
            "1000000, 0.001, 0.001", "2147483647, 0.0010000000000000002, 0.001", "2147483648, 0.001, 0.001",
            "4294967295, 0.001, 0.001"})
    void matchesKerasPolynomialDecay(long t, double cycle, double noCycle) {
        assertRelClose(cycle, new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2.0, true).valueAt((int) t, 0), "t=" + t);
        assertRelClose(noCycle, new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2.0, false).valueAt((int) t, 0), "t=" + t);
    }

    @Test
    void withoutCycleItIsPolynomialScheduleAndItMayRise() {
        PolynomialDecaySchedule keras = new PolynomialDecaySchedule(IT, 0.1, 50, 0.002, 1.5, false);
        PolynomialSchedule torch = new PolynomialSchedule(IT, 0.1, 0.002, 1.5, 50);
        for (int t = 0; t < 200; t++) {
            assertThat(keras.valueAt(t, 0)).as("t=%s", t).isEqualTo(torch.valueAt(t, 0));
        }
        PolynomialDecaySchedule rise = new PolynomialDecaySchedule(IT, 0.01, 4, 0.1, 1.0, false);
        assertRelClose(0.0325, rise.valueAt(1, 0));
        assertThat(rise.valueAt(9, 0)).isEqualTo(0.1);
    }

    @Test
    void cycleReachesTheEndAtEveryMultipleAndRestartsLower() {
        PolynomialDecaySchedule s = new PolynomialDecaySchedule(IT, 0.1, 5, 0.0, 1.0, true);
        double previousRestart = Double.MAX_VALUE;
        for (int k = 1; k < 50; k++) {
            assertThat(s.valueAt(5 * k, 0)).as("k=%s", k).isEqualTo(0.0);
            double restart = s.valueAt(5 * k + 1, 0);
            assertThat(restart).isGreaterThan(0.0).isLessThan(previousRestart);
            previousRestart = restart;
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new PolynomialDecaySchedule(null, 0.1, 5, 0, 1, true));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new PolynomialDecaySchedule(IT, Double.POSITIVE_INFINITY, 5, 0, 1, true));
        assertRejected("decaySteps must be > 0, got 0", () -> new PolynomialDecaySchedule(IT, 0.1, 0, 0, 1, true));
        assertRejected("endValue must be finite and >= 0, got -0.001", () -> new PolynomialDecaySchedule(IT, 0.1, 5, -0.001, 1, true));
        assertRejected("power must be finite and > 0, got 0.0", () -> new PolynomialDecaySchedule(IT, 0.1, 5, 0, 0, true));
        assertRejected("power must be finite and > 0, got NaN", () -> new PolynomialDecaySchedule(IT, 0.1, 5, 0, Double.NaN, true));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        double big = Double.MAX_VALUE;
        for (boolean cycle : new boolean[] {false, true}) {
            assertFiniteNonNegativeEverywhere(new PolynomialDecaySchedule(IT, big, 1, 0, 1e300, cycle));
            assertFiniteNonNegativeEverywhere(new PolynomialDecaySchedule(IT, big, Integer.MAX_VALUE, big, Double.MIN_VALUE, cycle));
            assertFiniteNonNegativeEverywhere(new PolynomialDecaySchedule(IT, 0, 3, big, 2, cycle));
            // (MAX - e) + e rounds up to Infinity for e = 3 * 2^970: the value is held at max(initial, end)
            PolynomialDecaySchedule roundsUp = new PolynomialDecaySchedule(IT, big, 3, Math.scalb(3.0, 970), 0.7, cycle);
            assertThat(roundsUp.valueAt(0, 0)).isEqualTo(big);
            assertFiniteNonNegativeEverywhere(roundsUp);
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, true), new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, true))
                .addEqualityGroup(new PolynomialDecaySchedule(ScheduleType.EPOCH, 0.1, 5, 0.001, 2, true))
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.2, 5, 0.001, 2, true))
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.1, 6, 0.001, 2, true))
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.1, 5, 0.002, 2, true))
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 3, true))
                .addEqualityGroup(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, false))
                .testEquals();
        assertThat(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, true).toString()).isEqualTo(
                "PolynomialDecaySchedule(scheduleType=ITERATION, initialValue=0.1, decaySteps=5, endValue=0.001, power=2.0, cycle=true)");
        assertSurvivesDl4j(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, true));
        assertJsonFields(new PolynomialDecaySchedule(IT, 0.1, 5, 0.001, 2, true), "scheduleType", "initialValue",
                "decaySteps", "endValue", "power", "cycle");
    }
}
