package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import java.util.List;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * timm's {@code cycle_limit} and {@code k_decay} on {@link CosineWarmRestartsSchedule}. Reference values:
 * {@code tools/reference/timm_reference.py} (timm's CosineLRScheduler._get_lr @ aa4b5850, re-implemented).
 */
class CosineWarmRestartsTimmOptionsTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    private static CosineWarmRestartsSchedule s(double min, int t0, int mult, double decay, int limit, double k) {
        return new CosineWarmRestartsSchedule(IT, 0.1, min, t0, mult, decay, limit, k);
    }

    /** timm: CosineLRScheduler(SGD(lr=0.1), t_initial=4, lr_min=0.001, cycle_mul=2, cycle_decay=0.5, cycle_limit=2). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.0855017856687341", "3, 0.0154982143312659", "4, 0.05", "5, 0.048135048546526525",
            "8, 0.025500000000000002", "11, 0.002864951453473475", "12, 0.001", "13, 0.001", "100, 0.001",
            "4294967295, 0.001"})
    void cycleLimitMatchesTimmWithPeriodMultiplierAndDecay(long t, double expected) {
        assertRelClose(expected, s(0.001, 4, 2, 0.5, 2, 1.0).valueAt((int) t, 0), "t=" + t);
    }

    /** timm: CosineLRScheduler(SGD(lr=0.1), t_initial=5, lr_min=0.001, cycle_limit=3). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "4, 0.010453658778440109", "5, 0.1", "9, 0.010453658778440109", "10, 0.1",
            "14, 0.010453658778440109", "15, 0.001", "16, 0.001", "2147483648, 0.001"})
    void cycleLimitHoldsTheFloorAfterTheLastCycle(long t, double expected) {
        assertRelClose(expected, s(0.001, 5, 1, 1.0, 3, 1.0).valueAt((int) t, 0), "t=" + t);
    }

    /** timm: CosineLRScheduler(SGD(lr=0.1), t_initial=10, lr_min=0.001, k_decay=2.0) (cycle_limit=1: one cosine). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.09997557473810371", "3, 0.09803453744100869", "5, 0.0855017856687341",
            "7, 0.052054832574367355", "9, 0.009559511573409195", "10, 0.001", "11, 0.001"})
    void kDecayMatchesTimm(int t, double expected) {
        assertRelClose(expected, s(0.001, 10, 1, 1.0, 1, 2.0).valueAt(t, 0), "t=" + t);
    }

    /** timm: CosineLRScheduler(SGD(lr=0.1), t_initial=6, lr_min=0.0, cycle_limit=2, k_decay=0.5). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.06421357512423505", "3, 0.01971500664605933", "5, 0.0018614552634545756",
            "6, 0.1", "7, 0.06421357512423505", "11, 0.0018614552634545756", "12, 0.0", "13, 0.0"})
    void kDecayBelowOneWithCycleLimitMatchesTimm(int t, double expected) {
        assertRelClose(expected, s(0.0, 6, 1, 1.0, 2, 0.5).valueAt(t, 0), "t=" + t);
    }

    @Test
    void theDefaultsAreTorchsUnlimitedPlainCosineBitForBit() {
        CosineWarmRestartsSchedule torch = new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 7, 3, 0.5);
        CosineWarmRestartsSchedule explicit = s(0.001, 7, 3, 0.5, 0, 1.0);
        assertThat(torch.getCycleLimit()).isZero();
        assertThat(torch.getKDecay()).isEqualTo(1.0);
        assertThat(explicit).isEqualTo(torch);
        for (int t = 0; t < 2000; t += 3) {
            assertThat(explicit.valueAt(t, 0)).isEqualTo(torch.valueAt(t, 0));
        }
        assertThat(new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 7, 3, 0.5, null, null)).isEqualTo(torch);
    }

    @Test
    void kDecayAboveOneStaysHighLongerAndBelowOneDropsSooner() {
        CosineWarmRestartsSchedule plain = s(0.0, 100, 1, 1.0, 0, 1.0);
        CosineWarmRestartsSchedule slow = s(0.0, 100, 1, 1.0, 0, 3.0);
        CosineWarmRestartsSchedule fast = s(0.0, 100, 1, 1.0, 0, 0.3);
        for (int t = 1; t < 100; t++) {
            assertThat(slow.valueAt(t, 0)).as("t=%s", t).isGreaterThan(plain.valueAt(t, 0));
            assertThat(fast.valueAt(t, 0)).as("t=%s", t).isLessThan(plain.valueAt(t, 0));
        }
        // (T_cur / T_i)^k: at the middle, cos(pi * 0.5^k)
        assertRelClose(0.1 * (1 + Math.cos(Math.PI * 0.125)) / 2, slow.valueAt(50, 0));
        assertThat(slow.valueAt(100, 0)).isEqualTo(0.1); // the restart is unchanged
    }

    @Test
    void oldJsonWithoutTheTimmFieldsLoadsAsTorch() throws Exception {
        String json = "{\"@class\":\"dev.lrsched.schedules.CosineWarmRestartsSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"initialValue\":0.1,\"minValue\":0.001,\"firstPeriod\":10,\"periodMultiplier\":2,\"restartDecay\":1.0}";
        assertThat(JsonMappers.getMapper().readValue(json, ISchedule.class))
                .isEqualTo(CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 10, 2));
    }

    @Test
    void rejectsBadTimmOptionsNamingThem() {
        assertRejected("cycleLimit must be >= 0, got -1", () -> s(0.0, 5, 1, 1.0, -1, 1.0));
        assertRejected("kDecay must be finite and > 0, got 0.0", () -> s(0.0, 5, 1, 1.0, 0, 0.0));
        assertRejected("kDecay must be finite and > 0, got -2.0", () -> s(0.0, 5, 1, 1.0, 0, -2.0));
        assertRejected("kDecay must be finite and > 0, got NaN", () -> s(0.0, 5, 1, 1.0, 0, Double.NaN));
        assertRejected("kDecay must be finite and > 0, got Infinity",
                () -> s(0.0, 5, 1, 1.0, 0, Double.POSITIVE_INFINITY));
    }

    @Test
    void equalsToStringAndRoundTripsIncludeBothOptions() {
        new EqualsTester()
                .addEqualityGroup(s(0.0, 5, 2, 0.5, 0, 1.0), new CosineWarmRestartsSchedule(IT, 0.1, 0.0, 5, 2, 0.5))
                .addEqualityGroup(s(0.0, 5, 2, 0.5, 3, 1.0), s(0.0, 5, 2, 0.5, 3, 1.0))
                .addEqualityGroup(s(0.0, 5, 2, 0.5, 0, 2.0))
                .addEqualityGroup(s(0.0, 5, 2, 0.5, 3, 2.0))
                .testEquals();
        assertThat(s(0.0, 5, 2, 0.5, 3, 2.0).toString()).endsWith(", cycleLimit=3, kDecay=2.0)");
        assertSurvivesDl4j(s(0.001, 4, 2, 0.5, 2, 1.5));
        assertSurvivesDl4j(new CosineWarmRestartsSchedule(ScheduleType.EPOCH, 0.1, 0.0, 3, 1, 1.0, 1, 0.5));
    }

    @Test
    void extremeKAndLimitsStayFiniteAndNonNegativeEverywhere() {
        double big = Double.MAX_VALUE;
        for (ISchedule x : List.of(
                new CosineWarmRestartsSchedule(IT, big, 0, 1, Integer.MAX_VALUE, Double.MIN_VALUE, 1, 1e300),
                new CosineWarmRestartsSchedule(IT, big, big, 3, 2, 1.0, Integer.MAX_VALUE, 1e-300),
                new CosineWarmRestartsSchedule(IT, Double.MIN_VALUE, 0, Integer.MAX_VALUE, 1, 0.5, 1, Double.MIN_VALUE),
                new CosineWarmRestartsSchedule(IT, 1, 0.5, 1, 1, 1.0, Integer.MAX_VALUE, 7.5))) {
            assertFiniteNonNegativeEverywhere(x);
        }
        // timm's t^k / T^k overflows for k = 400 at T = 10 (10^400); (t / T)^k does not
        CosineWarmRestartsSchedule k400 = s(0.0, 10, 1, 1.0, 0, 400);
        assertThat(k400.valueAt(9, 0)).isBetween(0.0999, 0.1);
    }
}
