package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.LearningRateFinderResult.StopReason;
import dev.lrsched.schedules.OneCycleSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The named suggestion rules on constructed curves whose answers come from the original algorithms
 * (tools/reference/lr_finder_rules.py: fastai's valley and minimum, torch-lr-finder's np.gradient), and
 * the guarantee that no rule suggests more than the minimum-loss learning rate.
 */
class SuggestionRuleTest {

    private static List<Double> exp(double start, double end, int n) {
        List<Double> lrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lrs.add(Sweep.EXPONENTIAL.learningRate(start, end, i, n));
        }
        return lrs;
    }

    private static List<Double> list(double... values) {
        List<Double> l = new ArrayList<>();
        for (double v : values) {
            l.add(v);
        }
        return l;
    }

    private static LearningRateFinderResult result(List<Double> lrs, List<Double> smoothed) {
        return new LearningRateFinderResult(lrs, smoothed, smoothed, StopReason.COMPLETED, "completed");
    }

    private static double at(LearningRateFinderResult r, SuggestionRule rule) {
        return r.suggestion(rule, 0, 0).getAsDouble();
    }

    /** lr_finder_rules.py "clean": 20 points 1e-4 -> 1; min at 14, steepest 9 (both ways), valley 6. */
    @Test
    void cleanCurveGivesTheOriginalAlgorithmsAnswers() {
        List<Double> lrs = exp(1e-4, 1, 20);
        LearningRateFinderResult r = result(lrs, list(2.0, 1.99, 1.98, 1.96, 1.93, 1.88, 1.8, 1.65, 1.4, 1.1, 0.8, 0.6,
                0.5, 0.45, 0.44, 0.46, 0.6, 1.0, 2.0, 5.0));
        assertRelClose(0.008858667904100824, at(r, SuggestionRule.MIN_LOSS_OVER_TEN));
        assertThat(at(r, SuggestionRule.STEEPEST_DESCENT)).isEqualTo(lrs.get(9));
        assertThat(at(r, SuggestionRule.VALLEY)).isEqualTo(lrs.get(6));
    }

    /**
     * lr_finder_rules.py "noisy tail": 24 points 1e-5 -> 10, minimum 1.65 at 8, then a jagged tail.
     * torch-lr-finder's steepest point is 23 (the last drop, at lr 10) and fastai's valley is 16 (the
     * longest decreasing run, 2.9 ... 1.66, lies in the tail); lrsched's are 5 and 8, at or below the minimum.
     */
    @Test
    void noisyTailCannotPullAnySuggestionPastTheMinimum() {
        List<Double> lrs = exp(1e-5, 10, 24);
        LearningRateFinderResult r = result(lrs, list(2.3, 2.3, 2.29, 2.27, 2.2, 2.0, 1.8, 1.7, 1.65, 1.9, 2.6, 1.7,
                2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3, 2.2, 2.1, 2.05, 3.5, 1.66));
        assertThat(r.minLossIndex(0, 0)).hasValue(8);
        assertThat(at(r, SuggestionRule.STEEPEST_DESCENT)).isEqualTo(lrs.get(5));
        assertThat(at(r, SuggestionRule.VALLEY)).isEqualTo(lrs.get(8));
        assertRelClose(lrs.get(8) / 10, at(r, SuggestionRule.MIN_LOSS_OVER_TEN));
    }

    /**
     * A bump just before the minimum makes the central difference at the minimum itself the steepest:
     * numpy: np.gradient([2.0, 1.9, 1.8, 1.05, 1.5, 0.1, 0.12], log10(lr)) = [-0.2, -0.2, -0.85, -0.3,
     * -0.95, -1.38, 0.04], argmin 5 = the minimum, which torch-lr-finder would suggest; lrsched searches
     * [0, 5) and suggests 4.
     */
    @Test
    void steepestDescentIsStrictlyBelowTheMinimum() {
        List<Double> lrs = exp(1e-3, 1, 7); // half a decade apart
        LearningRateFinderResult r = result(lrs, list(2.0, 1.9, 1.8, 1.05, 1.5, 0.1, 0.12));
        assertThat(r.minLossIndex(0, 0)).hasValue(5);
        assertThat(at(r, SuggestionRule.STEEPEST_DESCENT)).isEqualTo(lrs.get(4));
    }

    /** lr_finder_rules.py "two-point valley": fastai indexes -1 (its last point, lr 1); lrsched clamps to the first. */
    @Test
    void valleyOfTwoPointsAtTheWindowStartIsTheFirstPointNotFastaisLast() {
        List<Double> lrs = exp(1e-3, 1, 5);
        LearningRateFinderResult r = result(lrs, list(2.0, 1.0, 3.0, 4.0, 5.0));
        assertThat(at(r, SuggestionRule.VALLEY)).isEqualTo(1e-3);
    }

    @Test
    void rulesUseTheDefaultWindowOfTheResult() {
        // 40 points: window [10, 35). A deep minimum at 37 (inside the skipped end) is ignored.
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i < 20 ? 3 - 0.1 * i : i == 37 ? 0.1 : 1.0 + 0.01 * i;
        }
        List<Double> lrs = exp(1e-6, 1, 40);
        LearningRateFinderResult r = result(lrs, list(y));
        assertThat(r.minLossIndex()).hasValue(19);
        assertThat(r.suggestion(SuggestionRule.MIN_LOSS_OVER_TEN)).hasValue(lrs.get(19) / 10);
        assertThat(r.suggestion(SuggestionRule.STEEPEST_DESCENT).getAsDouble()).isLessThanOrEqualTo(lrs.get(19));
        assertThat(r.suggestion(SuggestionRule.VALLEY).getAsDouble()).isBetween(lrs.get(10), lrs.get(19));
        assertThat(r.suggestedLearningRate()).isEqualTo(r.suggestion(LearningRateFinderResult.DEFAULT_RULE));
    }

    /** fastai's valley, verbatim O(n^2) (fastai/callback/schedule.py), index into the window; the oracle for the O(n log n) one. */
    private static int fastaiValley(List<Double> losses) {
        int n = losses.size();
        int maxStart = 0;
        int maxEnd = 0;
        int[] lds = new int[n];
        java.util.Arrays.fill(lds, 1);
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (losses.get(i) < losses.get(j) && lds[i] < lds[j] + 1) {
                    lds[i] = lds[j] + 1;
                }
                if (lds[maxEnd] < lds[i]) {
                    maxEnd = i;
                    maxStart = maxEnd - lds[maxEnd];
                }
            }
        }
        double sections = (maxEnd - maxStart) / 3.0;
        return maxStart + (int) sections + (int) (sections / 2);
    }

    /** Random range-test-like curves: a descent to a random minimum, then a rising, noisy tail; with ties. */
    private static List<Double> randomCurve(Random rnd, int n) {
        List<Double> y = new ArrayList<>();
        int minAt = 1 + rnd.nextInt(n - 1);
        double v = 2 + rnd.nextDouble();
        for (int i = 0; i < n; i++) {
            v += i < minAt ? -rnd.nextDouble() * 0.1 : rnd.nextDouble() * 0.2 - 0.05;
            double noisy = v + (rnd.nextInt(4) == 0 ? rnd.nextGaussian() * 0.3 : 0);
            y.add(rnd.nextInt(10) == 0 && i > 0 ? y.get(i - 1) : Math.round(Math.abs(noisy) * 100) / 100.0);
        }
        return y;
    }

    @Test
    void valleyEqualsFastaisQuadraticLoopWhereTheClampIsInactive() {
        Random rnd = new Random(11);
        int compared = 0;
        for (int c = 0; c < 1000; c++) {
            int n = 2 + rnd.nextInt(60);
            List<Double> y = randomCurve(rnd, n);
            List<Double> lrs = exp(1e-6, 10, n);
            LearningRateFinderResult r = result(lrs, y);
            int min = r.minLossIndex(0, 0).getAsInt();
            int expected = Math.min(Math.max(fastaiValley(y), 0), min);
            assertThat(at(r, SuggestionRule.VALLEY)).as("curve %s", y).isEqualTo(lrs.get(expected));
            compared++;
        }
        assertThat(compared).isEqualTo(1000);
    }

    @Test
    void noRuleEverSuggestsMoreThanTheMinimumLossLearningRate() {
        Random rnd = new Random(5);
        for (int c = 0; c < 1000; c++) {
            int n = 1 + rnd.nextInt(120);
            List<Double> y = randomCurve(rnd, Math.max(2, n));
            List<Double> lrs = exp(1e-7, 10, y.size());
            LearningRateFinderResult r = result(lrs, y);
            double minLr = r.minLossLearningRate().getAsDouble();
            for (SuggestionRule rule : SuggestionRule.values()) {
                OptionalDouble s = r.suggestion(rule);
                if (s.isPresent()) {
                    assertThat(s.getAsDouble()).as("%s on %s", rule, y).isLessThanOrEqualTo(minLr);
                }
            }
            assertThat(r.suggestion(SuggestionRule.MIN_LOSS_OVER_TEN).getAsDouble()).isLessThan(minLr);
            OptionalDouble steepest = r.suggestion(SuggestionRule.STEEPEST_DESCENT);
            if (steepest.isPresent()) {
                assertThat(steepest.getAsDouble()).as("steepest descent on %s", y).isLessThan(minLr);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // finder -> one-cycle

    @Test
    void oneCycleTakesItsPeakFromTheRuleAndItsLengthFromEpochsTimesIterations() {
        List<Double> lrs = exp(1e-4, 1, 20);
        LearningRateFinderResult r = result(lrs, list(2.0, 1.99, 1.98, 1.96, 1.93, 1.88, 1.8, 1.65, 1.4, 1.1, 0.8, 0.6,
                0.5, 0.45, 0.44, 0.46, 0.6, 1.0, 2.0, 5.0));
        OneCycleSchedule lr = r.oneCycle(10, 157).build();
        assertThat(lr).isEqualTo(OneCycleSchedule.builder(r.suggestedLearningRate().getAsDouble(), 1570).build());
        assertThat(lr.getMaxValue()).isLessThan(r.minLossLearningRate().getAsDouble());
        OneCycleSchedule steep = r.oneCycle(SuggestionRule.STEEPEST_DESCENT, 2, 5).pctStart(0.25).build();
        assertThat(steep.getMaxValue()).isEqualTo(r.suggestion(SuggestionRule.STEEPEST_DESCENT).getAsDouble());
        assertThat(steep.getTotalSteps()).isEqualTo(10);
        assertThat(steep.getPctStart()).isEqualTo(0.25);
        assertThat(steep.momentum()).isEqualTo(steep.momentum(0.85, 0.95));
    }

    @Test
    void oneCycleRefusesBadPlansAndMissingSuggestions() {
        LearningRateFinderResult r = result(list(0.1, 1.0), list(1.0, 0.5));
        assertRejected("epochs must be > 0, got 0", () -> r.oneCycle(0, 10));
        assertRejected("iterationsPerEpoch must be > 0, got -1", () -> r.oneCycle(3, -1));
        assertRejected("epochs * iterationsPerEpoch must be <= 2147483647, got 65536 * 65536 = 4294967296",
                () -> r.oneCycle(65536, 65536));
        assertRejected("rule must not be null", () -> r.oneCycle(null, 1, 10));
        LearningRateFinderResult flat = result(exp(1e-3, 1, 10), list(1, 1, 1, 1, 1, 2, 3, 4, 5, 6));
        assertThatThrownBy(() -> flat.oneCycle(SuggestionRule.STEEPEST_DESCENT, 3, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the range test has no STEEPEST_DESCENT suggestion (10 points, completed); look at the"
                        + " curve or run it with more iterations");
    }
}
