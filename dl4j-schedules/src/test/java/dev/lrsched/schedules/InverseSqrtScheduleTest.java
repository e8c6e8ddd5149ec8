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

/** Reference values: {@code tools/reference/hf_reference.py} (HF's inverse-sqrt lambda @ 005edacb under torch's LambdaLR). */
class InverseSqrtScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** HF: get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=4) (timescale defaults to 4). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.025", "3, 0.07500000000000001", "4, 0.1", "5, 0.08944271909999159",
            "8, 0.07071067811865475", "9, 0.06666666666666667", "1000, 0.006324555320336759", "1000000, 0.0002",
            "2147483647, 4.3158372885204086e-06", "2147483648, 4.315837287515549e-06",
            "4294967295, 3.0517578128552716e-06"})
    void matchesHfWithTheDefaultTimescale(long t, double expected) {
        assertRelClose(expected, InverseSqrtSchedule.of(IT, 0.1, 4).valueAt((int) t, 0), "t=" + t);
    }

    /** HF: get_inverse_sqrt_schedule(SGD(lr=0.1), num_warmup_steps=4, timescale=10). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "2, 0.05", "4, 0.1", "5, 0.09534625892455922", "9, 0.08164965809277262",
            "1000, 0.00997013432852472", "1000000, 0.00031622681733780894", "4294967295, 4.82525277454787e-06"})
    void matchesHfWithATimescale(long t, double expected) {
        assertRelClose(expected, new InverseSqrtSchedule(IT, 0.1, 4, 10).valueAt((int) t, 0), "t=" + t);
    }

    /** HF: num_warmup_steps=0 (timescale defaults to 10_000), and timescale=3 below num_warmup_steps=10. */
    @Test
    void matchesHfWithoutWarmupAndWithATimescaleBelowTheWarmup() {
        InverseSqrtSchedule none = InverseSqrtSchedule.of(IT, 0.1, 0);
        assertThat(none.getTimescale()).isEqualTo(10_000);
        assertRelClose(0.1, none.valueAt(0, 0));
        assertRelClose(0.09999500037496878, none.valueAt(1, 0));
        assertRelClose(0.09534625892455922, none.valueAt(1000, 0));
        assertRelClose(0.00015258771300738976, none.valueAt(-1, 0)); // 2^32 - 1, read unsigned
        InverseSqrtSchedule small = new InverseSqrtSchedule(IT, 0.1, 10, 3);
        assertRelClose(0.09000000000000001, small.valueAt(9, 0));
        assertRelClose(0.1, small.valueAt(10, 0));
        assertRelClose(0.08660254037844388, small.valueAt(11, 0));
        assertRelClose(0.07745966692414835, small.valueAt(12, 0));
        assertRelClose(3.7376247356802247e-06, small.valueAt(Integer.MIN_VALUE, 0)); // 2^31
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        InverseSqrtSchedule s = new InverseSqrtSchedule(ScheduleType.EPOCH, 0.1, 4, 10);
        assertThat(s.valueAt(123, 5)).isEqualTo(new InverseSqrtSchedule(IT, 0.1, 4, 10).valueAt(5, 0));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new InverseSqrtSchedule(null, 0.1, 4, 4));
        assertRejected("initialValue must be finite and >= 0, got -1.0", () -> new InverseSqrtSchedule(IT, -1, 4, 4));
        assertRejected("initialValue must be finite and >= 0, got NaN", () -> new InverseSqrtSchedule(IT, Double.NaN, 4, 4));
        assertRejected("warmupSteps must be >= 0, got -1", () -> new InverseSqrtSchedule(IT, 0.1, -1, 4));
        assertRejected("timescale must be > 0, got 0", () -> new InverseSqrtSchedule(IT, 0.1, 4, 0));
        assertRejected("timescale must be > 0, got -3", () -> new InverseSqrtSchedule(IT, 0.1, 4, -3));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        assertFiniteNonNegativeEverywhere(new InverseSqrtSchedule(IT, Double.MAX_VALUE, Integer.MAX_VALUE, 1));
        assertFiniteNonNegativeEverywhere(new InverseSqrtSchedule(IT, Double.MAX_VALUE, 0, Integer.MAX_VALUE));
        assertFiniteNonNegativeEverywhere(new InverseSqrtSchedule(IT, Double.MIN_VALUE, 1, 1));
        // never above the peak
        InverseSqrtSchedule s = new InverseSqrtSchedule(IT, 1.0, 7, 2);
        for (int t = 0; t < 5000; t++) {
            assertThat(s.valueAt(t, 0)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new InverseSqrtSchedule(IT, 0.1, 4, 4), InverseSqrtSchedule.of(IT, 0.1, 4))
                .addEqualityGroup(new InverseSqrtSchedule(ScheduleType.EPOCH, 0.1, 4, 4))
                .addEqualityGroup(new InverseSqrtSchedule(IT, 0.2, 4, 4))
                .addEqualityGroup(new InverseSqrtSchedule(IT, 0.1, 5, 4))
                .addEqualityGroup(new InverseSqrtSchedule(IT, 0.1, 4, 5))
                .testEquals();
        assertThat(new InverseSqrtSchedule(IT, 0.1, 4, 10).toString())
                .isEqualTo("InverseSqrtSchedule(scheduleType=ITERATION, initialValue=0.1, warmupSteps=4, timescale=10)");
        assertSurvivesDl4j(new InverseSqrtSchedule(IT, 0.1, 4, 10));
        assertSurvivesDl4j(InverseSqrtSchedule.of(ScheduleType.EPOCH, 0.05, 0));
        assertJsonFields(new InverseSqrtSchedule(IT, 0.1, 4, 10), "scheduleType", "initialValue", "warmupSteps", "timescale");
    }
}
