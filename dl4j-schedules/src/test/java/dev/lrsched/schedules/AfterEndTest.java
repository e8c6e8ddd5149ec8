package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import java.util.List;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@code afterEnd = EXTRAPOLATE} on {@link CosineAnnealingSchedule} and {@link WarmupCosineSchedule}:
 * torch's and Hugging Face's values after the end, old JSON loading as {@code HOLD}. Reference values:
 * {@code tools/reference/torch_past_end.py} (torch 1.13's real schedulers) and
 * {@code tools/reference/hf_reference.py} (HF's lambdas from optimization.py @ 005edacb under torch's LambdaLR).
 */
class AfterEndTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final String P = "dev.lrsched.schedules.";

    /**
     * torch 1.13: CosineAnnealingLR(SGD(lr=0.1), T_max=10, eta_min=0.001), get_last_lr() after t steps, t = 0..40:
     * torch's recursive (chainable) values, which differ from the closed form by at most 4.6e-15 relative here.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.1", "1, 0.09757729755661011", "5, 0.0505", "9, 0.0034227024433899004", "10, 0.001",
            "11, 0.0034227024433899004", "12, 0.01045365877844014", "15, 0.05050000000000022",
            "19, 0.09757729755661054", "20, 0.10000000000000045", "21, 0.09757729755661054",
            "25, 0.050500000000000225", "29, 0.003422702443389916", "30, 0.001", "31, 0.0034227024433899004",
            "35, 0.050500000000000086", "40, 0.10000000000000024"})
    void extrapolatedCosineMatchesTorchCosineAnnealingLrPastTMax(int t, double expected) {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, AfterEnd.EXTRAPOLATE);
        assertRelClose(expected, s.valueAt(t, 0), "t=" + t);
    }

    /**
     * torch 1.13: SequentialLR(SGD(lr=0.1), [LinearLR(start_factor=0.1, end_factor=1.0, total_iters=5),
     * CosineAnnealingLR(T_max=10, eta_min=0.001)], milestones=[5]), get_last_lr() after t steps. torch restarts the
     * cosine with step(0) at the milestone, then steps it recursively; past T_max (t > 15) it turns back up.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.010000000000000002", "2, 0.046000000000000006", "4, 0.082", "5, 0.1", "6, 0.09757729755661011",
            "14, 0.0034227024433899004", "15, 0.001", "16, 0.0034227024433899004", "17, 0.01045365877844014",
            "20, 0.05050000000000022", "24, 0.09757729755661054", "25, 0.10000000000000045",
            "30, 0.050500000000000225", "35, 0.001", "36, 0.0034227024433899004", "40, 0.050500000000000086"})
    void sequentialLinearThenExtrapolatedCosineMatchesTorchSequentialLrPastTMax(int t, double expected) {
        SequentialSchedule s = SequentialSchedule.of(IT, new LinearSchedule(IT, 0.1, 0.1, 1.0, 5), 5,
                new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, AfterEnd.EXTRAPOLATE));
        assertRelClose(expected, s.valueAt(t, 0), "t=" + t);
    }

    @Test
    void extrapolationIsPeriodicExactlyWhereTheClosedFormIs() {
        CosineAnnealingSchedule s = new CosineAnnealingSchedule(IT, 0.3, 0.1, 12, AfterEnd.EXTRAPOLATE);
        assertThat(s.valueAt(12, 0)).isEqualTo(0.1);   // the end is the same in both modes
        assertThat(s.valueAt(24, 0)).isEqualTo(0.3);   // cos(2 pi) = 1: back at the peak, never above
        assertRelClose(0.2, s.valueAt(18, 0));          // cos(3 pi / 2) = 0
        assertRelClose(0.1 + 0.2 * 0.75, s.valueAt(28, 0)); // cos(7 pi / 3) = 1/2
        for (int t = 0; t < 1000; t++) {
            assertThat(s.valueAt(t, 0)).as("t=%s", t).isBetween(0.1, 0.3);
        }
        // at the wrap, read unsigned: 2^31 = 12 * 178956970 + 8, so cos(8 pi / 12), up to the rounding of an
        // argument near 5.6e8 (ulp 1.2e-7)
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isCloseTo(s.valueAt(8, 0), org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void holdIsTheDefaultAndUnchanged() {
        CosineAnnealingSchedule hold = new CosineAnnealingSchedule(IT, 0.1, 0.001, 10);
        assertThat(hold.getAfterEnd()).isEqualTo(AfterEnd.HOLD);
        assertThat(hold).isEqualTo(new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, null));
        assertThat(hold.valueAt(11, 0)).isEqualTo(0.001);
        assertThat(hold.valueAt(20, 0)).isEqualTo(0.001);
        WarmupCosineSchedule wc = new WarmupCosineSchedule(IT, 0, 0.1, 0.0, 2, 10);
        assertThat(wc.getAfterEnd()).isEqualTo(AfterEnd.HOLD);
        assertThat(wc.valueAt(18, 0)).isEqualTo(0.0);
    }

    /** HF: get_cosine_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0", "1, 0.05", "2, 0.1", "3, 0.09619397662556434", "6, 0.05", "9, 0.0038060233744356634",
            "10, 0.0", "11, 0.003806023374435658", "12, 0.014644660940672617", "14, 0.04999999999999999",
            "17, 0.09619397662556434", "18, 0.1", "19, 0.09619397662556434", "22, 0.05000000000000002",
            "25, 0.00380602337443568", "26, 0.0", "1000, 0.014644660940672944"})
    void extrapolatedWarmupCosineMatchesHfCosineScheduleWithWarmupPastTheEnd(int t, double expected) {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 2, 10, AfterEnd.EXTRAPOLATE);
        assertRelClose(expected, s.valueAt(t, 0), "t=" + t);
    }

    /** HF: get_cosine_with_min_lr_schedule_with_warmup(SGD(lr=0.1), num_warmup_steps=2, num_training_steps=10, min_lr_rate=0.1). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0", "2, 0.1", "3, 0.09657457896300792", "6, 0.05500000000000001", "10, 0.010000000000000002",
            "11, 0.013425421036992092", "14, 0.05499999999999999", "18, 0.1", "21, 0.07222075445642907",
            "26, 0.010000000000000002", "1000, 0.02318019484660565"})
    void extrapolatedWarmupCosineMatchesHfCosineWithMinLrPastTheEnd(int t, double expected) {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.0, 0.1, 0.01, 2, 10, AfterEnd.EXTRAPOLATE);
        assertRelClose(expected, s.valueAt(t, 0), "t=" + t);
    }

    /**
     * Near 2^32 HF's own argument pi * 0.5 * 2 * progress (about 1.7e9) carries a rounding of up to 2.4e-7, so the
     * values there agree only to about 1e-7 relative (HF values from hf_reference.py, lines for t = 2^31 - 1 ...).
     */
    @Test
    void farPastTheEndBothFollowTheCosineUpToTheArgumentsRounding() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 2, 10, AfterEnd.EXTRAPOLATE);
        double[][] hf = {{1_000_000, 0.0853553390594153}, {2147483647L, 0.06913416996196564},
                {2147483648L, 0.08535533923168775}, {4294967295L, 0.0691341684433912}};
        for (double[] p : hf) {
            double v = s.valueAt((int) (long) p[0], 0);
            assertThat(Math.abs(v - p[1]) / p[1]).as("t=%s", (long) p[0]).isLessThan(1e-6);
        }
    }

    @Test
    void jsonWithoutAfterEndLoadsAsHold() throws Exception {
        String cosine = "{\"@class\":\"" + P + "CosineAnnealingSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"initialValue\":0.1,\"minValue\":0.001,\"period\":10}";
        ISchedule c = JsonMappers.getMapper().readValue(cosine, ISchedule.class);
        assertThat(c).isEqualTo(new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, AfterEnd.HOLD));
        String warmupCosine = "{\"@class\":\"" + P + "WarmupCosineSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"warmupStartValue\":0.0,\"peakValue\":0.1,\"minValue\":0.0,\"warmupSteps\":2,\"totalSteps\":10}";
        ISchedule w = JsonMappers.getMapper().readValue(warmupCosine, ISchedule.class);
        assertThat(w).isEqualTo(new WarmupCosineSchedule(IT, 0.0, 0.1, 0.0, 2, 10, AfterEnd.HOLD));
        assertThat(w.valueAt(14, 0)).isEqualTo(0.0);
    }

    @Test
    void anUnknownAfterEndIsRefusedByJackson() {
        String json = "{\"@class\":\"" + P + "CosineAnnealingSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"initialValue\":0.1,\"minValue\":0.001,\"period\":10,\"afterEnd\":\"WRAP\"}";
        assertThatThrownBy(() -> JsonMappers.getMapper().readValue(json, ISchedule.class)).hasMessageContaining("WRAP");
    }

    @Test
    void bothModesSurviveDl4jAndTheFieldIsNamedAfterEnd() {
        for (AfterEnd a : AfterEnd.values()) {
            assertSurvivesDl4j(new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, a));
            assertSurvivesDl4j(new WarmupCosineSchedule(ScheduleType.EPOCH, 0.01, 0.1, 0.001, 2, 10, a));
        }
        assertJsonFields(new CosineAnnealingSchedule(IT, 0.1, 0.001, 10, AfterEnd.EXTRAPOLATE),
                "scheduleType", "initialValue", "minValue", "period", "afterEnd");
    }

    @Test
    void equalsDistinguishesTheModes() {
        new EqualsTester()
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.1, 0.0, 10),
                        new CosineAnnealingSchedule(IT, 0.1, 0.0, 10, AfterEnd.HOLD))
                .addEqualityGroup(new CosineAnnealingSchedule(IT, 0.1, 0.0, 10, AfterEnd.EXTRAPOLATE),
                        new CosineAnnealingSchedule(IT, 0.1, 0.0, 10, AfterEnd.EXTRAPOLATE))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0, 0.1, 0, 2, 10),
                        new WarmupCosineSchedule(IT, 0, 0.1, 0, 2, 10, null))
                .addEqualityGroup(new WarmupCosineSchedule(IT, 0, 0.1, 0, 2, 10, AfterEnd.EXTRAPOLATE))
                .testEquals();
        assertThat(new WarmupCosineSchedule(IT, 0, 0.1, 0, 2, 10, AfterEnd.EXTRAPOLATE).toString())
                .endsWith(", afterEnd=EXTRAPOLATE)");
    }

    @Test
    void extrapolationStaysFiniteAndNonNegativeAtEveryCounterAndExtremeArgument() {
        double big = Double.MAX_VALUE;
        for (ISchedule s : List.of(
                new CosineAnnealingSchedule(IT, big, 0, 1, AfterEnd.EXTRAPOLATE),
                new CosineAnnealingSchedule(IT, big, big, Integer.MAX_VALUE, AfterEnd.EXTRAPOLATE),
                new CosineAnnealingSchedule(IT, Double.MIN_VALUE, 0, 3, AfterEnd.EXTRAPOLATE),
                new WarmupCosineSchedule(IT, 0, big, 0, Integer.MAX_VALUE - 1, Integer.MAX_VALUE, AfterEnd.EXTRAPOLATE),
                new WarmupCosineSchedule(IT, big, big, 0, 0, 1, AfterEnd.EXTRAPOLATE),
                new WarmupCosineSchedule(ScheduleType.EPOCH, 0, 1, 0.5, 3, 7, AfterEnd.EXTRAPOLATE))) {
            assertFiniteNonNegativeEverywhere(s);
        }
    }
}
