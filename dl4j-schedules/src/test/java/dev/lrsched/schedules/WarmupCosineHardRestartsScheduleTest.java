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
 * Reference values: {@code tools/reference/hf_reference.py} (HF's hard-restarts lambda @ 005edacb under torch's
 * LambdaLR; the script also compares HF's floating-point cycle fraction with the exact one at 151 680 points).
 */
class WarmupCosineHardRestartsScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** HF: get_cosine_with_hard_restarts_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=14, num_cycles=3). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.05", "2, 0.1", "3, 0.08535533905932738", "5, 0.014644660940672627", "6, 0.1",
            "9, 0.014644660940672627", "10, 0.1", "13, 0.014644660940672627", "14, 0.0", "15, 0.0", "1000000, 0.0",
            "2147483648, 0.0", "4294967295, 0.0"})
    void matchesHfWithCyclesThatDivideTheDecay(long t, double expected) {
        assertRelClose(expected, new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3).valueAt((int) t, 0), "t=" + t);
    }

    /** HF: the same with num_warmup_steps=3, num_training_steps=13, num_cycles=3 (a cycle is 10/3 steps). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.03333333333333333", "2, 0.06666666666666667", "3, 0.1", "4, 0.07938926261462365",
            "6, 0.002447174185242329", "7, 0.09045084971874735", "8, 0.05", "9, 0.009549150281252645",
            "10, 0.0975528258147577", "12, 0.02061073738537633", "13, 0.0", "14, 0.0"})
    void matchesHfWithCyclesThatDoNotDivideTheDecay(int t, double expected) {
        assertRelClose(expected, new WarmupCosineHardRestartsSchedule(IT, 0.1, 3, 13, 3).valueAt(t, 0), "t=" + t);
    }

    @Test
    void everyRestartIsExactlyThePeakAndOneCycleWithoutWarmupIsAPlainCosine() {
        WarmupCosineHardRestartsSchedule s = new WarmupCosineHardRestartsSchedule(IT, 0.3, 5, 5 + 7 * 1000, 7);
        for (int k = 0; k < 7; k++) {
            assertThat(s.valueAt(5 + 1000 * k, 0)).as("restart %s", k).isEqualTo(0.3);
        }
        WarmupCosineHardRestartsSchedule one = new WarmupCosineHardRestartsSchedule(IT, 0.1, 0, 10, 1);
        CosineAnnealingSchedule cosine = new CosineAnnealingSchedule(IT, 0.1, 0.0, 10);
        for (int t = 0; t < 10; t++) {
            assertRelClose(cosine.valueAt(t, 0), one.valueAt(t, 0), "t=" + t);
        }
        assertThat(one.valueAt(10, 0)).isEqualTo(0.0);
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new WarmupCosineHardRestartsSchedule(null, 0.1, 0, 10, 1));
        assertRejected("peakValue must be finite and >= 0, got Infinity",
                () -> new WarmupCosineHardRestartsSchedule(IT, Double.POSITIVE_INFINITY, 0, 10, 1));
        assertRejected("warmupSteps must be >= 0, got -1", () -> new WarmupCosineHardRestartsSchedule(IT, 0.1, -1, 10, 1));
        assertRejected("totalSteps must be > warmupSteps (10), got 10",
                () -> new WarmupCosineHardRestartsSchedule(IT, 0.1, 10, 10, 1));
        assertRejected("numCycles must be > 0, got 0", () -> new WarmupCosineHardRestartsSchedule(IT, 0.1, 0, 10, 0));
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        int max = Integer.MAX_VALUE;
        assertFiniteNonNegativeEverywhere(new WarmupCosineHardRestartsSchedule(IT, Double.MAX_VALUE, 0, max, max));
        assertFiniteNonNegativeEverywhere(new WarmupCosineHardRestartsSchedule(IT, Double.MAX_VALUE, max - 1, max, max));
        assertFiniteNonNegativeEverywhere(new WarmupCosineHardRestartsSchedule(ScheduleType.EPOCH, Double.MIN_VALUE, 1, 2, 1));
        // numCycles * (t - W) with both near 2^31 does not overflow a long: still a cosine value in [0, peak]
        WarmupCosineHardRestartsSchedule big = new WarmupCosineHardRestartsSchedule(IT, 1.0, 0, max, max - 2);
        assertThat(big.valueAt(max - 1, 0)).isBetween(0.0, 1.0);
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3),
                        new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3))
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(ScheduleType.EPOCH, 0.1, 2, 14, 3))
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(IT, 0.2, 2, 14, 3))
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(IT, 0.1, 1, 14, 3))
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 15, 3))
                .addEqualityGroup(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 4))
                .testEquals();
        assertThat(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3).toString()).isEqualTo(
                "WarmupCosineHardRestartsSchedule(scheduleType=ITERATION, peakValue=0.1, warmupSteps=2, totalSteps=14, "
                        + "numCycles=3)");
        assertSurvivesDl4j(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3));
        assertJsonFields(new WarmupCosineHardRestartsSchedule(IT, 0.1, 2, 14, 3), "scheduleType", "peakValue",
                "warmupSteps", "totalSteps", "numCycles");
    }
}
