package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class ScaledScheduleTest {

    private static final ISchedule COSINE = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 10);

    @Test
    void multipliesTheWrappedValueAtEveryStep() {
        ScaledSchedule s = new ScaledSchedule(COSINE, 0.1);
        for (int t = 0; t <= 12; t++) {
            assertRelClose(0.1 * COSINE.valueAt(t, 0), s.valueAt(t, 0), "t=" + t);
        }
    }

    @Test
    void nestedScalingFoldsIntoOneWrapper() {
        ScaledSchedule twice = new ScaledSchedule(COSINE, 0.5).scaledBy(0.1);
        assertThat(twice.getSchedule()).isSameAs(COSINE);
        assertRelClose(0.05, twice.getFactor());
        assertThat(new ScaledSchedule(new ScaledSchedule(COSINE, 0.5), 0.5).getFactor()).isEqualTo(0.25);
    }

    @Test
    void wrapsNd4jBuiltIns() {
        ScaledSchedule s = ScaledSchedule.of(new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.5), 0.1);
        assertRelClose(0.1 * 0.1 * 0.125, s.valueAt(3, 0));
    }

    @Test
    void rejectsBadParameters() {
        assertRejected("schedule must not be null", () -> new ScaledSchedule(null, 0.5));
        assertRejected("factor must be finite and >= 0, got -1.0", () -> new ScaledSchedule(COSINE, -1));
        assertRejected("factor must be finite and >= 0, got NaN", () -> new ScaledSchedule(COSINE, Double.NaN));
        assertRejected("multiplier must be finite and >= 0, got Infinity",
                () -> new ScaledSchedule(COSINE, 1).scaledBy(Double.POSITIVE_INFINITY));
    }

    @Test
    void equalsComparesScheduleAndFactor() {
        new EqualsTester()
                .addEqualityGroup(new ScaledSchedule(COSINE, 0.5),
                        new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 10), 0.5))
                .addEqualityGroup(new ScaledSchedule(COSINE, 0.25))
                .addEqualityGroup(new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 11), 0.5))
                .testEquals();
    }

    @Test
    void survivesDl4jRoundTrips() {
        assertSurvivesDl4j(new ScaledSchedule(COSINE, 0.01));
        assertSurvivesDl4j(new ScaledSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 0.1, 0.9), 0.5));
    }
}
