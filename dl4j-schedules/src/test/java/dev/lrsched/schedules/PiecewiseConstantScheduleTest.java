package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static dev.lrsched.schedules.testing.ScheduleAssertions.javaSerializationRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

/** Reference values: {@code tools/reference/keras_reference.py} (Keras 3 PiecewiseConstantDecay.__call__ @ 3422977a). */
class PiecewiseConstantScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** Keras: PiecewiseConstantDecay(boundaries=[3, 7], values=[0.1, 0.05, 0.01]): inclusive boundaries. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "2, 0.1", "3, 0.1", "4, 0.05", "6, 0.05", "7, 0.05", "8, 0.01", "9, 0.01",
            "1000000, 0.01", "2147483647, 0.01", "2147483648, 0.01", "4294967295, 0.01"})
    void matchesKerasPiecewiseConstantDecay(long t, double expected) {
        PiecewiseConstantSchedule s = new PiecewiseConstantSchedule(IT, new int[] {3, 7}, new double[] {0.1, 0.05, 0.01});
        assertThat(s.valueAt((int) t, 0)).isEqualTo(expected);
    }

    @Test
    void aBoundaryAtZeroAndAtIntMaxValue() {
        // Keras: PiecewiseConstantDecay([0], [0.2, 0.1]): 0.2 at step 0 only
        PiecewiseConstantSchedule zero = Schedules.piecewiseConstant(IT, new int[] {0}, 0.2, 0.1);
        assertThat(zero.valueAt(0, 0)).isEqualTo(0.2);
        assertThat(zero.valueAt(1, 0)).isEqualTo(0.1);
        PiecewiseConstantSchedule last = new PiecewiseConstantSchedule(IT, new int[] {5, Integer.MAX_VALUE},
                new double[] {0.3, 0.2, 0.1});
        assertThat(last.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.2);
        assertThat(last.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.1); // 2^31, read unsigned
        // values may rise (a warmup in steps), and many pieces are found by binary search
        int[] b = new int[1000];
        double[] v = new double[1001];
        for (int i = 0; i < 1000; i++) {
            b[i] = 3 * i + 1;
            v[i] = i;
        }
        v[1000] = 1000;
        PiecewiseConstantSchedule many = new PiecewiseConstantSchedule(ScheduleType.EPOCH, b, v);
        for (int t = 0; t < 3100; t++) {
            double expected = t <= 1 ? 0 : Math.min(1000, (t - 2) / 3 + 1);
            assertThat(many.valueAt(0, t)).as("t=%s", t).isEqualTo(expected);
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        double[] v = {0.1, 0.05};
        assertRejected("scheduleType must not be null", () -> new PiecewiseConstantSchedule(null, new int[] {3}, v));
        assertRejected("boundaries must not be null", () -> new PiecewiseConstantSchedule(IT, null, v));
        assertRejected("values must not be null", () -> new PiecewiseConstantSchedule(IT, new int[] {3}, null));
        assertRejected("boundaries must contain at least 1 element, got 0",
                () -> new PiecewiseConstantSchedule(IT, new int[0], new double[] {0.1}));
        assertRejected("values must have boundaries.length + 1 = 3 elements, got 2: [0.1, 0.05]",
                () -> new PiecewiseConstantSchedule(IT, new int[] {3, 7}, v));
        assertRejected("boundaries[0] must be >= 0, got -1", () -> new PiecewiseConstantSchedule(IT, new int[] {-1}, v));
        assertRejected("boundaries must be strictly increasing, got boundaries[1]=3 after boundaries[0]=3",
                () -> new PiecewiseConstantSchedule(IT, new int[] {3, 3}, new double[] {0.1, 0.05, 0.01}));
        assertRejected("values[1] must be finite and >= 0, got NaN",
                () -> new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {0.1, Double.NaN}));
        assertRejected("values[0] must be finite and >= 0, got -0.1",
                () -> new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {-0.1, 0.1}));
    }

    @Test
    void copiesItsArraysAndSurvivesDl4j() {
        int[] b = {3, 7};
        double[] v = {0.1, 0.05, 0.01};
        PiecewiseConstantSchedule s = new PiecewiseConstantSchedule(IT, b, v);
        b[0] = 100;
        v[0] = 9;
        s.getValues()[0] = 9;
        s.getBoundaries()[0] = 100;
        assertThat(s.valueAt(0, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(4, 0)).isEqualTo(0.05);
        assertSurvivesDl4j(s);
        assertThat(javaSerializationRoundTrip(s)).isEqualTo(s);
        assertJsonFields(s, "scheduleType", "boundaries", "values");
        assertFiniteNonNegativeEverywhere(new PiecewiseConstantSchedule(IT, new int[] {0, Integer.MAX_VALUE},
                new double[] {Double.MAX_VALUE, 0, Double.MIN_VALUE}));
    }

    @Test
    void equalsAndToString() {
        new EqualsTester()
                .addEqualityGroup(new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {0.1, 0.05}),
                        new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {0.1, 0.05}))
                .addEqualityGroup(new PiecewiseConstantSchedule(ScheduleType.EPOCH, new int[] {3}, new double[] {0.1, 0.05}))
                .addEqualityGroup(new PiecewiseConstantSchedule(IT, new int[] {4}, new double[] {0.1, 0.05}))
                .addEqualityGroup(new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {0.1, 0.06}))
                .testEquals();
        assertThat(new PiecewiseConstantSchedule(IT, new int[] {3}, new double[] {0.1, 0.05}).toString())
                .isEqualTo("PiecewiseConstantSchedule(scheduleType=ITERATION, boundaries=[3], values=[0.1, 0.05])");
    }
}
