package dev.lrsched.schedules.reliability;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Specification: long runs. DL4J's counters are {@code int}s that wrap to negative numbers after
 * {@link Integer#MAX_VALUE}; lrsched reads them unsigned, so step 2<sup>31</sup> arrives as
 * {@code Integer.MIN_VALUE} and step 2<sup>32</sup>-1 as {@code -1}. Around those points every schedule
 * stays finite and non-negative and continues as documented (periodic schedules keep their period,
 * finite ones hold their final value).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CounterWrapAndLongRunTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    /** Counters at and around Integer.MAX_VALUE and the two wrap points (signed int view). */
    static final int[] AROUND_WRAP = {Integer.MAX_VALUE - 2, Integer.MAX_VALUE - 1, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MIN_VALUE + 2, -3, -2, -1, 0, 1};

    static Stream<Arguments> examples() {
        return ScheduleExamples.arguments().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyLrschedScheduleDeclaresThatItReadsCountersUnsigned(String name, ISchedule s) {
        // Composite schedules pass a wrapped step past 2^31 on only to schedules with this marker.
        if (s.getClass().getPackageName().equals("dev.lrsched.schedules")) {
            assertThat(s).as(name).isInstanceOf(dev.lrsched.schedules.support.ReadsUnsignedCounters.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyScheduleIsFiniteAndNonNegativeAtAndAroundTheCounterWrap(String name, ISchedule s) {
        for (int i : AROUND_WRAP) {
            for (int e : AROUND_WRAP) {
                assertThat(s.valueAt(i, e)).as("%s at iteration=%s epoch=%s", name, i, e).isFinite()
                        .isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    @Test
    void finiteSchedulesHoldTheirFinalValueAtMaxValueAndAfterTheWrap() {
        OneCycleSchedule oneCycle = OneCycleSchedule.builder(0.1, 1000).build();
        OneCycleSchedule threePhase = OneCycleSchedule.builder(0.1, 1000).threePhase(true)
                .annealStrategy(AnnealStrategy.LINEAR).build();
        SequentialSchedule multiStep = Schedules.multiStep(IT, 0.1, 0.5, 10, 20, 30);
        SequentialSchedule wsd = Schedules.warmupStableDecay(IT, 0.1, 0.001, 10, 10, 10, AnnealStrategy.COS);
        List<Object[]> finals = List.of(
                new Object[] {oneCycle, 999, oneCycle.getMinValue()},
                new Object[] {threePhase, 999, threePhase.getMinValue()},
                new Object[] {multiStep, 30, 0.1 * 0.5 * 0.5 * 0.5},
                new Object[] {wsd, 30, 0.001},
                new Object[] {new CosineAnnealingSchedule(IT, 0.1, 0.002, 100), 100, 0.002},
                new Object[] {new PolynomialSchedule(IT, 0.1, 0.003, 2, 100), 100, 0.003},
                new Object[] {new LinearSchedule(IT, 0.1, 1, 0.25, 100), 100, 0.025},
                new Object[] {new WarmupCosineSchedule(IT, 0, 0.1, 0.004, 10, 100), 100, 0.004});
        for (Object[] f : finals) {
            ISchedule s = (ISchedule) f[0];
            int last = (Integer) f[1];
            double end = (Double) f[2];
            // the last step itself, then beyond: torch's OneCycleLR raises here, lrsched holds the end value
            for (int t : new int[] {last, last + 1, 10 * last, Integer.MAX_VALUE, Integer.MIN_VALUE, -1}) {
                assertRelClose(end, s.valueAt(t, 0), s + " at iteration " + t);
            }
        }
    }

    @Test
    void oneCycleReachesItsMinimumExactlyAtTheLastStepAndNotBefore() {
        OneCycleSchedule s = OneCycleSchedule.builder(0.1, 1000).build();
        assertThat(s.valueAt(998, 0)).isGreaterThan(s.getMinValue());
        assertThat(s.valueAt(999, 0)).isEqualTo(s.getMinValue());
    }

    @Test
    void periodicSchedulesContinueTheirPeriodAcrossTheSignedWrap() {
        // triangular cycle of 6 steps: the value at unsigned step 2^31 (= Integer.MIN_VALUE) is the value at
        // 2^31 mod 6 = 2, exactly as it would be without any wrap.
        CyclicSchedule tri = CyclicSchedule.triangular(IT, 0.01, 0.1, 3);
        long twoTo31 = 1L << 31;
        for (long t = twoTo31 - 7; t <= twoTo31 + 7; t++) {
            assertThat(tri.valueAt((int) t, 0)).as("step %s", t).isEqualTo(tri.valueAt((int) (t % 6), 0));
        }
        for (long t = (1L << 32) - 7; t < (1L << 32); t++) {
            assertThat(tri.valueAt((int) t, 0)).as("step %s", t).isEqualTo(tri.valueAt((int) (t % 6), 0));
        }
        CosineWarmRestartsSchedule sgdr = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 7, 1);
        for (long t = twoTo31 - 7; t <= twoTo31 + 7; t++) {
            assertThat(sgdr.valueAt((int) t, 0)).as("step %s", t).isEqualTo(sgdr.valueAt((int) (t % 7), 0));
        }
        // EPOCH-typed schedules read the epoch counter the same way
        CyclicSchedule triEpoch = CyclicSchedule.triangular(ScheduleType.EPOCH, 0.01, 0.1, 3);
        assertThat(triEpoch.valueAt(0, Integer.MIN_VALUE)).isEqualTo(triEpoch.valueAt(0, 2));
    }

    @Test
    void triangular2AndExpRangeDecayToTheBaseValueWithoutNaNAfterBillionsOfSteps() {
        CyclicSchedule tri2 = new CyclicSchedule(IT, 0.01, 0.1, 1, 1, CyclicMode.TRIANGULAR2, 1.0);
        CyclicSchedule exp = new CyclicSchedule(IT, 0.01, 0.1, 1, 1, CyclicMode.EXP_RANGE, 0.9);
        for (int t : AROUND_WRAP) {
            if (t > 2000 || t < 0) {
                assertThat(tri2.valueAt(t, 0)).isEqualTo(0.01);
                assertThat(exp.valueAt(t, 0)).isEqualTo(0.01);
            }
        }
    }

    /**
     * SGDR with periodMultiplier 2 (torch CosineAnnealingWarmRestarts(T_0=10, T_mult=2)) over 10^9 steps:
     * every restart point (10, 30, 70, ... = 10 * (2^n - 1)) gives the peak exactly, the step before it
     * is within 1e-9 of the minimum relative to the cycle's length, and a million steps spread over the
     * whole run agree with an independent cycle-by-cycle reference.
     */
    @Test
    void warmRestartsWithPeriodMultiplier2StayExactForABillionSteps() {
        double max = 0.1;
        double min = 0.001;
        CosineWarmRestartsSchedule s = new CosineWarmRestartsSchedule(IT, max, min, 10, 2, 1.0);
        long start = 0;
        long length = 10;
        int restarts = 0;
        while (start + length <= 1_000_000_000L) {
            long next = start + length;
            assertThat(s.valueAt((int) next, 0)).as("restart at %s", next).isEqualTo(max);
            double beforeRestart = s.valueAt((int) (next - 1), 0);
            assertRelClose(min + (max - min) * (1 + Math.cos(Math.PI * (length - 1) / length)) / 2, beforeRestart,
                    "step before restart " + next);
            start = next;
            length *= 2;
            restarts++;
        }
        assertThat(restarts).isEqualTo(26);
        // an independent reference: walk the cycles, then sample
        long stride = 997; // prime, so positions inside cycles vary
        long cycleStart = 0;
        long cycleLength = 10;
        for (long t = 0; t < 1_000_000_000L; t += stride) {
            while (t >= cycleStart + cycleLength) {
                cycleStart += cycleLength;
                cycleLength *= 2;
            }
            double expected = min + (max - min) * (1 + Math.cos(Math.PI * (t - cycleStart) / cycleLength)) / 2;
            double v = s.valueAt((int) t, 0);
            assertThat(v).isBetween(min, max);
            assertRelClose(expected, v, "step " + t);
        }
        // and through the wrap to 2^32 - 1: still inside [min, max]
        for (int t : AROUND_WRAP) {
            assertThat(s.valueAt(t, 0)).isBetween(min, max);
        }
    }

    @Test
    void extremeButValidArgumentsNeverProduceInfinityOrNaN() {
        double big = Double.MAX_VALUE;
        double tiny = Double.MIN_VALUE;
        List<ISchedule> extremes = List.of(
                new CosineAnnealingSchedule(IT, big, 0, 1),
                new CosineAnnealingSchedule(IT, big, big, Integer.MAX_VALUE),
                new CosineWarmRestartsSchedule(IT, big, 0, 1, Integer.MAX_VALUE, tiny),
                new CyclicSchedule(IT, 0, big, 1, Integer.MAX_VALUE, CyclicMode.TRIANGULAR, 1),
                new CyclicSchedule(IT, big, 0, Integer.MAX_VALUE, 1, CyclicMode.EXP_RANGE, tiny),
                new LinearSchedule(IT, big, 0, 1, Integer.MAX_VALUE),
                new LinearSchedule(IT, tiny, 1e300, 0, 3),
                new PolynomialSchedule(IT, big, 0, 1e300, 5),
                new PolynomialSchedule(IT, big, tiny, tiny, Integer.MAX_VALUE),
                new WarmupCosineSchedule(IT, 0, big, 0, Integer.MAX_VALUE - 1, Integer.MAX_VALUE),
                OneCycleSchedule.builder(big, Integer.MAX_VALUE).divFactor(1).finalDivFactor(big).build(),
                OneCycleSchedule.builder(tiny, 3).pctStart(0.5).divFactor(big).finalDivFactor(big).build(),
                new WarmupSchedule(IT, 10, tiny, WarmupShape.EXPONENTIAL, new CosineAnnealingSchedule(IT, 1, 0, 5)),
                new WarmupSchedule(IT, 10, big, WarmupShape.EXPONENTIAL, new CosineAnnealingSchedule(IT, tiny, 0, 5)),
                new WarmupSchedule(IT, Integer.MAX_VALUE, tiny, WarmupShape.EXPONENTIAL,
                        new CosineAnnealingSchedule(IT, big, 0, 5)),
                new WarmupSchedule(IT, 10, big, WarmupShape.COSINE, new CosineAnnealingSchedule(IT, 0, 0, 5)),
                Schedules.warmupStableDecay(IT, big, 0, Integer.MAX_VALUE - 2, 1, 1, AnnealStrategy.LINEAR),
                Schedules.multiStep(IT, big, tiny, 1, 2, 3),
                new ScaledSchedule(new CosineAnnealingSchedule(IT, big, 0, 10), 1.0),
                new ScaledSchedule(new CosineAnnealingSchedule(IT, tiny, 0, 10), big));
        int[] probes = {0, 1, 2, 3, 4, 5, 9, 10, 11, 15, 1000, Integer.MAX_VALUE - 2, Integer.MAX_VALUE - 1,
                Integer.MAX_VALUE, Integer.MIN_VALUE, -1};
        for (ISchedule s : extremes) {
            for (int t : probes) {
                assertThat(s.valueAt(t, t)).as("%s at %s", s, t).isFinite().isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    @Test
    void aScaledScheduleWhoseProductOverflowsFailsLoudlyNamingTheStepInsteadOfReturningInfinity() {
        ScaledSchedule s = new ScaledSchedule(new CosineAnnealingSchedule(IT, Double.MAX_VALUE, 0, 10), 4.0);
        assertThatThrownBy(() -> s.valueAt(0, 7)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("iteration 0, epoch 7").hasMessageContaining("Infinity");
        assertThat(s.valueAt(10, 7)).isEqualTo(0.0); // the cosine has reached 0: 4 * 0 is fine
    }

    /**
     * Known limitation, kept visible: ND4J's own schedules (returned by {@code Schedules.step} and
     * {@code Schedules.exponential}, or passed by the user) read DL4J's counters signed. After the wrap
     * they see a negative step, and {@code gamma^negative} overflows. lrsched's own classes do not.
     */
    @Test
    void nd4jBuiltInDecaysReadWrappedCountersSignedAndOverflowUnlikeLrschedSchedules() {
        ISchedule nd4j = Schedules.exponential(IT, 0.1, 0.9);
        assertThat(nd4j).isInstanceOf(ExponentialSchedule.class);
        assertThat(nd4j.valueAt(Integer.MIN_VALUE, 0)).isInfinite();
        ISchedule lrsched = Schedules.lambda(IT, 0.1, "0.9 ^ step");
        assertThat(lrsched.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(0.0);
    }
}
