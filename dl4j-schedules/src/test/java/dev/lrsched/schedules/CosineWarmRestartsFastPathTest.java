package dev.lrsched.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The integer fast paths of {@link CosineWarmRestartsSchedule#valueAt} (power-of-two {@code T_mult} via
 * bit arithmetic, {@code restartDecay = 1} without {@code Math.pow}) give exactly what walking the cycles
 * one by one gives (torch's step-by-step {@code T_cur += 1; if T_cur >= T_i: T_cur -= T_i; T_i *= T_mult}).
 */
class CosineWarmRestartsFastPathTest {

    private static double walk(double initial, double min, int t0, int mult, double decay, long t) {
        long ti = t0;
        long cur = t;
        int cycle = 0;
        while (cur >= ti) {
            cur -= ti;
            ti *= mult;
            cycle++;
        }
        double peak = Math.max(min, initial * Math.pow(decay, cycle));
        return min + (peak - min) * ((1.0 + Math.cos(Math.PI * cur / ti)) / 2.0);
    }

    @Test
    void powerOfTwoAndUnitMultipliersMatchTheStepByStepWalkBitForBitOverTheFirst200kSteps() {
        int[][] configs = {{1, 1}, {7, 1}, {1, 2}, {3, 2}, {10, 2}, {5, 4}, {2, 8}, {1, 1024}, {3, 3}};
        double[] decays = {1.0, 0.5};
        for (int[] c : configs) {
            for (double decay : decays) {
                CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 1e-4,
                        c[0], c[1], decay);
                // torch's step-by-step walk, advanced one step per t (linear in the number of steps).
                long cur = 0;
                long ti = c[0];
                int cycle = 0;
                for (int t = 0; t < 200_000; t++) {
                    if (cur >= ti) {
                        cur -= ti;
                        ti *= c[1];
                        cycle++;
                    }
                    double peak = Math.max(1e-4, 0.1 * Math.pow(decay, cycle));
                    double expected = 1e-4 + (peak - 1e-4) * ((1.0 + Math.cos(Math.PI * cur / ti)) / 2.0);
                    if (s.valueAt(t, 0) != expected) {
                        assertThat(s.valueAt(t, 0)).as("T_0=%d T_mult=%d decay=%s t=%d", c[0], c[1], decay, t)
                                .isEqualTo(expected);
                    }
                    cur++;
                }
            }
        }
    }

    @Test
    void powerOfTwoMultiplierAtTheTopOfTheUnsignedCounterRange() {
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 1e-4, 1, 2, 1.0);
        // t = 2^32 - 1 = start(32) = 2^32 - 1: the restart of cycle 32, at the peak.
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.1);
        // t = 2^32 - 2: the last step of cycle 31 (length 2^31), one step before the end.
        assertThat(s.valueAt(-2, 0)).isEqualTo(walk(0.1, 1e-4, 1, 2, 1.0, 0xFFFF_FFFEL));
    }
}
