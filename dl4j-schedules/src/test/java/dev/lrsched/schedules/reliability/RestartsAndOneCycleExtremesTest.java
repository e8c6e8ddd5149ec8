package dev.lrsched.schedules.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.OneCycleMomentumSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Issue 17 for the restart and one-cycle schedules: extreme but accepted parameters (1e-300, 1e300,
 * {@link Double#MIN_VALUE}, {@link Double#MAX_VALUE}, {@link Integer#MAX_VALUE} periods) never give NaN,
 * Infinity or a negative value at any counter (including {@link Integer#MAX_VALUE} and wrapped negatives,
 * read unsigned), and parameters whose result would overflow are rejected at construction.
 */
class RestartsAndOneCycleExtremesTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final double BIG = Double.MAX_VALUE;
    private static final double TINY = Double.MIN_VALUE;
    private static final int[] COUNTERS = {0, 1, 2, 3, 7, 100, 65_536, 1 << 30, Integer.MAX_VALUE - 1,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1};

    private static void assertFiniteNonNegative(ISchedule s) {
        for (int t : COUNTERS) {
            double v = s.valueAt(t, t);
            assertThat(Double.isFinite(v) && v >= 0).as("%s at %s gave %s", s, t, v).isTrue();
        }
    }

    /** The reported case: finalDivFactor 4.9e-324 made the final value Infinity and valueAt(MAX, 0) NaN. */
    @Test
    void subnormalFinalDivFactorIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> new OneCycleSchedule(IT, 0.01, 100, 0.3, AnnealStrategy.COS, 25, 4.9e-324, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finalDivFactor")
                .hasMessageContaining("got finalDivFactor=4.9E-324")
                .hasMessageContaining(">= ");
        assertThatThrownBy(() -> OneCycleSchedule.builder(BIG, 10).divFactor(1).finalDivFactor(0.5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finalDivFactor");
        assertThatThrownBy(() -> OneCycleSchedule.builder(1e10, 10).finalDivFactor(1e-300).threePhase(true).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finalDivFactor");
        assertThatThrownBy(() -> new OneCycleSchedule(IT, 1e-300, 100, 0.3, AnnealStrategy.COS, TINY, 1e-300, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finalDivFactor=1.0E-300");
    }

    @Test
    void extremeButAcceptedOneCycleParametersStayFiniteAndNonNegative() {
        List<OneCycleSchedule> schedules = List.of(
                // a final value of 4e296 is absurd but finite: accepted
                new OneCycleSchedule(IT, 0.01, 100, 0.3, AnnealStrategy.COS, 25, 1e-300, false),
                new OneCycleSchedule(IT, 0.01, 100, 0.3, AnnealStrategy.LINEAR, 25, 1e-300, true),
                // maxValue 0: 0 / MIN_VALUE = 0
                new OneCycleSchedule(IT, 0.0, 100, 0.3, AnnealStrategy.COS, 25, TINY, true),
                new OneCycleSchedule(IT, BIG, 100, 0.3, AnnealStrategy.COS, 1, 1, false),
                new OneCycleSchedule(IT, BIG, 100, 0.3, AnnealStrategy.LINEAR, 1, BIG, true),
                new OneCycleSchedule(IT, BIG, 100, 0.3, AnnealStrategy.COS, BIG, BIG, true),
                new OneCycleSchedule(IT, TINY, 100, 0.3, AnnealStrategy.COS, 1e300, 1e300, false),
                // 1e-300 / MIN_VALUE = 2e23: a subnormal divFactor is fine while the result is finite
                new OneCycleSchedule(IT, 1e-300, 100, 0.3, AnnealStrategy.COS, TINY, 1e-200, false),
                new OneCycleSchedule(IT, 1e300, Integer.MAX_VALUE, 1e-9, AnnealStrategy.COS, 1e-8, 1.0, true),
                new OneCycleSchedule(IT, 1.0, Integer.MAX_VALUE, 0.999_999_999, AnnealStrategy.LINEAR, 25, 1e4, false),
                new OneCycleSchedule(ScheduleType.EPOCH, 1.0, 3, 0.5, AnnealStrategy.COS, 1e300, 1e-300, false));
        for (OneCycleSchedule s : schedules) {
            assertFiniteNonNegative(s);
            assertFiniteNonNegative(s.momentum());
            assertFiniteNonNegative(s.momentum(0, 1));
            assertFiniteNonNegative(s.momentum(1, 0));
        }
        // the reported counter, now with an accepted tiny factor: exactly the final value
        OneCycleSchedule s = new OneCycleSchedule(IT, 0.01, 100, 0.3, AnnealStrategy.COS, 25, 1e-300, false);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(s.getMinValue()).isEqualTo(0.01 / 25 / 1e-300);
    }

    @Test
    void oneCycleMomentumWithExtremePhasesStaysInItsRange() {
        // as in torch, (TINY - 1) / 2 * 2 + 1 rounds to 0: momentum in [0, 1], not necessarily >= baseMomentum
        for (boolean three : new boolean[]{false, true}) {
            OneCycleMomentumSchedule m = new OneCycleMomentumSchedule(IT, Integer.MAX_VALUE, 1e-9,
                    AnnealStrategy.COS, three, TINY, 1.0);
            for (int t : COUNTERS) {
                assertThat(m.valueAt(t, 0)).as("t=%s", t).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void extremeButAcceptedWarmRestartParametersStayFiniteAndNonNegative() {
        int max = Integer.MAX_VALUE;
        List<CosineWarmRestartsSchedule> schedules = List.of(
                new CosineWarmRestartsSchedule(IT, BIG, 0, 1, 1, TINY),
                new CosineWarmRestartsSchedule(IT, BIG, BIG, max, max, 1.0),
                new CosineWarmRestartsSchedule(IT, BIG, 0, max, max, TINY, max, TINY),
                new CosineWarmRestartsSchedule(IT, BIG, 1e300, 1, max, 1e-300, 0, BIG),
                new CosineWarmRestartsSchedule(IT, BIG, TINY, 1, 2, 1e-300, 0, 1e300),
                new CosineWarmRestartsSchedule(IT, 1e-300, TINY, 3, 3, 0.5, 1, 1e-300),
                new CosineWarmRestartsSchedule(IT, TINY, TINY, 1, 1, TINY, max, BIG),
                new CosineWarmRestartsSchedule(IT, 1e300, 0, 1, 1, 0.999_999_999, 0, 2.0),
                new CosineWarmRestartsSchedule(ScheduleType.EPOCH, BIG, 0, max, 1, 0.5, 2, 0.5));
        for (CosineWarmRestartsSchedule s : schedules) {
            assertFiniteNonNegative(s);
            for (int t : COUNTERS) {
                assertThat(s.valueAt(t, t)).isBetween(s.getMinValue(), s.getInitialValue());
            }
        }
    }
}
