package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static dev.lrsched.schedules.testing.ScheduleAssertions.dl4jJsonRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.common.testing.EqualsTester;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link NoisySchedule}: timm's noise ({@code noise_range_t}, {@code noise_type}, {@code noise_pct},
 * {@code noise_std}, {@code noise_seed}) as a pure function of (seed, step). The random numbers are checked
 * against the JDK's own SplitMix64 ({@link SplittableRandom}); the distribution against the truncated normal
 * (integrated numerically here) and against timm's: {@code tools/reference/timm_reference.py} drew timm's noise with
 * torch's real Generator for t = 0..19999 (normal, noise_pct 0.67, seed 42): variance 0.14097, analytic 0.14087.
 */
class NoisyScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final CosineAnnealingSchedule COS = new CosineAnnealingSchedule(IT, 0.1, 0.001, 100);

    private static NoisySchedule noisy(NoiseType type, double pct, double std, long seed, long start, long end) {
        return new NoisySchedule(IT, COS, type, pct, std, seed, start, end);
    }

    /** The (t+1)-th nextDouble() of new SplittableRandom(seed): an independent SplitMix64. */
    private static double splitMixUniform(long seed, long t) {
        SplittableRandom r = new SplittableRandom(seed);
        double u = 0;
        for (long i = 0; i <= t; i++) {
            u = r.nextDouble();
        }
        return u;
    }

    @Test
    void uniformNoiseIsTimmsFormulaOnTheJdksSplitMix64Sequence() {
        for (long seed : new long[] {42, 0, -7, Long.MAX_VALUE}) {
            NoisySchedule s = noisy(NoiseType.UNIFORM, 0.67, 1.0, seed, 0, NoisySchedule.NO_END);
            for (long t = 0; t < 300; t++) {
                // timm: noise = 2 * (torch.rand(1) - 0.5) * noise_pct; lr = v + v * noise
                double expected = 2 * (splitMixUniform(seed, t) - 0.5) * 0.67;
                assertThat(s.noise(t)).as("seed %s t %s", seed, t).isEqualTo(expected);
                assertThat(s.valueAt((int) t, 0)).isEqualTo(COS.valueAt((int) t, 0) + COS.valueAt((int) t, 0) * expected);
            }
        }
    }

    @Test
    void normalNoiseIsTheTruncatedNormalInverseCdfOfTheSameUniform() {
        NoisySchedule s = noisy(NoiseType.NORMAL, 0.67, 1.0, 42, 0, NoisySchedule.NO_END);
        double mass = org.apache.commons.math3.special.Erf.erf(0.67 / Math.sqrt(2));
        for (long t = 0; t < 300; t++) {
            double u = splitMixUniform(42, t) + 0x1.0p-54; // the midpoint of the uniform's cell, never 0 or 1
            double n = s.noise(t);
            // CDF of the truncated normal at n equals u: (erf(n / sqrt 2) / mass + 1) / 2
            double cdf = (org.apache.commons.math3.special.Erf.erf(n / Math.sqrt(2)) / mass + 1) / 2;
            assertThat(cdf).as("t %s", t).isCloseTo(u, within(1e-12));
            assertThat(Math.abs(n)).isLessThan(0.67);
        }
    }

    @Test
    void normalNoiseHasTheTruncatedNormalDistributionLikeTimms() {
        int n = 100_000;
        double[] std1 = sample(noisy(NoiseType.NORMAL, 0.67, 1.0, 42, 0, NoisySchedule.NO_END), n);
        // variance of N(0, 1) truncated to (-0.67, 0.67): 0.1408740655499663 (timm_reference.py); timm's own
        // 20 000 draws: 0.14097. Standard error of a 100 000-sample variance here: about 3e-4.
        assertThat(variance(std1)).isCloseTo(0.1408740655499663, within(0.0015));
        assertThat(mean(std1)).isCloseTo(0.0, within(0.005));
        assertThat(max(std1)).isLessThan(0.67).isGreaterThan(0.669);
        assertThat(-min(std1)).isLessThan(0.67).isGreaterThan(0.669);
        assertEmpiricalCdfMatchesTruncatedNormal(std1, 0.67, 1.0);
        // noiseStd 0.5 (timm ignores noise_std): 0.25 * var(N(0,1) truncated to +-1.34) = 0.11714087400740378
        double[] std05 = sample(noisy(NoiseType.NORMAL, 0.67, 0.5, 42, 0, NoisySchedule.NO_END), n);
        assertThat(variance(std05)).isCloseTo(0.11714087400740378, within(0.0015));
        assertEmpiricalCdfMatchesTruncatedNormal(std05, 0.67, 0.5);
        // uniform on [-0.67, 0.67): 0.67^2 / 3 = 0.14963333333333337 (timm's 20 000 draws: 0.15023)
        double[] uniform = sample(noisy(NoiseType.UNIFORM, 0.67, 1.0, 42, 0, NoisySchedule.NO_END), n);
        assertThat(variance(uniform)).isCloseTo(0.14963333333333337, within(0.0015));
    }

    /** Empirical CDF against the truncated normal's, integrated with Simpson's rule, at 41 points: within 0.006. */
    private static void assertEmpiricalCdfMatchesTruncatedNormal(double[] xs, double pct, double std) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        double total = simpson(-pct, pct, std);
        for (int i = 0; i <= 40; i++) {
            double x = -pct + 2 * pct * i / 40;
            double expected = simpson(-pct, x, std) / total;
            int below = lowerBound(sorted, x);
            assertThat((double) below / sorted.length).as("CDF at %s", x).isCloseTo(expected, within(0.006));
        }
    }

    private static double simpson(double a, double b, double std) {
        int m = 2000;
        double h = (b - a) / m;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double x = a + i * h;
            double f = Math.exp(-x * x / (2 * std * std));
            sum += (i == 0 || i == m) ? f : (i % 2 == 1 ? 4 * f : 2 * f);
        }
        return sum * h / 3;
    }

    private static int lowerBound(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        return i >= 0 ? i : -i - 1;
    }

    private static double[] sample(NoisySchedule s, int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = s.noise(t);
        }
        return out;
    }

    private static double mean(double[] xs) {
        return Arrays.stream(xs).average().orElseThrow();
    }

    private static double variance(double[] xs) {
        double m = mean(xs);
        return Arrays.stream(xs).map(x -> (x - m) * (x - m)).sum() / (xs.length - 1);
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    @Test
    void noiseOnlyInsideTheHalfOpenRangeLikeTimmsNoiseRangeT() {
        NoisySchedule s = noisy(NoiseType.NORMAL, 0.67, 1.0, 42, 10, 20); // timm noise_range_t=[10, 20]
        for (int t = 0; t < 40; t++) {
            double v = COS.valueAt(t, 0);
            if (t >= 10 && t < 20) {
                assertThat(s.valueAt(t, 0)).as("t=%s", t).isEqualTo(v + v * s.noise(t)).isNotEqualTo(v);
            } else {
                assertThat(s.valueAt(t, 0)).as("t=%s", t).isEqualTo(v);
            }
        }
        // noise_range_t=n: every step from n on, including past the signed wrap (read unsigned)
        NoisySchedule from = NoisySchedule.builder(IT, COS).noiseFrom(5).build();
        assertThat(from.valueAt(4, 0)).isEqualTo(COS.valueAt(4, 0));
        assertThat(from.valueAt(Integer.MIN_VALUE, 0)).isNotEqualTo(COS.valueAt(Integer.MIN_VALUE, 0));
        assertThat(from.valueAt(-1, 0)).isNotEqualTo(COS.valueAt(-1, 0));
    }

    @Test
    void theNoiseIsAPureFunctionOfSeedAndStepSoAResumedRunGetsTheSameValues() {
        NoisySchedule s = noisy(NoiseType.NORMAL, 0.5, 1.0, 1234, 0, NoisySchedule.NO_END);
        double[] forward = new double[500];
        for (int t = 0; t < 500; t++) {
            forward[t] = s.valueAt(t, 0);
        }
        ISchedule restored = dl4jJsonRoundTrip(s);
        for (int t = 499; t >= 0; t--) { // another instance, another order
            assertThat(Double.doubleToRawLongBits(restored.valueAt(t, 0))).isEqualTo(Double.doubleToRawLongBits(forward[t]));
        }
        // seeds s and s + 1 are unrelated (in timm, seed 43 at step t is seed 42 at step t + 1)
        NoisySchedule next = noisy(NoiseType.NORMAL, 0.5, 1.0, 1235, 0, NoisySchedule.NO_END);
        int equalShifted = 0;
        for (int t = 0; t < 499; t++) {
            equalShifted += next.noise(t) == s.noise(t + 1) ? 1 : 0;
        }
        assertThat(equalShifted).isZero();
    }

    @Test
    void epochTypeDrawsTheNoiseFromTheEpochCounter() {
        NoisySchedule s = new NoisySchedule(ScheduleType.EPOCH, new FixedSchedule(0.1), NoiseType.UNIFORM, 0.3, 1.0, 9,
                0, NoisySchedule.NO_END);
        assertThat(s.valueAt(0, 3)).isEqualTo(s.valueAt(999, 3)).isEqualTo(0.1 + 0.1 * s.noise(3));
        assertThat(s.valueAt(0, 3)).isNotEqualTo(s.valueAt(0, 4));
    }

    @Test
    void builderHasTimmsDefaults() {
        NoisySchedule s = NoisySchedule.builder(IT, COS).build();
        assertThat(s).isEqualTo(noisy(NoiseType.NORMAL, 0.67, 1.0, 42, 0, NoisySchedule.NO_END));
        assertThat(NoisySchedule.builder(IT, COS).noiseType(NoiseType.UNIFORM).noisePct(0.1).noiseStd(2)
                .noiseSeed(7).noiseRange(3, 9).build()).isEqualTo(noisy(NoiseType.UNIFORM, 0.1, 2, 7, 3, 9));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertRejected("scheduleType must not be null", () -> new NoisySchedule(null, COS, NoiseType.NORMAL, 0.5, 1, 0, 0, 1));
        assertRejected("schedule must not be null", () -> new NoisySchedule(IT, null, NoiseType.NORMAL, 0.5, 1, 0, 0, 1));
        assertRejected("noiseType must not be null", () -> noisy(null, 0.5, 1, 0, 0, 1));
        assertRejected("noisePct must be in (0.0, 1.0], got 0.0", () -> noisy(NoiseType.NORMAL, 0.0, 1, 0, 0, 1));
        assertRejected("noisePct must be in (0.0, 1.0], got 1.5", () -> noisy(NoiseType.NORMAL, 1.5, 1, 0, 0, 1));
        assertRejected("noisePct must be in (0.0, 1.0], got NaN", () -> noisy(NoiseType.NORMAL, Double.NaN, 1, 0, 0, 1));
        assertRejected("noiseStd must be finite and > 0, got 0.0", () -> noisy(NoiseType.NORMAL, 0.5, 0, 0, 0, 1));
        assertRejected("noiseStd must be finite and > 0, got Infinity",
                () -> noisy(NoiseType.NORMAL, 0.5, Double.POSITIVE_INFINITY, 0, 0, 1));
        assertRejected("noiseRangeStart must be in [0, 4294967296], got -1", () -> noisy(NoiseType.NORMAL, 0.5, 1, 0, -1, 1));
        assertRejected("noiseRangeEnd must be in (noiseRangeStart (5), 4294967296], got 5",
                () -> noisy(NoiseType.NORMAL, 0.5, 1, 0, 5, 5));
        assertRejected("noiseRangeEnd must be in (noiseRangeStart (0), 4294967296], got 4294967297",
                () -> noisy(NoiseType.NORMAL, 0.5, 1, 0, 0, NoisySchedule.NO_END + 1));
    }

    @Test
    void aProductThatOverflowsFailsLoudlyNamingTheStep() {
        NoisySchedule s = new NoisySchedule(IT, new FixedSchedule(Double.MAX_VALUE), NoiseType.UNIFORM, 0.5, 1, 42, 0,
                NoisySchedule.NO_END);
        int up = 0;
        while (s.noise(up) <= 0) {
            up++;
        }
        int upStep = up;
        assertThatThrownBy(() -> s.valueAt(upStep, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("iteration " + upStep + ", epoch 3").hasMessageContaining("Infinity");
    }

    @Test
    void extremeButValidArgumentsStayFiniteNonNegativeAndWithinTheBound() {
        double big = Double.MAX_VALUE;
        List<NoisySchedule> extremes = List.of(
                new NoisySchedule(IT, COS, NoiseType.NORMAL, 1.0, 1e-300, Long.MIN_VALUE, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, COS, NoiseType.NORMAL, 1.0, big, -1, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, COS, NoiseType.NORMAL, Double.MIN_VALUE, big, 3, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, COS, NoiseType.NORMAL, Double.MIN_VALUE, Double.MIN_VALUE, 3, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, COS, NoiseType.UNIFORM, 1.0, 1, Long.MAX_VALUE, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, new FixedSchedule(big / 2.5), NoiseType.NORMAL, 1.0, 1, 5, 0, NoisySchedule.NO_END),
                new NoisySchedule(IT, COS, NoiseType.NORMAL, 0.67, 1, 5, NoisySchedule.NO_END - 1, NoisySchedule.NO_END));
        for (NoisySchedule s : extremes) {
            assertFiniteNonNegativeEverywhere(s);
            for (long t = 0; t < 2000; t++) {
                assertThat(Math.abs(s.noise(t))).as("%s t=%s", s, t).isLessThanOrEqualTo(s.getNoisePct());
            }
        }
    }

    @Test
    void equalsToStringAndRoundTrips() {
        new EqualsTester()
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.5, 1, 1, 0, 9), noisy(NoiseType.NORMAL, 0.5, 1, 1, 0, 9))
                .addEqualityGroup(noisy(NoiseType.UNIFORM, 0.5, 1, 1, 0, 9))
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.6, 1, 1, 0, 9))
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.5, 2, 1, 0, 9))
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.5, 1, 2, 0, 9))
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.5, 1, 1, 1, 9))
                .addEqualityGroup(noisy(NoiseType.NORMAL, 0.5, 1, 1, 0, 8))
                .addEqualityGroup(new NoisySchedule(ScheduleType.EPOCH, COS, NoiseType.NORMAL, 0.5, 1, 1, 0, 9))
                .addEqualityGroup(new NoisySchedule(IT, new FixedSchedule(0.1), NoiseType.NORMAL, 0.5, 1, 1, 0, 9))
                .testEquals();
        assertThat(noisy(NoiseType.UNIFORM, 0.5, 1, 1, 0, 9).toString()).isEqualTo("NoisySchedule(scheduleType=ITERATION, "
                + "schedule=" + COS + ", noiseType=UNIFORM, noisePct=0.5, noiseStd=1.0, noiseSeed=1, noiseRangeStart=0, "
                + "noiseRangeEnd=9)");
        assertSurvivesDl4j(noisy(NoiseType.NORMAL, 0.67, 1, 42, 3, 1000));
        assertSurvivesDl4j(NoisySchedule.builder(ScheduleType.EPOCH, new FixedSchedule(0.1)).noiseType(NoiseType.UNIFORM)
                .noiseSeed(Long.MIN_VALUE).build());
        assertJsonFields(noisy(NoiseType.NORMAL, 0.67, 1, 42, 3, 1000), "scheduleType", "schedule", "noiseType",
                "noisePct", "noiseStd", "noiseSeed", "noiseRangeStart", "noiseRangeEnd");
    }
}
