package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

class CosineWarmRestartsScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /**
     * torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=5, T_mult=1, eta_min=0.001),
     * get_last_lr() after t calls of scheduler.step().
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.0905463412215599",
            "2, 0.0657963412215599",
            "3, 0.03520365877844011",
            "4, 0.010453658778440109",
            "5, 0.1",
            "6, 0.0905463412215599",
            "9, 0.010453658778440109",
            "10, 0.1",
            "24, 0.010453658778440109",
            "25, 0.1",
            "39, 0.010453658778440109",
            "40, 0.1"})
    void matchesTorchWithPeriodMultiplierOne(int t, double expected) {
        assertRelClose(expected, CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 5, 1).valueAt(t, 0));
    }

    /** torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=3, T_mult=2, eta_min=0.001), sequential step(). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.07525000000000001",
            "2, 0.025750000000000012",
            "3, 0.1",
            "4, 0.09336825748732973",
            "6, 0.0505",
            "8, 0.007631742512670284",
            "9, 0.1",
            "10, 0.09831332840130888",
            "15, 0.0505",
            "20, 0.0026866715986911243",
            "21, 0.1",
            "22, 0.09957652063800362",
            "33, 0.0505",
            "40, 0.011229009655583867"})
    void matchesTorchWithPeriodMultiplierTwo(int t, double expected) {
        assertRelClose(expected, CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 3, 2).valueAt(t, 0));
    }

    /** torch 1.13: CosineAnnealingWarmRestarts(SGD(lr=0.1), T_0=2, T_mult=3, eta_min=0.001), sequential step(). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.0505",
            "2, 0.1",
            "3, 0.09336825748732973",
            "7, 0.007631742512670284",
            "8, 0.1",
            "9, 0.0992479837741043",
            "17, 0.0505",
            "25, 0.001752016225895703",
            "26, 0.1",
            "27, 0.09991625383442779",
            "40, 0.08446896107450233"})
    void matchesTorchWithPeriodMultiplierThree(int t, double expected) {
        assertRelClose(expected, CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 2, 3).valueAt(t, 0));
    }

    /**
     * torch 1.13, T_0=1, T_mult=3, eta_min=0.001, lr=0.1: 121 = start of cycle 5. Sequential step() gives
     * 0.1 at 121 (T_cur=0, T_i=243), 0.09999586327784415 at 122, 0.09998345380278953 at 123; but
     * step(epoch=121) uses a float log and lands at the end of cycle 4 (T_cur=81, T_i=81) = 0.001.
     */
    @Test
    void restartPointsAreExactWhereTorchFloatLogIsOneCycleShort() {
        CosineWarmRestartsSchedule s = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 1, 3);
        assertThat(s.valueAt(121, 0)).isEqualTo(0.1);
        assertRelClose(0.09999586327784415, s.valueAt(122, 0));
        assertRelClose(0.09998345380278953, s.valueAt(123, 0));
        assertThat(s.valueAt(29_524, 0)).isEqualTo(0.1);     // start(10), also off in torch's float log
        assertThat(s.valueAt(1_743_392_200, 0)).isEqualTo(0.1); // start(20)
    }

    /**
     * timm {@code CosineLRScheduler(t_initial=3, cycle_mul=2, lr_min=0.001, cycle_decay=0.5,
     * cycle_limit=1000)}, lr=0.1, its {@code _get_lr} re-implemented in
     * {@code tools/reference/timm_restart_decay_below_min.py}. Every t here lies in cycles 0..3, whose
     * decayed peaks (0.1 .. 0.0125) are above {@code minValue}, so lrsched's clamp of the peak at
     * {@code minValue} is inactive and these are timm's values.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.07525000000000001",
            "2, 0.025750000000000012",
            "3, 0.05",
            "4, 0.046717622392718754",
            "6, 0.025500000000000002",
            "8, 0.004282377607281252",
            "9, 0.025",
            "10, 0.02459110991546882",
            "15, 0.013000000000000001",
            "20, 0.0014088900845311816",
            "21, 0.0125",
            "30, 0.008950429736099268"})
    void restartDecayHalvesThePeakAtEveryRestart(int t, double expected) {
        assertRelClose(expected, new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 3, 2, 0.5).valueAt(t, 0));
    }

    /**
     * What lrsched does where timm does not: each restart peak is clamped at {@code minValue}
     * ({@code peak_n = max(minValue, initialValue * restartDecay^n)}), so once the decayed peak is
     * below {@code minValue} the schedule is flat at {@code minValue}. timm's
     * {@code CosineLRScheduler(t_initial=4, lr_min=0.001, cycle_decay=0.5, cycle_limit=1000)}, lr=0.1,
     * has no clamp: from cycle 7 (peak 0.1 / 128 < 0.001) each cycle climbs from the decayed peak up
     * to {@code lr_min} (values from {@code tools/reference/timm_restart_decay_below_min.py}).
     */
    @Test
    void decayedPeakBelowMinValueHoldsMinValueWhereTimmClimbsToIt() {
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 4, 1, 0.5);
        assertRelClose(0.05, s.valueAt(4, 0));
        assertRelClose(0.025, s.valueAt(8, 0));
        assertRelClose(0.0015625, s.valueAt(24, 0));  // cycle 6: 0.1 / 64 > 0.001, timm gives the same
        assertRelClose(0.00128125, s.valueAt(26, 0)); // timm 0.00128125
        // {t, timm}: from cycle 7 on lrsched holds 0.001
        double[][] timm = {{28, 0.00078125}, {29, 0.0008132851958077213}, {30, 0.000890625},
                {31, 0.0009679648041922786}, {40, 9.765624999999998e-05}, {42, 0.000548828125}};
        for (double[] row : timm) {
            int t = (int) row[0];
            assertThat(s.valueAt(t, 0)).as("t=%s (timm %s)", t, row[1]).isEqualTo(0.001);
        }
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.001);  // 0.5^(2^32 / 4) underflows to 0
    }

    /** Python: T_0=10, T_mult=2: start(26) = 671088630, T_i = 671088640, T_cur = 328911370 at t = 10^9. */
    @Test
    void billionStepsWithPeriodMultiplierTwoAreAtTheExactPosition() {
        CosineWarmRestartsSchedule s = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 10, 2);
        assertRelClose(0.05203678147509267, s.valueAt(1_000_000_000, 0));
        assertThat(s.valueAt(671_088_630, 0)).isEqualTo(0.1);
        assertRelClose(0.001 + 0.099 * (1 + Math.cos(Math.PI * 335_544_319 / 335_544_320)) / 2,
                s.valueAt(671_088_629, 0));
        assertRelClose(0.001 + 0.099 * (1 + Math.cos(Math.PI / 671_088_640)) / 2, s.valueAt(671_088_631, 0));
    }

    /** Python closed form (exact integer cycle search) at 2^31-1 and 2^32-1 (the int counter -1). */
    @Test
    void largestCountersAreReadUnsignedAndStayExact() {
        CosineWarmRestartsSchedule tm2 = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 10, 2);
        assertRelClose(0.035203657786708795, tm2.valueAt(Integer.MAX_VALUE, 0));
        assertRelClose(0.03520365828257445, tm2.valueAt(-1, 0));
        CosineWarmRestartsSchedule tm1 = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 5, 1);
        assertRelClose(0.0657963412215599, tm1.valueAt(Integer.MAX_VALUE, 0));
        assertThat(tm1.valueAt(-1, 0)).isEqualTo(0.1); // 2^32-1 = 5 * 858993459
        CosineWarmRestartsSchedule tm3 = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 1, 3);
        assertRelClose(0.0967552495652198, tm3.valueAt(Integer.MAX_VALUE, 0));
        assertRelClose(0.017557407707307116, tm3.valueAt(-1, 0));
        CosineWarmRestartsSchedule t7 = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 7, 1);
        assertRelClose(0.09509795896116975, t7.valueAt(Integer.MAX_VALUE, 0));
        assertRelClose(0.061514786230837566, t7.valueAt(-1, 0));
    }

    /**
     * The closed form finds the same cycle as an exact integer search at every restart point (and
     * one step either side) below 2^32, including multipliers and periods near Integer.MAX_VALUE
     * where T_0 * T_mult^n leaves the long range.
     */
    @Test
    @Timeout(10)
    void cycleIndexIsExactAtEveryRestartPointForExtremeParameters() {
        int[] periods = {1, 2, 3, 7, 10, 1000, 65_537, 1 << 30, Integer.MAX_VALUE};
        int[] multipliers = {1, 2, 3, 5, 10, 1000, 65_536, 1 << 30, Integer.MAX_VALUE};
        BigInteger limit = BigInteger.ONE.shiftLeft(32);
        for (int t0 : periods) {
            for (int tm : multipliers) {
                CosineWarmRestartsSchedule s = CosineWarmRestartsSchedule.of(IT, 1.0, 0.0, t0, tm);
                BigInteger start = BigInteger.ZERO;
                BigInteger length = BigInteger.valueOf(t0);
                while (start.compareTo(limit) < 0) {
                    for (long d = -2; d <= 2; d++) {
                        long t = start.longValue() + d;
                        if (t >= 0 && t < limit.longValue()) {
                            assertThat(s.valueAt((int) t, 0)).as("T_0=%s T_mult=%s t=%s", t0, tm, t)
                                    .isEqualTo(expected(t0, tm, t));
                        }
                    }
                    start = start.add(length);
                    length = length.multiply(BigInteger.valueOf(tm));
                    long lastRestart = (limit.longValue() - 1) / t0 * t0;
                    if (tm == 1 && start.longValue() > 1000L * t0 && start.longValue() < lastRestart) {
                        start = BigInteger.valueOf(lastRestart); // T_mult 1: skip to the last restart below 2^32
                    }
                }
            }
        }
    }

    /** Reference by an explicit integer walk over the cycles (BigInteger, no overflow). */
    private static double expected(long t0, long tm, long t) {
        BigInteger start = BigInteger.ZERO;
        BigInteger length = BigInteger.valueOf(t0);
        BigInteger bt = BigInteger.valueOf(t);
        if (tm == 1) {
            start = BigInteger.valueOf(t / t0 * t0);
        } else {
            while (start.add(length).compareTo(bt) <= 0) {
                start = start.add(length);
                length = length.multiply(BigInteger.valueOf(tm));
            }
        }
        double position = bt.subtract(start).doubleValue();
        return 0.0 + (1.0 - 0.0) * (1.0 + Math.cos(Math.PI * position / length.doubleValue())) / 2.0;
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        CosineWarmRestartsSchedule s = CosineWarmRestartsSchedule.of(ScheduleType.EPOCH, 0.1, 0.001, 3, 2);
        assertRelClose(0.07525000000000001, s.valueAt(999, 1));
        assertThat(s.valueAt(7, 3)).isEqualTo(0.1);
    }

    @Test
    void neverNegativeNorNaN() {
        assertFiniteNonNegativeEverywhere(CosineWarmRestartsSchedule.of(IT, 0.1, 0.0, 3, 2));
        assertFiniteNonNegativeEverywhere(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 1, Integer.MAX_VALUE, 0.1));
        assertFiniteNonNegativeEverywhere(new CosineWarmRestartsSchedule(IT, 0.1, 0.01, Integer.MAX_VALUE, 7, 0.9));
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> CosineWarmRestartsSchedule.of(null, 0.1, 0, 10, 1));
        assertRejected("initialValue must be finite and >= 0, got NaN",
                () -> CosineWarmRestartsSchedule.of(IT, Double.NaN, 0, 10, 1));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> CosineWarmRestartsSchedule.of(IT, Double.POSITIVE_INFINITY, 0, 10, 1));
        assertRejected("initialValue must be finite and >= 0, got -0.1",
                () -> CosineWarmRestartsSchedule.of(IT, -0.1, 0, 10, 1));
        assertRejected("minValue must be in [0.0, 0.1], got 0.2", () -> CosineWarmRestartsSchedule.of(IT, 0.1, 0.2, 10, 1));
        assertRejected("minValue must be in [0.0, 0.1], got -0.01",
                () -> CosineWarmRestartsSchedule.of(IT, 0.1, -0.01, 10, 1));
        assertRejected("minValue must be in [0.0, 0.1], got NaN",
                () -> CosineWarmRestartsSchedule.of(IT, 0.1, Double.NaN, 10, 1));
        assertRejected("minValue must be in [0.0, 0.1], got -Infinity",
                () -> CosineWarmRestartsSchedule.of(IT, 0.1, Double.NEGATIVE_INFINITY, 10, 1));
        assertRejected("firstPeriod must be > 0, got 0", () -> CosineWarmRestartsSchedule.of(IT, 0.1, 0, 0, 1));
        assertRejected("firstPeriod must be > 0, got -3", () -> CosineWarmRestartsSchedule.of(IT, 0.1, 0, -3, 1));
        assertRejected("periodMultiplier must be >= 1, got 0", () -> CosineWarmRestartsSchedule.of(IT, 0.1, 0, 10, 0));
        assertRejected("periodMultiplier must be >= 1, got -2", () -> CosineWarmRestartsSchedule.of(IT, 0.1, 0, 10, -2));
        assertRejected("restartDecay must be in (0.0, 1.0], got 0.0",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 1, 0.0));
        assertRejected("restartDecay must be in (0.0, 1.0], got 1.5",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 1, 1.5));
        assertRejected("restartDecay must be in (0.0, 1.0], got -0.5",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 1, -0.5));
        assertRejected("restartDecay must be in (0.0, 1.0], got NaN",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 1, Double.NaN));
    }

    @Test
    void ofMeansNoRestartDecay() {
        assertThat(CosineWarmRestartsSchedule.of(IT, 0.1, 0.0, 10, 2))
                .isEqualTo(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 2, 1.0));
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 2, 0.5),
                        new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 2, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(ScheduleType.EPOCH, 0.1, 0.0, 10, 2, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.2, 0.0, 10, 2, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.1, 0.01, 10, 2, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 11, 2, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 3, 0.5))
                .addEqualityGroup(new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 10, 2, 1.0))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new CosineWarmRestartsSchedule(IT, 0.1, 1e-7, 10, 2, 0.5).toString())
                .isEqualTo("CosineWarmRestartsSchedule(scheduleType=ITERATION, initialValue=0.1, minValue=1.0E-7, "
                        + "firstPeriod=10, periodMultiplier=2, restartDecay=0.5, cycleLimit=0, kDecay=1.0)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new CosineWarmRestartsSchedule(IT, 0.1, 1e-7, 10, 2, 0.5));
        assertSurvivesDl4j(CosineWarmRestartsSchedule.of(ScheduleType.EPOCH, 0.05, 0.0, 3, 1));
    }

    @Test
    void jsonFieldNamesAreThePublicContract() {
        assertJsonFields(new CosineWarmRestartsSchedule(IT, 0.1, 1e-7, 10, 2, 0.5),
                "scheduleType", "initialValue", "minValue", "firstPeriod", "periodMultiplier", "restartDecay",
                "cycleLimit", "kDecay");
    }
}
