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

/** Reference values: {@code tools/reference/keras_reference.py} (Keras 3 CosineDecayRestarts.__call__ @ 3422977a, float64). */
class CosineDecayRestartsScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /**
     * Keras: CosineDecayRestarts(0.1, first_decay_steps=4, t_mul=1.5, m_mul=0.7, alpha=0.05): cycles of 4, 6, 9, 13.5
     * steps starting at 0, 4, 10, 19, 32.5.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.08608757210636102", "3, 0.018912427893638995", "4, 0.0715", "5, 0.06704534467583259",
            "9, 0.009454655324167414", "10, 0.05155", "13, 0.03991249999999999", "18, 0.006403654251207984",
            "19, 0.03758499999999999", "25, 0.024121662934638462", "32, 0.005110164056489393", "33, 0.02777520524578337",
            "1000, 0.005034564168539732"})
    void matchesKerasWithANonIntegerTMulAndAnMMul(int t, double expected) {
        assertRelClose(expected, new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.05).valueAt(t, 0), "t=" + t);
    }

    /** Keras: CosineDecayRestarts(0.1, first_decay_steps=4) with its defaults t_mul=2.0, m_mul=1.0, alpha=0.0. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "3, 0.014644660940672627", "4, 0.1", "11, 0.0038060233744356634", "12, 0.1",
            "27, 0.0009607359798384785", "28, 0.1", "29, 0.09975923633360985", "1000, 0.00037602327006450165",
            "1000000, 0.002102829142214435", "2147483647, 0.1", "2147483648, 0.1", "4294967295, 0.1"})
    void matchesKerasDefaults(long t, double expected) {
        assertRelClose(expected, new CosineDecayRestartsSchedule(IT, 0.1, 4, 2.0, 1.0, 0.0).valueAt((int) t, 0), "t=" + t);
    }

    /** Keras: CosineDecayRestarts(0.1, first_decay_steps=3, t_mul=1.0, m_mul=0.5, alpha=0.1). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.07750000000000001", "2, 0.032500000000000015", "3, 0.05500000000000001",
            "5, 0.021249999999999998", "6, 0.0325", "8, 0.01562500000000001", "9, 0.021250000000000005",
            "1000, 0.010000000000000002", "4294967295, 0.010000000000000002"})
    void matchesKerasWithEqualCycles(long t, double expected) {
        assertRelClose(expected, new CosineDecayRestartsSchedule(IT, 0.1, 3, 1.0, 0.5, 0.1).valueAt((int) t, 0), "t=" + t);
    }

    /**
     * keras_reference.py lists 50 restart steps where Keras' floor(log(x) / log(t_mul)) is one cycle short, e.g.
     * t_mul=3.0, first_decay_steps=1, step 121 (Keras: 0.0, the end of cycle 4) and step 1743392200.
     */
    @Test
    void restartsOnWholeStepsAreExactWhereKerasLogarithmIsOneCycleShort() {
        CosineDecayRestartsSchedule s = new CosineDecayRestartsSchedule(IT, 0.1, 1, 3.0, 1.0, 0.0);
        for (long start : new long[] {4, 13, 40, 121, 364, 29524, 797161, 7174453, 64570081, 1743392200L}) {
            assertThat(s.valueAt((int) start, 0)).as("restart at %s", start).isEqualTo(0.1);
            assertThat(s.valueAt((int) start - 1, 0)).as("end of the cycle before %s", start).isLessThan(0.03);
        }
        CosineDecayRestartsSchedule two = new CosineDecayRestartsSchedule(IT, 0.1, 2, 3.0, 1.0, 0.0);
        assertThat(two.valueAt((int) 3486784400L, 0)).isEqualTo(0.1); // Keras: cycle 19 instead of 20
    }

    @Test
    void aHugeTMulIsOneLongSecondCycle() {
        CosineDecayRestartsSchedule s = new CosineDecayRestartsSchedule(IT, 1.0, 1, Double.MAX_VALUE, 0.5, 0.0);
        assertThat(s.valueAt(1, 0)).isEqualTo(0.5);
        assertThat(s.valueAt(-1, 0)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new CosineDecayRestartsSchedule(null, 0.1, 4, 2, 1, 0));
        assertRejected("initialValue must be finite and >= 0, got -0.1", () -> new CosineDecayRestartsSchedule(IT, -0.1, 4, 2, 1, 0));
        assertRejected("firstDecaySteps must be > 0, got 0", () -> new CosineDecayRestartsSchedule(IT, 0.1, 0, 2, 1, 0));
        assertRejected("tMul must be finite and >= 1, got 0.5", () -> new CosineDecayRestartsSchedule(IT, 0.1, 4, 0.5, 1, 0));
        assertRejected("tMul must be finite and >= 1, got NaN", () -> new CosineDecayRestartsSchedule(IT, 0.1, 4, Double.NaN, 1, 0));
        assertRejected("tMul must be finite and >= 1, got Infinity",
                () -> new CosineDecayRestartsSchedule(IT, 0.1, 4, Double.POSITIVE_INFINITY, 1, 0));
        assertRejected("mMul must be in [0.0, 1.0], got 1.1", () -> new CosineDecayRestartsSchedule(IT, 0.1, 4, 2, 1.1, 0));
        assertRejected("alpha must be in [0.0, 1.0], got -0.1", () -> new CosineDecayRestartsSchedule(IT, 0.1, 4, 2, 1, -0.1));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        double big = Double.MAX_VALUE;
        double[] tMuls = {1.0, 1.0 + 1e-12, 1.5, 2.0, 3.0, 1e6, 4294967297.0, big};
        for (double tMul : tMuls) {
            assertFiniteNonNegativeEverywhere(new CosineDecayRestartsSchedule(IT, big, 1, tMul, 1.0, 0.1));
            assertFiniteNonNegativeEverywhere(new CosineDecayRestartsSchedule(IT, big, Integer.MAX_VALUE, tMul, 0.0, 1.0));
            assertFiniteNonNegativeEverywhere(new CosineDecayRestartsSchedule(IT, Double.MIN_VALUE, 7, tMul, Double.MIN_VALUE, 0));
        }
        // never above the initial value, even with the alpha step's rounding at MAX_VALUE
        CosineDecayRestartsSchedule s = new CosineDecayRestartsSchedule(IT, big, 3, 1.7, 0.9, 0.1);
        for (int t = 0; t < 3000; t++) {
            assertThat(s.valueAt(t, 0)).isLessThanOrEqualTo(big).isGreaterThanOrEqualTo(0.1 * big * (1 - 1e-15));
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.05),
                        Schedules.cosineDecayRestarts(IT, 0.1, 4, 1.5, 0.7, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(ScheduleType.EPOCH, 0.1, 4, 1.5, 0.7, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.2, 4, 1.5, 0.7, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.1, 5, 1.5, 0.7, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.6, 0.7, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.8, 0.05))
                .addEqualityGroup(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.06))
                .testEquals();
        assertThat(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.05).toString()).isEqualTo(
                "CosineDecayRestartsSchedule(scheduleType=ITERATION, initialValue=0.1, firstDecaySteps=4, tMul=1.5, "
                        + "mMul=0.7, alpha=0.05)");
        assertSurvivesDl4j(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.05));
        assertSurvivesDl4j(new CosineDecayRestartsSchedule(ScheduleType.EPOCH, 0.1, 2, 1.0, 1.0, 0.0));
        assertJsonFields(new CosineDecayRestartsSchedule(IT, 0.1, 4, 1.5, 0.7, 0.05), "scheduleType", "initialValue",
                "firstDecaySteps", "tMul", "mMul", "alpha");
    }
}
