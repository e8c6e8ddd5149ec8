package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link WarmupSchedule#isWarmupPrefix()}: timm's {@code warmup_prefix}. Reference values:
 * {@code tools/reference/timm_reference.py} (timm's CosineLRScheduler._get_lr @ aa4b5850, re-implemented).
 */
class WarmupPrefixTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    /** timm CosineLRScheduler(t_initial=10, lr_min=0.001) with its default cycle_limit=1, lr=0.1. */
    private static final CosineWarmRestartsSchedule TIMM_COSINE =
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 10, 1, 1.0, 1, 1.0);

    private static WarmupSchedule timm(boolean prefix) {
        return new WarmupSchedule(IT, 3, 0.001, WarmupShape.LINEAR, TIMM_COSINE, prefix);
    }

    /** timm: CosineLRScheduler(SGD(lr=0.1), t_initial=10, lr_min=0.001, warmup_t=3, warmup_lr_init=0.001, warmup_prefix=True). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.001", "1, 0.034", "2, 0.067", "3, 0.1", "4, 0.09757729755661011", "8, 0.0505",
            "12, 0.0034227024433899004", "13, 0.001", "14, 0.001"})
    void prefixMatchesTimmWarmupPrefixTrue(int t, double expected) {
        assertRelClose(expected, timm(true).valueAt(t, 0), "t=" + t);
    }

    /** timm: the same with warmup_prefix=False (timm's default): the cosine continues at step 3 of its 10. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.001", "1, 0.034", "2, 0.067", "3, 0.07959536998847742", "4, 0.0657963412215599",
            "5, 0.0505", "9, 0.0034227024433899004", "10, 0.001", "14, 0.001"})
    void overlayMatchesTimmWarmupPrefixFalse(int t, double expected) {
        assertRelClose(expected, timm(false).valueAt(t, 0), "t=" + t);
    }

    @Test
    void afterTheWarmupTheWrappedScheduleSeesTheShiftedOrTheUnshiftedCounter() {
        for (int t = 3; t < 40; t++) {
            assertThat(timm(true).valueAt(t, 0)).as("t=%s", t).isEqualTo(TIMM_COSINE.valueAt(t - 3, 0));
            assertThat(timm(false).valueAt(t, 0)).as("t=%s", t).isEqualTo(TIMM_COSINE.valueAt(t, 0));
        }
        // both warm up towards the wrapped schedule's step-0 value (timm: the base lr)
        for (int t = 0; t < 3; t++) {
            assertThat(timm(false).valueAt(t, 0)).isEqualTo(timm(true).valueAt(t, 0));
        }
        // past the signed wrap the unshifted counter is read unsigned like the shifted one
        assertThat(timm(false).valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.001);
    }

    @Test
    void aForeignWrappedScheduleIsHeldAtIntMaxValueRatherThanSeeingANegativeCounter() {
        ISchedule nd4j = new ExponentialSchedule(IT, 0.1, 0.5);
        WarmupSchedule overlay = new WarmupSchedule(IT, 2, 0.0, WarmupShape.LINEAR, nd4j, false);
        assertThat(overlay.valueAt(5, 0)).isEqualTo(nd4j.valueAt(5, 0));
        assertThat(overlay.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(nd4j.valueAt(Integer.MAX_VALUE, 0)).isFinite();
    }

    @Test
    void prefixIsTheDefaultAndOldJsonWithoutTheFieldLoadsAsPrefix() throws Exception {
        assertThat(new WarmupSchedule(IT, 3, 0.001, WarmupShape.LINEAR, TIMM_COSINE).isWarmupPrefix()).isTrue();
        assertThat(WarmupSchedule.linear(IT, 3, 0.001, TIMM_COSINE).isWarmupPrefix()).isTrue();
        String json = JsonMappers.getMapper().writeValueAsString(timm(true)).replaceAll(",\\s*\"warmupPrefix\"\\s*:\\s*true", "");
        assertThat(json).doesNotContain("warmupPrefix");
        assertThat(JsonMappers.getMapper().readValue(json, ISchedule.class)).isEqualTo(timm(true));
    }

    @Test
    void equalsToStringAndRoundTripsIncludeThePrefixFlag() {
        new EqualsTester()
                .addEqualityGroup(timm(true), new WarmupSchedule(IT, 3, 0.001, WarmupShape.LINEAR, TIMM_COSINE, null))
                .addEqualityGroup(timm(false), timm(false))
                .testEquals();
        assertThat(timm(false).toString()).endsWith(", warmupPrefix=false)");
        assertSurvivesDl4j(timm(false));
        assertSurvivesDl4j(new WarmupSchedule(ScheduleType.EPOCH, 2, 0.01, WarmupShape.COSINE,
                new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.0, 5), false));
        assertFiniteNonNegativeEverywhere(timm(false));
        assertFiniteNonNegativeEverywhere(new WarmupSchedule(IT, Integer.MAX_VALUE, Double.MIN_VALUE,
                WarmupShape.EXPONENTIAL, new CosineAnnealingSchedule(IT, Double.MAX_VALUE, 0, 5), false));
    }
}
