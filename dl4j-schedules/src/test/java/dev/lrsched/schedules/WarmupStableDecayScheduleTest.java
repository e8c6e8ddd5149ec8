package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ScheduleType;

/** Reference values: {@code tools/reference/hf_reference.py} (HF's _get_wsd_scheduler_lambda @ 005edacb under torch's LambdaLR). */
class WarmupStableDecayScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    private static WarmupStableDecaySchedule hf(WsdShape warmup, WsdShape decay) {
        return WarmupStableDecaySchedule.builder(0.1, 3, 4, 6).warmupShape(warmup).decayShape(decay).minLrRatio(0.1)
                .build();
    }

    /**
     * HF: get_wsd_schedule(SGD(lr=0.1), num_warmup_steps=3, num_decay_steps=6, num_stable_steps=4,
     * warmup_type=X, decay_type=X, min_lr_ratio=0.1); columns: t, 'linear', 'cosine', '1-sqrt'.
     */
    @ParameterizedTest(name = "t={0}")
    @CsvSource({
            "0, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002",
            "1, 0.04000000000000001, 0.032499999999999994, 0.026515307716504656",
            "2, 0.06999999999999999, 0.0775, 0.04803847577293368",
            "3, 0.1, 0.1, 0.1",
            "6, 0.1, 0.1, 0.1",
            "7, 0.1, 0.1, 0.1",
            "8, 0.085, 0.09397114317029975, 0.06325765385825233",
            "9, 0.07, 0.07750000000000001, 0.048038475772933686",
            "10, 0.05500000000000001, 0.05500000000000001, 0.03636038969321072",
            "11, 0.04000000000000001, 0.032500000000000015, 0.026515307716504656",
            "12, 0.024999999999999998, 0.016028856829700257, 0.01784161637422508",
            "13, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002",
            "14, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002",
            "1000000, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002",
            "4294967295, 0.010000000000000002, 0.010000000000000002, 0.010000000000000002"})
    void matchesHfGetWsdScheduleForEveryShape(long t, double linear, double cosine, double oneMinusSqrt) {
        assertRelClose(linear, hf(WsdShape.LINEAR, WsdShape.LINEAR).valueAt((int) t, 0), "linear t=" + t);
        assertRelClose(cosine, hf(WsdShape.COSINE, WsdShape.COSINE).valueAt((int) t, 0), "cosine t=" + t);
        assertRelClose(oneMinusSqrt, hf(WsdShape.ONE_MINUS_SQRT, WsdShape.ONE_MINUS_SQRT).valueAt((int) t, 0),
                "1-sqrt t=" + t);
    }

    /** HF: get_wsd_schedule(SGD(lr=0.1), num_warmup_steps=2, num_decay_steps=8, num_stable_steps=0, num_cycles=1.0). */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({"0, 0.0", "1, 0.05", "2, 0.1", "3, 0.08535533905932738", "5, 0.014644660940672627", "6, 0.0",
            "7, 0.014644660940672617", "9, 0.08535533905932738", "10, 0.0", "11, 0.0"})
    void aFullCosineWaveWithNumCyclesOneMatchesHf(int t, double expected) {
        WarmupStableDecaySchedule s = WarmupStableDecaySchedule.builder(0.1, 2, 0, 8).numCycles(1.0).build();
        assertRelClose(expected, s.valueAt(t, 0), "t=" + t);
    }

    @Test
    void emptyPhasesAreSkippedLikeHf() {
        WarmupStableDecaySchedule decayOnly = WarmupStableDecaySchedule.builder(0.1, 0, 0, 4)
                .decayShape(WsdShape.LINEAR).build();
        assertThat(decayOnly.valueAt(0, 0)).isEqualTo(0.1);
        assertRelClose(0.025, decayOnly.valueAt(3, 0));
        assertThat(decayOnly.valueAt(4, 0)).isEqualTo(0.0);
        WarmupStableDecaySchedule noDecay = WarmupStableDecaySchedule.builder(0.1, 2, 3, 0).minLrRatio(0.5).build();
        assertThat(noDecay.valueAt(4, 0)).isEqualTo(0.1);
        assertThat(noDecay.valueAt(5, 0)).isEqualTo(0.05); // HF: returns min_lr_ratio right after the stable phase
    }

    @Test
    void builderDefaultsAreHfsAndTheShapesKnowHfsNames() {
        WarmupStableDecaySchedule s = WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).build();
        assertThat(s).isEqualTo(new WarmupStableDecaySchedule(IT, 0.1, 1, 2, 3, WsdShape.LINEAR, WsdShape.COSINE, 0.0, 0.5));
        assertThat(WsdShape.fromHfName("decay_type", "1-sqrt")).isEqualTo(WsdShape.ONE_MINUS_SQRT);
        assertThat(WsdShape.fromHfName("warmup_type", "cosine")).isEqualTo(WsdShape.COSINE);
        assertThat(WsdShape.LINEAR.hfName()).isEqualTo("linear");
        assertRejected("decay_type must be 'linear', 'cosine' or '1-sqrt', got 'exp'", () -> WsdShape.fromHfName("decay_type", "exp"));
        assertRejected("warmup_type must be 'linear', 'cosine' or '1-sqrt', got null", () -> WsdShape.fromHfName("warmup_type", null));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).scheduleType(null).build());
        assertRejected("peakValue must be finite and >= 0, got -0.1", () -> WarmupStableDecaySchedule.builder(-0.1, 1, 1, 1).build());
        assertRejected("warmupSteps must be >= 0, got -1", () -> WarmupStableDecaySchedule.builder(0.1, -1, 1, 1).build());
        assertRejected("stableSteps must be >= 0, got -1", () -> WarmupStableDecaySchedule.builder(0.1, 1, -1, 1).build());
        assertRejected("decaySteps must be >= 0, got -1", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, -1).build());
        assertRejected("warmupShape must not be null", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).warmupShape(null).build());
        assertRejected("decayShape must not be null", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).decayShape(null).build());
        assertRejected("minLrRatio must be in [0.0, 1.0], got 1.5", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).minLrRatio(1.5).build());
        assertRejected("minLrRatio must be in [0.0, 1.0], got NaN", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).minLrRatio(Double.NaN).build());
        assertRejected("numCycles must be in [0.0, 1000000.0], got -0.5", () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).numCycles(-0.5).build());
        assertRejected("numCycles must be in [0.0, 1000000.0], got Infinity",
                () -> WarmupStableDecaySchedule.builder(0.1, 1, 1, 1).numCycles(Double.POSITIVE_INFINITY).build());
    }

    @Test
    void extremesStayFiniteAndNonNegativeEverywhere() {
        int max = Integer.MAX_VALUE;
        for (WsdShape w : WsdShape.values()) {
            for (WsdShape d : WsdShape.values()) {
                assertFiniteNonNegativeEverywhere(new WarmupStableDecaySchedule(IT, Double.MAX_VALUE, max, max, max, w, d, 1.0, 1e6));
                assertFiniteNonNegativeEverywhere(new WarmupStableDecaySchedule(IT, Double.MAX_VALUE, 1, 0, 1, w, d, 0.0, 0.0));
                assertFiniteNonNegativeEverywhere(new WarmupStableDecaySchedule(ScheduleType.EPOCH, Double.MIN_VALUE, 3,
                        max, 7, w, d, 0.3, 0.5));
            }
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        WarmupStableDecaySchedule base = WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).build();
        new EqualsTester()
                .addEqualityGroup(base, WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).scheduleType(ScheduleType.EPOCH).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.2, 1, 2, 3).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 2, 2, 3).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 3, 3).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 4).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).warmupShape(WsdShape.COSINE).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).decayShape(WsdShape.LINEAR).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).minLrRatio(0.1).build())
                .addEqualityGroup(WarmupStableDecaySchedule.builder(0.1, 1, 2, 3).numCycles(1).build())
                .testEquals();
        assertThat(base.toString()).isEqualTo("WarmupStableDecaySchedule(scheduleType=ITERATION, peakValue=0.1, "
                + "warmupSteps=1, stableSteps=2, decaySteps=3, warmupShape=LINEAR, decayShape=COSINE, minLrRatio=0.0, "
                + "numCycles=0.5)");
        assertSurvivesDl4j(hf(WsdShape.ONE_MINUS_SQRT, WsdShape.COSINE));
        assertSurvivesDl4j(WarmupStableDecaySchedule.builder(0.1, 0, 0, 5).scheduleType(ScheduleType.EPOCH).build());
        assertJsonFields(base, "scheduleType", "peakValue", "warmupSteps", "stableSteps", "decaySteps", "warmupShape",
                "decayShape", "minLrRatio", "numCycles");
    }
}
