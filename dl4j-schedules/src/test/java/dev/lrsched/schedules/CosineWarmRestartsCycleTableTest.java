package dev.lrsched.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The precomputed cycle table of {@link CosineWarmRestartsSchedule} against an independent reference that
 * walks the cycles with {@code long} arithmetic ({@code start += length; length *= T_mult}), bit for bit:
 * at every restart point up to the largest unsigned counter 2<sup>32</sup>-1, the step before and after
 * each, the middle of each cycle, and 2<sup>32</sup>-1 itself, for periods and multipliers from 1 to
 * {@link Integer#MAX_VALUE}, with and without a decaying peak.
 */
class CosineWarmRestartsCycleTableTest {

    private static final long MAX_COUNTER = 0xFFFF_FFFFL;
    private static final double MAX = 0.1;
    private static final double MIN = 0.001;

    static List<Object[]> configurations() {
        int[] periods = {1, 2, 3, 7, 10, 1000, 65_535, 1 << 20, Integer.MAX_VALUE};
        int[] multipliers = {1, 2, 3, 4, 5, 7, 10, 1000, 1 << 16, Integer.MAX_VALUE};
        List<Object[]> out = new ArrayList<>();
        for (int t0 : periods) {
            for (int m : multipliers) {
                out.add(new Object[]{t0, m, 1.0});
                out.add(new Object[]{t0, m, 0.8});
            }
        }
        return out;
    }

    /** The SGDR formula with cycle index, position and length from the walk. */
    private static double reference(double restartDecay, long cycle, long position, long length) {
        double peak = restartDecay == 1.0 ? MAX : Math.max(MIN, MAX * Math.pow(restartDecay, cycle));
        return MIN + (peak - MIN) * ((1.0 + Math.cos(Math.PI * position / length)) / 2.0);
    }

    private static double at(CosineWarmRestartsSchedule s, long t) {
        return s.valueAt((int) t, 0); // counters past 2^31 - 1 arrive wrapped; the schedule reads them unsigned
    }

    @ParameterizedTest(name = "T_0={0}, T_mult={1}, restartDecay={2}")
    @MethodSource("configurations")
    void everyRestartPointMatchesTheCycleWalk(int t0, int m, double restartDecay) {
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(ScheduleType.ITERATION, MAX, MIN, t0, m,
                restartDecay);
        long start = 0;
        long length = t0;
        long cycle = 0;
        int checkedCycles = 0;
        // T_mult = 1 has up to 2^32 cycles: the first 200 (across the 64-entry peak table), then 2^32 - 1
        while (start <= MAX_COUNTER && checkedCycles < 200) {
            long next = start + length;
            for (long t : new long[]{start, start + 1, start + length / 2, next - 1}) {
                if (t >= start && t < next && t <= MAX_COUNTER) {
                    assertThat(at(s, t)).as("t=%s (cycle %s, start %s, length %s)", t, cycle, start, length)
                            .isEqualTo(reference(restartDecay, cycle, t - start, length));
                }
            }
            start = next;
            cycle++;
            checkedCycles++;
            if (m > 1 && start <= MAX_COUNTER) {
                length = Math.multiplyExact(length, (long) m);
            }
        }
        if (m == 1) {
            long n = MAX_COUNTER / t0;
            assertThat(at(s, MAX_COUNTER)).isEqualTo(reference(restartDecay, n, MAX_COUNTER - n * t0, t0));
        } else {
            assertThat(start).as("every cycle below 2^32 was walked").isGreaterThan(MAX_COUNTER);
        }
    }

    /** T_mult = 1 looks the first 64 peaks up and computes the later ones: both give the formula's value. */
    @Test
    void peakTableAndComputedPeaksAgreeAcrossTheTableEnd() {
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(ScheduleType.ITERATION, MAX, 0.0, 1, 1, 0.97);
        for (long t = 0; t < 200; t++) {
            assertThat(at(s, t)).as("t=%s", t).isEqualTo(Math.max(0.0, MAX * Math.pow(0.97, t)));
        }
        assertThat(at(s, MAX_COUNTER)).isEqualTo(Math.max(0.0, MAX * Math.pow(0.97, MAX_COUNTER)));
    }
}
