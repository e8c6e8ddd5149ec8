package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

class CyclicScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** torch 1.13: CyclicLR(SGD(lr=0.1), base_lr=0.001, max_lr=0.1, step_size_up=4, mode='triangular',
     *  cycle_momentum=False); optimizer lr read before the t-th scheduler.step(). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.001",
            "1, 0.025750000000000002",
            "2, 0.0505",
            "3, 0.07525000000000001",
            "4, 0.1",
            "5, 0.07525000000000001",
            "7, 0.025750000000000002",
            "8, 0.001",
            "9, 0.025750000000000002",
            "12, 0.1",
            "16, 0.001",
            "19, 0.07525000000000001"})
    void matchesTorchCyclicLrTriangular(int t, double expected) {
        assertRelClose(expected, CyclicSchedule.triangular(IT, 0.001, 0.1, 4).valueAt(t, 0));
    }

    /** torch 1.13: CyclicLR(SGD(lr=0.1), base_lr=0.001, max_lr=0.1, step_size_up=4, mode='triangular2',
     *  cycle_momentum=False). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.001",
            "2, 0.0505",
            "4, 0.1",
            "6, 0.0505",
            "8, 0.001",
            "12, 0.0505",
            "16, 0.001",
            "20, 0.025750000000000002",
            "24, 0.001",
            "28, 0.013375000000000001"})
    void matchesTorchCyclicLrTriangular2(int t, double expected) {
        CyclicSchedule s = new CyclicSchedule(IT, 0.001, 0.1, 4, 4, CyclicMode.TRIANGULAR2, 1.0);
        assertRelClose(expected, s.valueAt(t, 0));
    }

    /** torch 1.13: CyclicLR(SGD(lr=0.1), base_lr=0.001, max_lr=0.1, step_size_up=4, mode='exp_range',
     *  gamma=0.9, cycle_momentum=False). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.001",
            "1, 0.023275000000000004",
            "2, 0.041095000000000007",
            "4, 0.06595390000000001",
            "6, 0.027306329500000004",
            "8, 0.001",
            "12, 0.028960524111619014",
            "17, 0.005127602470667478",
            "29, 0.00449727055770534"})
    void matchesTorchCyclicLrExpRange(int t, double expected) {
        CyclicSchedule s = new CyclicSchedule(IT, 0.001, 0.1, 4, 4, CyclicMode.EXP_RANGE, 0.9);
        assertRelClose(expected, s.valueAt(t, 0));
    }

    /** torch 1.13: CyclicLR(SGD(lr=0.1), base_lr=0.01, max_lr=0.1, step_size_up=3, step_size_down=7,
     *  mode='triangular', cycle_momentum=False). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.01",
            "1, 0.04000000000000003",
            "3, 0.1",
            "4, 0.08714285714285716",
            "5, 0.07428571428571429",
            "9, 0.02285714285714287",
            "10, 0.01",
            "13, 0.09999999999999995",
            "20, 0.01",
            "24, 0.08714285714285716"})
    void matchesTorchCyclicLrWithAsymmetricUpAndDown(int t, double expected) {
        CyclicSchedule s = new CyclicSchedule(IT, 0.01, 0.1, 3, 7, CyclicMode.TRIANGULAR, 1.0);
        assertRelClose(expected, s.valueAt(t, 0));
    }

    /** torch 1.13: CyclicLR(SGD(lr=0.1), base_lr=0.95, max_lr=0.85, step_size_up=5, mode='triangular',
     *  cycle_momentum=False): torch accepts max_lr < base_lr too (this is how it cycles momentum). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.95",
            "1, 0.9299999999999999",
            "3, 0.8899999999999999",
            "5, 0.85",
            "7, 0.8899999999999999",
            "10, 0.95",
            "13, 0.89",
            "15, 0.85"})
    void inverseCyclingMatchesTorchAndGoesDownFirst(int t, double expected) {
        assertRelClose(expected, CyclicSchedule.triangular(IT, 0.95, 0.85, 5).valueAt(t, 0));
    }

    @Test
    void triangularFactoryUsesStepSizeForBothHalvesAndTorchDefaults() {
        CyclicSchedule s = CyclicSchedule.triangular(IT, 0.1, 0.2, 7);
        assertThat(s).isEqualTo(new CyclicSchedule(IT, 0.1, 0.2, 7, 7, CyclicMode.TRIANGULAR, 1.0));
    }

    @Test
    void peakIsExactlyMaxAndCycleStartIsExactlyBase() {
        CyclicSchedule s = new CyclicSchedule(IT, 0.01, 0.1, 3, 7, CyclicMode.TRIANGULAR, 1.0);
        for (int cycle = 0; cycle < 5; cycle++) {
            assertThat(s.valueAt(10 * cycle, 0)).isEqualTo(0.01);
            assertThat(s.valueAt(10 * cycle + 3, 0)).isEqualTo(0.1);
        }
    }

    @Test
    void triangular2HalvesTheAmplitudeEachCycle() {
        CyclicSchedule s = new CyclicSchedule(IT, 0.0, 1.0, 5, 5, CyclicMode.TRIANGULAR2, 1.0);
        assertThat(s.valueAt(5, 0)).isEqualTo(1.0);
        assertThat(s.valueAt(15, 0)).isEqualTo(0.5);
        assertThat(s.valueAt(25, 0)).isEqualTo(0.25);
        assertThat(s.valueAt(95, 0)).isEqualTo(1.0 / 512);
    }

    @Test
    void expRangeWithGammaOneIsTriangular() {
        CyclicSchedule exp = new CyclicSchedule(IT, 0.001, 0.1, 4, 6, CyclicMode.EXP_RANGE, 1.0);
        CyclicSchedule tri = new CyclicSchedule(IT, 0.001, 0.1, 4, 6, CyclicMode.TRIANGULAR, 1.0);
        for (int t = 0; t < 40; t++) {
            assertThat(exp.valueAt(t, 0)).isEqualTo(tri.valueAt(t, 0));
        }
    }

    @Test
    void hugeCountersUseExactPositionAndNeverGiveNaN() {
        // 2^32 - 1 is the largest unsigned counter (int -1). 4294967295 mod 10 = 5: on the way down.
        CyclicSchedule tri = new CyclicSchedule(IT, 0.0, 1.0, 3, 7, CyclicMode.TRIANGULAR, 1.0);
        assertRelClose(5.0 / 7, tri.valueAt(-1, 0));
        // Integer.MAX_VALUE = 2147483647, mod 10 = 7.
        assertRelClose(3.0 / 7, tri.valueAt(Integer.MAX_VALUE, 0));
        // Integer.MIN_VALUE = 2^31 = 2147483648, mod 10 = 8.
        assertRelClose(2.0 / 7, tri.valueAt(Integer.MIN_VALUE, 0));
        for (CyclicMode mode : CyclicMode.values()) {
            CyclicSchedule s = new CyclicSchedule(IT, 0.001, 0.1, 3, 7, mode, 0.99);
            assertFiniteNonNegativeEverywhere(s);
            assertThat(s.valueAt(-1, 0)).isBetween(0.001, 0.1);
        }
        // The decaying amplitudes underflow to 0: the value settles at baseValue.
        assertThat(new CyclicSchedule(IT, 0.001, 0.1, 3, 7, CyclicMode.TRIANGULAR2, 1.0).valueAt(-1, 0)).isEqualTo(0.001);
        assertThat(new CyclicSchedule(IT, 0.001, 0.1, 3, 7, CyclicMode.EXP_RANGE, 0.99).valueAt(-1, 0)).isEqualTo(0.001);
    }

    @Test
    void largestStepSizesDoNotOverflow() {
        CyclicSchedule s = new CyclicSchedule(IT, 0.0, 1.0, Integer.MAX_VALUE, Integer.MAX_VALUE, CyclicMode.TRIANGULAR, 1.0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(1.0);
        assertRelClose(1.0 - 1.0 / Integer.MAX_VALUE, s.valueAt(Integer.MIN_VALUE, 0));
        assertFiniteNonNegativeEverywhere(s);
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        CyclicSchedule s = CyclicSchedule.triangular(ScheduleType.EPOCH, 0.0, 1.0, 2);
        assertThat(s.valueAt(999, 1)).isEqualTo(0.5);
        assertThat(s.valueAt(999, 2)).isEqualTo(1.0);
    }

    @Test
    void inverseCyclingStaysBetweenTheTwoValues() {
        CyclicSchedule s = new CyclicSchedule(IT, 0.95, 0.0, 3, 5, CyclicMode.TRIANGULAR2, 1.0);
        assertThat(s.valueAt(3, 0)).isEqualTo(0.0);
        assertFiniteNonNegativeEverywhere(s);
        for (int t = 0; t < 100; t++) {
            assertThat(s.valueAt(t, 0)).isBetween(0.0, 0.95);
        }
    }

    @Test
    void rejectsBadParametersNamingThem() {
        CyclicMode tri = CyclicMode.TRIANGULAR;
        assertRejected("scheduleType must not be null", () -> new CyclicSchedule(null, 0.1, 1, 2, 2, tri, 1));
        assertRejected("baseValue must be finite and >= 0, got NaN",
                () -> new CyclicSchedule(IT, Double.NaN, 1, 2, 2, tri, 1));
        assertRejected("baseValue must be finite and >= 0, got -0.1", () -> new CyclicSchedule(IT, -0.1, 1, 2, 2, tri, 1));
        assertRejected("baseValue must be finite and >= 0, got Infinity",
                () -> new CyclicSchedule(IT, Double.POSITIVE_INFINITY, 1, 2, 2, tri, 1));
        assertRejected("maxValue must be finite and >= 0, got -Infinity",
                () -> new CyclicSchedule(IT, 0.1, Double.NEGATIVE_INFINITY, 2, 2, tri, 1));
        assertRejected("maxValue must be finite and >= 0, got NaN",
                () -> new CyclicSchedule(IT, 0.1, Double.NaN, 2, 2, tri, 1));
        assertRejected("maxValue must be finite and >= 0, got -1.0", () -> new CyclicSchedule(IT, 0.1, -1, 2, 2, tri, 1));
        assertRejected("stepSizeUp must be > 0, got 0", () -> new CyclicSchedule(IT, 0.1, 1, 0, 2, tri, 1));
        assertRejected("stepSizeUp must be > 0, got -3", () -> CyclicSchedule.triangular(IT, 0.1, 1, -3));
        assertRejected("stepSizeDown must be > 0, got 0", () -> new CyclicSchedule(IT, 0.1, 1, 2, 0, tri, 1));
        assertRejected("mode must not be null", () -> new CyclicSchedule(IT, 0.1, 1, 2, 2, null, 1));
        assertRejected("gamma must be in (0.0, 1.0], got 0.0", () -> new CyclicSchedule(IT, 0.1, 1, 2, 2, tri, 0));
        assertRejected("gamma must be in (0.0, 1.0], got 1.5", () -> new CyclicSchedule(IT, 0.1, 1, 2, 2, tri, 1.5));
        assertRejected("gamma must be in (0.0, 1.0], got NaN",
                () -> new CyclicSchedule(IT, 0.1, 1, 2, 2, tri, Double.NaN));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        CyclicMode tri = CyclicMode.TRIANGULAR;
        new EqualsTester()
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 1, 2, 3, tri, 1), new CyclicSchedule(IT, 0.1, 1, 2, 3, tri, 1))
                .addEqualityGroup(new CyclicSchedule(ScheduleType.EPOCH, 0.1, 1, 2, 3, tri, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.2, 1, 2, 3, tri, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 2, 2, 3, tri, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 1, 3, 3, tri, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 1, 2, 4, tri, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 1, 2, 3, CyclicMode.TRIANGULAR2, 1))
                .addEqualityGroup(new CyclicSchedule(IT, 0.1, 1, 2, 3, tri, 0.5))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new CyclicSchedule(IT, 0.001, 0.1, 4, 6, CyclicMode.EXP_RANGE, 0.99).toString())
                .isEqualTo("CyclicSchedule(scheduleType=ITERATION, baseValue=0.001, maxValue=0.1, stepSizeUp=4, "
                        + "stepSizeDown=6, mode=EXP_RANGE, gamma=0.99)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(CyclicSchedule.triangular(IT, 0.001, 0.1, 4));
        assertSurvivesDl4j(new CyclicSchedule(ScheduleType.EPOCH, 0.95, 0.85, 3, 7, CyclicMode.EXP_RANGE, 0.9));
        assertSurvivesDl4j(new CyclicSchedule(IT, 0.0, 1e-7, 1, 2, CyclicMode.TRIANGULAR2, 1.0));
    }

    /**
     * EXP_RANGE computes gamma^t as exp(t ln gamma); torch computes {@code gamma ** t}
     * ({@code Math.pow}). At peaks (scale = 1) from t = 2000 to t = 4,294,966,000 (counters past 2^31
     * read unsigned), every point is checked: within 1e-12 relative of {@code Math.pow} wherever
     * gamma^t is a normal double, and within {@code 1e-12 * Double.MIN_NORMAL} (about 2.2e-320)
     * absolute below it, where doubles are subnormal and carry no relative precision (the floor is
     * 1e-12 relative at the smallest normal double). gamma = 1 - 1e-7 keeps gamma^t normal up to the
     * largest counter, so the relative check reaches t = 4.29e9.
     */
    @Test
    void expRangeDecayMatchesPowOverLongRuns() {
        List<Long> peaks = new ArrayList<>();
        for (long t = 2000; t < Integer.MAX_VALUE; t = t * 3 + 4000) {
            peaks.add(t - t % 4000 + 2000);
        }
        peaks.add(3_000_002_000L); // past 2^31: the int counter is negative, read unsigned
        peaks.add(4_294_966_000L); // the last peak below 2^32
        int relative = 0;
        int points = 0;
        for (double gamma : new double[] {1 - 1e-7, 0.99994, 0.999, 0.9}) {
            CyclicSchedule s = new CyclicSchedule(IT, 0.0, 1.0, 2000, 2000, CyclicMode.EXP_RANGE, gamma);
            for (long peak : peaks) {
                assertThat(peak % 4000).isEqualTo(2000); // a peak: scale = 1, the value is gamma^t itself
                double expected = Math.pow(gamma, peak);
                double actual = s.valueAt((int) peak, 0);
                double tolerance = 1e-12 * Math.abs(expected) + 1e-12 * Double.MIN_NORMAL;
                assertThat(Math.abs(actual - expected)).as("gamma=%s t=%s expected %s but was %s", gamma, peak,
                        expected, actual).isLessThanOrEqualTo(tolerance);
                assertThat(actual).isGreaterThanOrEqualTo(0.0);
                points++;
                if (expected >= Double.MIN_NORMAL) {
                    relative++;
                }
            }
        }
        // 4 gammas x 15 peaks; gamma^t normal at all 15 for 1 - 1e-7, 8 for 0.99994, 5 for 0.999, 1 for 0.9
        assertThat(points).isEqualTo(60);
        assertThat(relative).isEqualTo(29);
    }
}
