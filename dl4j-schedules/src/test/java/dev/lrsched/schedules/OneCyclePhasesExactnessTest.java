package dev.lrsched.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link OneCycleSchedule} and {@link OneCycleMomentumSchedule} precompute their per-phase constants; this
 * pins them bit for bit to torch's {@code OneCycleLR.get_lr} written out directly (phase ends as floats,
 * {@code pct = (step - start) / (end - start)}, {@code _annealing_cos} / {@code _annealing_linear} via
 * {@link AnnealStrategy#anneal}), at every step of the cycle and after it.
 */
class OneCyclePhasesExactnessTest {

    static List<Object[]> configurations() {
        List<Object[]> out = new ArrayList<>();
        int[] totals = {3, 5, 10, 100, 997, 10_000};
        double[] pcts = {0.3, 0.25, 0.45, 0.1, 1.0 / 3};
        for (int total : totals) {
            for (double pct : pcts) {
                for (AnnealStrategy strategy : AnnealStrategy.values()) {
                    for (boolean three : new boolean[]{false, true}) {
                        double end1 = pct * total - 1;
                        double end2 = 2 * pct * total - 2;
                        if (end1 > 0 && end1 < total - 1 && (!three || end2 < total - 1)) {
                            out.add(new Object[]{total, pct, strategy, three});
                        }
                    }
                }
            }
        }
        return out;
    }

    /** torch OneCycleLR: the first phase whose end_step >= step, over the phase list. */
    private static double torch(double step, double[] ends, double[] from, double[] to, AnnealStrategy strategy) {
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            if (step <= ends[i] || i == ends.length - 1) {
                return strategy.anneal(from[i], to[i], (step - start) / (ends[i] - start));
            }
            start = ends[i];
        }
        throw new AssertionError();
    }

    @ParameterizedTest(name = "total={0}, pct={1}, {2}, threePhase={3}")
    @MethodSource("configurations")
    void learningRateAndMomentumAreTorchBitForBit(int total, double pct, AnnealStrategy strategy, boolean three) {
        OneCycleSchedule lr = new OneCycleSchedule(ScheduleType.ITERATION, 0.1, total, pct, strategy, 25, 1e4, three);
        OneCycleMomentumSchedule momentum = lr.momentum(0.85, 0.95);
        double initial = 0.1 / 25;
        double min = initial / 1e4;
        double end1 = pct * total - 1;
        double end2 = 2 * pct * total - 2;
        double last = total - 1;
        double[] ends = three ? new double[]{end1, end2, last} : new double[]{end1, last};
        double[] lrFrom = three ? new double[]{initial, 0.1, initial} : new double[]{initial, 0.1};
        double[] lrTo = three ? new double[]{0.1, initial, min} : new double[]{0.1, min};
        double[] mFrom = three ? new double[]{0.95, 0.85, 0.95} : new double[]{0.95, 0.85};
        double[] mTo = three ? new double[]{0.85, 0.95, 0.95} : new double[]{0.85, 0.95};
        for (int t = 0; t < total + 3; t++) {
            double step = Math.min(t, last); // lrsched holds the last value after the cycle
            assertThat(lr.valueAt(t, 0)).as("lr t=%s", t).isEqualTo(torch(step, ends, lrFrom, lrTo, strategy));
            assertThat(momentum.valueAt(t, 0)).as("momentum t=%s", t)
                    .isEqualTo(torch(step, ends, mFrom, mTo, strategy));
        }
        assertThat(lr.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(torch(last, ends, lrFrom, lrTo, strategy));
        assertThat(lr.valueAt(-1, 0)).isEqualTo(torch(last, ends, lrFrom, lrTo, strategy));
    }
}
