package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import dev.lrsched.listeners.LearningRateFinderResult.StopReason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LearningRateFinderResultTest {

    private static List<Double> sweep(Sweep sweep, double start, double end, int n) {
        List<Double> lrs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lrs.add(sweep.learningRate(start, end, i, n));
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

    // A typical range-test curve, 20 points, exponential sweep 1e-4 -> 1.
    private static final List<Double> CURVE = list(2.0, 1.99, 1.98, 1.96, 1.93, 1.88, 1.8, 1.65, 1.4, 1.1, 0.8, 0.6,
            0.5, 0.45, 0.44, 0.46, 0.6, 1.0, 2.0, 5.0);

    @Test
    void suggestionIsTheSteepestDescentInLog10LrLikeNumpyGradient() {
        // numpy 1.x (next to torch 1.13): x = log10(lrs), window = [5, 18) (skipStart = min(10, 20/4) = 5,
        // skipEnd = min(5, 20/8) = 2); 5 + np.gradient(y[5:18], x[5:18]).argmin() = 9. torch-lr-finder's
        // np.gradient(y[5:18]).argmin() (w.r.t. the index) gives the same 9 for an exponential sweep.
        LearningRateFinderResult r = result(sweep(Sweep.EXPONENTIAL, 1e-4, 1, 20), CURVE);
        assertThat(r.suggestedIndex()).hasValue(9);
        assertRelClose(1e-4 * Math.pow(1e4, 9.0 / 19), r.suggestedLearningRate().getAsDouble());
    }

    @Test
    void suggestionUsesNonUniformSpacingForALinearSweep() {
        // numpy: lr = torch-lr-finder LinearLR 0.01 -> 1 over 6 steps, y = [1, .9, .5, .45, .44, .43],
        // np.gradient(y, np.log10(lr)) = [-0.0759, -1.1421, -0.6950, -0.1681, -0.0942, -0.1044] -> argmin 1
        // (w.r.t. the index torch-lr-finder would pick 1 as well, but by the raw differences).
        LearningRateFinderResult r = result(sweep(Sweep.LINEAR, 0.01, 1, 6), list(1.0, 0.9, 0.5, 0.45, 0.44, 0.43));
        assertThat(r.suggestedIndex(0, 0)).hasValue(1);
        assertRelClose(0.208, r.suggestedLearningRate(0, 0).getAsDouble());
    }

    @Test
    void skipWindowIsTorchLrFindersTenAndFiveFromFortyPointsAndClampedBelow() {
        assertThat(LearningRateFinderResult.defaultSkipStart(100)).isEqualTo(10);
        assertThat(LearningRateFinderResult.defaultSkipEnd(100)).isEqualTo(5);
        assertThat(LearningRateFinderResult.defaultSkipStart(40)).isEqualTo(10);
        assertThat(LearningRateFinderResult.defaultSkipEnd(40)).isEqualTo(5);
        assertThat(LearningRateFinderResult.defaultSkipStart(20)).isEqualTo(5);
        assertThat(LearningRateFinderResult.defaultSkipEnd(20)).isEqualTo(2);
        assertThat(LearningRateFinderResult.defaultSkipStart(3)).isZero();
        assertThat(LearningRateFinderResult.defaultSkipEnd(3)).isZero();
    }

    @Test
    void steepDropInsideTheSkippedStartIsIgnored() {
        // 40 points: the big drop at index 2 is in the skipped first 10; the later, smaller drop at 25 wins.
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            y[i] = i == 0 ? 9 : i < 3 ? 10 - 4 * i : i < 25 ? 2 : i < 27 ? 2 - 0.5 * (i - 24) : 1;
        }
        LearningRateFinderResult r = result(sweep(Sweep.EXPONENTIAL, 1e-5, 1, 40), list(y));
        assertThat(r.suggestedIndex()).hasValue(25);
        assertThat(r.suggestedIndex(0, 0)).hasValue(1);
    }

    @Test
    void noSuggestionWhenTheLossNeverFallsOrTooFewPoints() {
        assertThat(result(sweep(Sweep.EXPONENTIAL, 1e-3, 1, 10), list(1, 1, 1, 1, 1, 2, 3, 4, 5, 6))
                .suggestedLearningRate()).isEmpty();
        LearningRateFinderResult one = result(list(0.1), list(1.0));
        assertThat(one.suggestedLearningRate()).isEmpty();
        assertThat(one.minLossLearningRate()).hasValue(0.1);
        LearningRateFinderResult two = result(list(0.1, 1.0), list(1.0, 0.5));
        assertThat(two.suggestedLearningRate()).hasValue(0.1);
        assertThat(two.suggestedLearningRate(1, 0)).isEmpty();
    }

    @Test
    void minLossAndMinLossOverTenUseTheSameWindow() {
        LearningRateFinderResult r = result(sweep(Sweep.EXPONENTIAL, 1e-4, 1, 20), CURVE);
        assertThat(r.minLossIndex()).hasValue(14);
        assertRelClose(1e-4 * Math.pow(1e4, 14.0 / 19), r.minLossLearningRate().getAsDouble());
        assertRelClose(1e-4 * Math.pow(1e4, 14.0 / 19) / 10, r.minLossOverTen().getAsDouble());
        // ties: first one
        assertThat(result(list(1, 2, 3), list(1, 1, 1)).minLossIndex()).hasValue(0);
    }

    @Test
    void emptyResultHasNoSuggestions() {
        LearningRateFinderResult r = new LearningRateFinderResult(List.of(), List.of(), List.of(),
                StopReason.DATA_EXHAUSTED, "the data iterator has no minibatches");
        assertThat(r.size()).isZero();
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.suggestedLearningRate()).isEmpty();
        assertThat(r.minLossLearningRate()).isEmpty();
        assertThat(r.minLossOverTen()).isEmpty();
        assertThat(r).hasToString("LearningRateFinderResult(points=0, stopReason=DATA_EXHAUSTED,"
                + " reason=the data iterator has no minibatches, suggestedLearningRate=none,"
                + " minLossLearningRate=none, minLossOverTen=none)");
    }

    @Test
    void toStringSummarises() {
        LearningRateFinderResult r = new LearningRateFinderResult(list(0.1, 1.0), list(2.0, 1.0), list(2.0, 1.0),
                StopReason.COMPLETED, "completed all 2 iterations");
        assertThat(r).hasToString("LearningRateFinderResult(points=2, lrRange=[0.1, 1.0], stopReason=COMPLETED,"
                + " reason=completed all 2 iterations, suggestedLearningRate=0.1, minLossLearningRate=1.0,"
                + " minLossOverTen=0.1)");
    }

    @Test
    void listsAreImmutableCopies() {
        List<Double> lrs = list(0.1, 1.0);
        LearningRateFinderResult r = result(lrs, list(2.0, 1.0));
        lrs.set(0, 5.0);
        assertThat(r.learningRates()).containsExactly(0.1, 1.0);
        assertThatThrownBy(() -> r.losses().add(1.0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.smoothedLosses().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.learningRates().set(0, 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsInconsistentInput() {
        assertRejected("learningRates must not be null",
                () -> new LearningRateFinderResult(null, list(), list(), StopReason.COMPLETED, "x"));
        assertRejected("losses[1] must not be null",
                () -> new LearningRateFinderResult(list(1, 2), Arrays.asList(1.0, null), list(1, 2), StopReason.COMPLETED, "x"));
        assertRejected("losses must have the size of learningRates (2), got 1",
                () -> new LearningRateFinderResult(list(1, 2), list(1), list(1, 2), StopReason.COMPLETED, "x"));
        assertRejected("smoothedLosses must have the size of learningRates (2), got 3",
                () -> new LearningRateFinderResult(list(1, 2), list(1, 2), list(1, 2, 3), StopReason.COMPLETED, "x"));
        assertRejected("learningRates[0] must be finite and > 0, got 0.0",
                () -> new LearningRateFinderResult(list(0, 2), list(1, 2), list(1, 2), StopReason.COMPLETED, "x"));
        assertRejected("learningRates must be strictly increasing, got 2.0 after 2.0 at index 1",
                () -> new LearningRateFinderResult(list(2, 2), list(1, 2), list(1, 2), StopReason.COMPLETED, "x"));
        assertRejected("losses[1] must be a finite number, got NaN",
                () -> new LearningRateFinderResult(list(1, 2), list(1, Double.NaN), list(1, 2), StopReason.COMPLETED, "x"));
        assertRejected("smoothedLosses[0] must be a finite number, got Infinity",
                () -> new LearningRateFinderResult(list(1, 2), list(1, 2), list(Double.POSITIVE_INFINITY, 2), StopReason.COMPLETED, "x"));
        assertRejected("stopReason must not be null",
                () -> new LearningRateFinderResult(list(1), list(1), list(1), null, "x"));
        assertRejected("reason must not be null",
                () -> new LearningRateFinderResult(list(1), list(1), list(1), StopReason.COMPLETED, null));
        LearningRateFinderResult r = result(list(1, 2), list(1, 2));
        assertRejected("skipStart must be >= 0, got -1", () -> r.suggestedLearningRate(-1, 0));
        assertRejected("skipEnd must be >= 0, got -2", () -> r.suggestedLearningRate(0, -2));
    }

    @Test
    void equalsCoversEveryField() {
        new EqualsTester()
                .addEqualityGroup(result(list(1, 2), list(3, 4)), result(list(1, 2), list(3, 4)))
                .addEqualityGroup(result(list(1, 3), list(3, 4)))
                .addEqualityGroup(new LearningRateFinderResult(list(1, 2), list(3, 5), list(3, 4), StopReason.COMPLETED, "completed"))
                .addEqualityGroup(new LearningRateFinderResult(list(1, 2), list(3, 4), list(3, 5), StopReason.COMPLETED, "completed"))
                .addEqualityGroup(new LearningRateFinderResult(list(1, 2), list(3, 4), list(3, 4), StopReason.DIVERGED, "completed"))
                .addEqualityGroup(new LearningRateFinderResult(list(1, 2), list(3, 4), list(3, 4), StopReason.COMPLETED, "other"))
                .testEquals();
    }
}
