package dev.lrsched.schedules.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Shrunk counterexamples of the property suite ({@link ScheduleValuePropertiesTest}) and of earlier
 * fuzzing, with their literal parameters: each failed against the arithmetic it fixed.
 */
class PropertyRegressionTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final double MAX = Double.MAX_VALUE;

    private static void assertFiniteNonNegative(ISchedule s, int iteration, int epoch) {
        assertThat(s.valueAt(iteration, epoch)).as("%s at (%s, %s)", s, iteration, epoch)
                .isFinite().isGreaterThanOrEqualTo(0.0);
    }

    // ---- LinearSchedule: (endFactor - startFactor) * t overflowed before the division ----

    @Test
    void linearHugeStartFactorDoesNotOverflowToMinusInfinity() {
        LinearSchedule s = new LinearSchedule(IT, 0.1, 1e308, 0.0, 30_000);
        assertFiniteNonNegative(s, 7, 0);
        assertThat(s.valueAt(7, 0)).isCloseTo(0.1 * 1e308 * (1 - 7 / 30_000.0), org.assertj.core.data.Percentage.withPercentage(1e-10));
        assertThat(s.valueAt(30_000, 0)).isEqualTo(0.0);
    }

    @Test
    void linearHugeEndFactorDoesNotOverflowToInfinity() {
        LinearSchedule s = new LinearSchedule(IT, 0.1, 0.0, 1e308, 30_000);
        assertFiniteNonNegative(s, 7, 0);
        assertThat(s.valueAt(30_000, 0)).isEqualTo(0.1 * 1e308);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.1 * 1e308);
    }

    @Test
    void linearZeroInitialValueTimesOverflowedFactorIsNotNaN() {
        // shrunk: initialValue 0 times the overflowed Infinity factor was NaN at the end of the ramp
        LinearSchedule s = new LinearSchedule(IT, 0.0, 0.0, 1e300, 1_073_741_824);
        assertThat(s.valueAt(Integer.MIN_VALUE, Integer.MIN_VALUE)).isEqualTo(0.0);
    }

    @Test
    void linearRampToZeroDoesNotRoundBelowZero() {
        // 0.1 + (0 - 0.1) * 3 / 3 = -1.3877787807814457E-17 in floating point
        LinearSchedule s = new LinearSchedule(IT, 1.0, 0.1, 0.0, 3);
        assertThat(s.valueAt(3, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(1, 0)).isEqualTo(0.1 + (0 - 0.1) * 1 / 3); // normal values unchanged: torch's order
    }

    @Test
    void linearInsideSequentialStaysFinite() {
        ISchedule s = new SequentialSchedule(IT, Arrays.asList(new FixedSchedule(0.1),
                new LinearSchedule(IT, 0.1, 1e308, 0.0, 30_000), new LinearSchedule(IT, 0.1, 0.0, 1e308, 30_000)),
                new int[] {10, 30_010});
        for (int t : new int[] {10, 17, 30_009, 30_010, 30_017, 60_010, -1}) {
            assertFiniteNonNegative(s, t, 0);
        }
    }

    // ---- sums of two rounded terms that pass Double.MAX_VALUE ----

    @Test
    void polynomialAtMaxValueDoesNotRoundToInfinity() {
        PolynomialSchedule s = new PolynomialSchedule(IT, MAX, 4.674002150642021E307, 4.9E-324, 1);
        assertThat(s.valueAt(0, 0)).isEqualTo(MAX);
    }

    @Test
    void cosineAnnealingAtMaxValueDoesNotRoundToInfinity() {
        for (AfterEnd afterEnd : AfterEnd.values()) {
            CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, MAX, 4.674002150642021E307, 1, afterEnd);
            assertThat(s.valueAt(0, 0)).as("%s", afterEnd).isEqualTo(MAX);
            assertFiniteNonNegative(s, 2, 0); // EXTRAPOLATE: back at the peak at t = 2 * period
        }
    }

    @Test
    void warmupCosineAtMaxValueDoesNotRoundToInfinity() {
        for (AfterEnd afterEnd : AfterEnd.values()) {
            WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.0, MAX, 4.674002150642021E307, 0, 1, afterEnd);
            assertThat(s.valueAt(0, 0)).as("%s", afterEnd).isEqualTo(MAX);
            assertFiniteNonNegative(s, 2, 0);
        }
        WarmupCosineSchedule warm = new WarmupCosineSchedule(IT, 4.674002150642021E307, MAX, 0.0, 3, 10, AfterEnd.HOLD);
        for (int t = 0; t <= 3; t++) {
            assertFiniteNonNegative(warm, t, 0);
        }
    }

    @Test
    void cyclicPeakAtMaxValueDoesNotRoundToInfinity() {
        double base = 6.739643703161427e307;
        for (CyclicMode mode : CyclicMode.values()) {
            CyclicSchedule s = new CyclicSchedule(IT, base, MAX, 1, 1, mode, 1.0);
            assertThat(s.valueAt(1, 0)).as("%s", mode).isEqualTo(MAX);
            assertThat(s.valueAt(2, 0)).as("%s", mode).isEqualTo(base);
        }
    }

    @Test
    void cosineWarmupToMaxValueDoesNotRoundToInfinity() {
        WarmupSchedule s = new WarmupSchedule(IT, Integer.MAX_VALUE, 5.910130613887125e307, WarmupShape.COSINE,
                new FixedSchedule(MAX));
        assertThat(s.valueAt(Integer.MAX_VALUE - 1, 0)).isEqualTo(MAX);
        assertFiniteNonNegative(s, Integer.MAX_VALUE - 2, 0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(MAX);
    }

    @Test
    void warmRestartsAtMaxValueDoesNotRoundToInfinity() {
        // shrunk by ScheduleValuePropertiesTest#cosineWarmRestarts: every cycle start is a peak
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(IT, MAX, 4.674002150642021E307, 1, 1,
                Double.MIN_VALUE, 0, Double.MIN_VALUE);
        assertThat(s.valueAt(0, 0)).isEqualTo(MAX);
        CosineWarmRestartsSchedule doubling = new CosineWarmRestartsSchedule(IT, MAX, 4.674002150642021E307, 1, 2, 1.0);
        for (int t : new int[] {0, 1, 3, 7, 1023, Integer.MAX_VALUE, -1}) {
            assertFiniteNonNegative(doubling, t, 0);
        }
    }

    @Test
    void warmRestartsCycleStartRoundsAbovePeakByOneUlpAsTorchDoes() {
        // shrunk by RestartsAndOneCyclePropertiesTest#warmRestartsAreFiniteAndWithinMinAndPeak: torch's
        // eta_min + (base_lr - eta_min) * (1 + cos(0)) / 2 rounds one ulp above base_lr here; lrsched keeps
        // torch's value (bit for bit), so the bound is [minValue, nextUp(peak)]
        double peak = 0.9845731770160143;
        double minValue = 0.04938196526245292;
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(IT, peak, minValue, 1, 1, 1.0);
        assertThat(s.valueAt(0, 0)).isEqualTo(minValue + (peak - minValue) * ((1.0 + Math.cos(0.0)) / 2.0))
                .isEqualTo(Math.nextUp(peak));
    }

    @Test
    void oneCycleWithSubnormalEndsDoesNotRoundBelowZero() {
        // shrunk by ScheduleValuePropertiesTest#oneCycle: gave -4.9E-324 at step 0
        OneCycleSchedule s = new OneCycleSchedule(IT, 2.3987E-320, 1073741824, 1.862645149230957E-9, AnnealStrategy.COS,
                10000.0, Double.MIN_VALUE, true);
        for (int t : new int[] {0, 1, 2, 3, Integer.MIN_VALUE, -1}) {
            assertFiniteNonNegative(s, t, 0);
        }
    }
}
