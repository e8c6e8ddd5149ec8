package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

class OneCycleScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    private static OneCycleSchedule torch100(AnnealStrategy strategy, boolean threePhase) {
        return OneCycleSchedule.builder(0.1, 100).pctStart(0.25).annealStrategy(strategy).threePhase(threePhase).build();
    }

    /**
     * torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.1, total_steps=100, pct_start=0.25, anneal_strategy=...,
     * three_phase=..., cycle_momentum=False), defaults div_factor=25, final_div_factor=1e4; the optimizer's lr
     * read before the t-th scheduler.step(). Phase ends: 24 (peak), 48 (three-phase back to initial), 99.
     * Columns: t, cos two-phase, cos three-phase, linear two-phase, linear three-phase.
     */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({
            "0, 0.0040000000000000036, 0.0040000000000000036, 0.004, 0.004",
            "1, 0.004410646654057104, 0.004410646654057104, 0.008, 0.008",
            "12, 0.052000000000000005, 0.052000000000000005, 0.052000000000000005, 0.052000000000000005",
            "23, 0.0995893533459429, 0.0995893533459429, 0.09600000000000002, 0.09600000000000002",
            "24, 0.1, 0.1, 0.1, 0.1",
            "25, 0.0999561416803769, 0.0995893533459429, 0.09866667200000001, 0.096",
            "30, 0.09842916433979933, 0.08594112549695428, 0.09200003200000001, 0.07600000000000001",
            "47, 0.07853576424150806, 0.004410646654057102, 0.069333456, 0.007999999999999993",
            "48, 0.07679143258359084, 0.004, 0.06800012799999999, 0.0040000000000000036",
            "49, 0.0750001, 0.003996207036808341, 0.0666668, 0.0039215764705882354",
            "50, 0.07316490909678607, 0.003984842535241937, 0.065333472, 0.003843152941176471",
            "60, 0.05313971341836177, 0.0034780700326578736, 0.052000192, 0.0030589176470588236",
            "75, 0.023208967416409154, 0.0018156817347452887, 0.032000271999999996, 0.0018825647058823532",
            "98, 4.425831962310061e-05, 4.1929631916591995e-06, 0.0013337279999999924, 7.882352941176486e-05",
            "99, 4e-07, 4e-07, 3.999999999976245e-07, 4.0000000000022656e-07"})
    void matchesTorchOneCycleLr(int t, double cos2, double cos3, double lin2, double lin3) {
        assertRelClose(cos2, torch100(AnnealStrategy.COS, false).valueAt(t, 0), "cos two-phase");
        assertRelClose(cos3, torch100(AnnealStrategy.COS, true).valueAt(t, 0), "cos three-phase");
        assertRelClose(lin2, torch100(AnnealStrategy.LINEAR, false).valueAt(t, 0), "linear two-phase");
        assertRelClose(lin3, torch100(AnnealStrategy.LINEAR, true).valueAt(t, 0), "linear three-phase");
    }

    /** torch 1.13: OneCycleLR(SGD(lr=0.1), max_lr=0.01, total_steps=10, cycle_momentum=False), all defaults. */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.0003999999999999993",
            "1, 0.0052",
            "2, 0.01",
            "3, 0.009504846320134737",
            "4, 0.008117456539497631",
            "5, 0.0061126202193628925",
            "6, 0.003887419780637108",
            "7, 0.00188258346050237",
            "8, 0.0004951936798652628",
            "9, 4e-08"})
    void builderDefaultsAreTorchDefaults(int t, double expected) {
        assertRelClose(expected, OneCycleSchedule.builder(0.01, 10).build().valueAt(t, 0));
    }

    @Test
    void builderDefaultsEqualTheExplicitConstructor() {
        assertThat(OneCycleSchedule.builder(0.01, 10).build())
                .isEqualTo(new OneCycleSchedule(IT, 0.01, 10, 0.3, AnnealStrategy.COS, 25, 1e4, false));
        assertThat(OneCycleSchedule.builder(0.01, 10).scheduleType(ScheduleType.EPOCH).pctStart(0.4)
                .annealStrategy(AnnealStrategy.LINEAR).divFactor(10).finalDivFactor(100).threePhase(true).build())
                .isEqualTo(new OneCycleSchedule(ScheduleType.EPOCH, 0.01, 10, 0.4, AnnealStrategy.LINEAR, 10, 100, true));
    }

    @Test
    void derivedInitialAndMinValues() {
        OneCycleSchedule s = OneCycleSchedule.builder(0.1, 100).divFactor(10).finalDivFactor(1000).build();
        assertThat(s.getInitialValue()).isEqualTo(0.1 / 10);
        assertThat(s.getMinValue()).isEqualTo(0.1 / 10 / 1000);
        // COS at pct = 0 gives end + (start - end) / 2 * 2, which rounds (torch does the same).
        assertRelClose(s.getInitialValue(), s.valueAt(0, 0));
        assertThat(s.valueAt(99, 0)).isEqualTo(s.getMinValue());
    }

    @Test
    void holdsTheLastStepValueAfterTotalStepsUnlikeTorch() {
        // torch extrapolates at t == total_steps and raises ValueError beyond it.
        for (AnnealStrategy strategy : AnnealStrategy.values()) {
            for (boolean three : new boolean[] {false, true}) {
                OneCycleSchedule s = torch100(strategy, three);
                double last = s.valueAt(99, 0);
                assertThat(s.valueAt(100, 0)).isEqualTo(last);
                assertThat(s.valueAt(1_000_000, 0)).isEqualTo(last);
                assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(last);
                assertThat(s.valueAt(-1, 0)).isEqualTo(last);
                assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(last);
                assertFiniteNonNegativeEverywhere(s);
            }
        }
    }

    @Test
    void fractionalPhaseEndsAreHandledLikeTorch() {
        // pct_start * total_steps = 3.3: the peak phase ends at step 2.3, so no step hits maxValue exactly.
        OneCycleSchedule s = OneCycleSchedule.builder(1.0, 11).pctStart(0.3).annealStrategy(AnnealStrategy.LINEAR).build();
        double end1 = 0.3 * 11 - 1;
        assertRelClose((1.0 - 0.04) * (2 / end1) + 0.04, s.valueAt(2, 0));
        assertRelClose((0.04 / 1e4 - 1.0) * ((3 - end1) / (10 - end1)) + 1.0, s.valueAt(3, 0));
    }

    @Test
    void shortestValidCycles() {
        // Two-phase: totalSteps * pctStart just above 1.
        OneCycleSchedule two = OneCycleSchedule.builder(1.0, 2).pctStart(0.75).build(); // ends 0.5, 1
        assertRelClose(0.04, two.valueAt(0, 0));
        assertThat(two.valueAt(1, 0)).isEqualTo(two.getMinValue());
        // Three-phase: ends 1, 2, 3.
        OneCycleSchedule three = OneCycleSchedule.builder(1.0, 4).pctStart(0.5).threePhase(true).build();
        assertRelClose(0.04, three.valueAt(0, 0));
        assertThat(three.valueAt(1, 0)).isEqualTo(1.0);
        assertThat(three.valueAt(2, 0)).isEqualTo(0.04);
        assertThat(three.valueAt(3, 0)).isEqualTo(three.getMinValue());
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        OneCycleSchedule s = OneCycleSchedule.builder(0.01, 10).scheduleType(ScheduleType.EPOCH).build();
        assertThat(s.valueAt(5, 2)).isEqualTo(0.01);
        assertRelClose(s.getInitialValue(), s.valueAt(2, 0));
    }

    @Test
    void rejectsPhasesOfZeroOrNegativeLengthNamingTotalStepsAndPctStart() {
        // torch: ZeroDivisionError at run time for pct_start * total_steps == 1.
        assertRejected("totalSteps * pctStart must be > 1 so that the warm-up phase (ending at step totalSteps * "
                        + "pctStart - 1) has a positive length, got totalSteps=10, pctStart=0.1",
                () -> OneCycleSchedule.builder(0.1, 10).pctStart(0.1).build());
        assertRejected("totalSteps * pctStart must be > 1 so that the warm-up phase (ending at step totalSteps * "
                        + "pctStart - 1) has a positive length, got totalSteps=1, pctStart=0.3",
                () -> OneCycleSchedule.builder(0.1, 1).build());
        assertRejected("with threePhase, 2 * totalSteps * pctStart - 2 must be < totalSteps - 1 so that the last "
                        + "phase has a positive length, got totalSteps=10, pctStart=0.55",
                () -> OneCycleSchedule.builder(0.1, 10).pctStart(0.55).threePhase(true).build());
        assertRejected("with threePhase, 2 * totalSteps * pctStart - 2 must be < totalSteps - 1 so that the last "
                        + "phase has a positive length, got totalSteps=100, pctStart=0.9",
                () -> OneCycleSchedule.builder(0.1, 100).pctStart(0.9).threePhase(true).build());
        // The same pctStart is fine with two phases.
        assertThat(OneCycleSchedule.builder(0.1, 100).pctStart(0.9).build().valueAt(89, 0)).isEqualTo(0.1);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> OneCycleSchedule.builder(0.1, 100).scheduleType(null).build());
        assertRejected("maxValue must be finite and >= 0, got NaN", () -> OneCycleSchedule.builder(Double.NaN, 100).build());
        assertRejected("maxValue must be finite and >= 0, got -0.1", () -> OneCycleSchedule.builder(-0.1, 100).build());
        assertRejected("maxValue must be finite and >= 0, got Infinity",
                () -> OneCycleSchedule.builder(Double.POSITIVE_INFINITY, 100).build());
        assertRejected("totalSteps must be > 0, got 0", () -> OneCycleSchedule.builder(0.1, 0).build());
        assertRejected("totalSteps must be > 0, got -5", () -> OneCycleSchedule.builder(0.1, -5).build());
        assertRejected("pctStart must be in (0.0, 1.0), got 0.0", () -> OneCycleSchedule.builder(0.1, 100).pctStart(0).build());
        assertRejected("pctStart must be in (0.0, 1.0), got 1.0", () -> OneCycleSchedule.builder(0.1, 100).pctStart(1).build());
        assertRejected("pctStart must be in (0.0, 1.0), got NaN",
                () -> OneCycleSchedule.builder(0.1, 100).pctStart(Double.NaN).build());
        assertRejected("annealStrategy must not be null",
                () -> OneCycleSchedule.builder(0.1, 100).annealStrategy(null).build());
        assertRejected("divFactor must be finite and > 0, got 0.0", () -> OneCycleSchedule.builder(0.1, 100).divFactor(0).build());
        assertRejected("divFactor must be finite and > 0, got -25.0",
                () -> OneCycleSchedule.builder(0.1, 100).divFactor(-25).build());
        assertRejected("divFactor must be finite and > 0, got Infinity",
                () -> OneCycleSchedule.builder(0.1, 100).divFactor(Double.POSITIVE_INFINITY).build());
        assertRejected("finalDivFactor must be finite and > 0, got 0.0",
                () -> OneCycleSchedule.builder(0.1, 100).finalDivFactor(0).build());
        assertRejected("finalDivFactor must be finite and > 0, got NaN",
                () -> OneCycleSchedule.builder(0.1, 100).finalDivFactor(Double.NaN).build());
        assertRejected("maxValue / divFactor must be a finite number, got Infinity",
                () -> OneCycleSchedule.builder(1e300, 100).divFactor(1e-300).build());
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        AnnealStrategy cos = AnnealStrategy.COS;
        new EqualsTester()
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.3, cos, 25, 1e4, false),
                        OneCycleSchedule.builder(0.1, 100).build())
                .addEqualityGroup(new OneCycleSchedule(ScheduleType.EPOCH, 0.1, 100, 0.3, cos, 25, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.2, 100, 0.3, cos, 25, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 101, 0.3, cos, 25, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.4, cos, 25, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.3, AnnealStrategy.LINEAR, 25, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.3, cos, 20, 1e4, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.3, cos, 25, 1e3, false))
                .addEqualityGroup(new OneCycleSchedule(IT, 0.1, 100, 0.3, cos, 25, 1e4, true))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(OneCycleSchedule.builder(0.1, 100).build().toString())
                .isEqualTo("OneCycleSchedule(scheduleType=ITERATION, maxValue=0.1, totalSteps=100, pctStart=0.3, "
                        + "annealStrategy=COS, divFactor=25.0, finalDivFactor=10000.0, threePhase=false)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(OneCycleSchedule.builder(0.1, 100).build());
        assertSurvivesDl4j(OneCycleSchedule.builder(0.01, 1000).scheduleType(ScheduleType.EPOCH).pctStart(0.25)
                .annealStrategy(AnnealStrategy.LINEAR).divFactor(10).finalDivFactor(100).threePhase(true).build());
    }
}
