package dev.lrsched.listeners;

import java.util.List;

/**
 * How a {@link LearningRateFinderResult} turns the recorded curve into one learning rate, by the
 * names users of fastai, torch-lr-finder and PyTorch Lightning know.
 *
 * <p>Every rule reads the <em>smoothed</em> loss on the same window of recorded points
 * {@code [from, to)}, where {@code from = skipStart} and {@code to = size - skipEnd}, and
 * {@code min} is the index of the lowest smoothed loss in that window (the first one on ties). Every
 * rule returns a learning rate {@code <= lr(min)}, {@code MIN_LOSS_OVER_TEN} and {@code STEEPEST_DESCENT}
 * one strictly below it: a suggestion never lies in the part of the curve where the loss already rises
 * again, however noisy that part is.
 *
 * <pre>
 *   MIN_LOSS_OVER_TEN:  lr(min) / 10
 *   STEEPEST_DESCENT:   g = np.gradient(smoothed[from:to], log10(lr[from:to]))
 *                       argmin of g over [from, min), provided that g is negative there
 *   VALLEY:             d(i) = length of the longest strictly decreasing subsequence of smoothed[from..i]
 *                       ending at i;  end = the first i with the largest d(i);  start = end - d(end)
 *                       s = (end - start) / 3;  k = start + floor(s) + floor(s / 2)
 *                       index min(max(k, from), min)
 * </pre>
 */
public enum SuggestionRule {

    /**
     * fastai's {@code SuggestionMethod.Minimum} ({@code lr_min}): one order of magnitude below the
     * learning rate of the lowest smoothed loss. Always strictly below it; needs one point.
     */
    MIN_LOSS_OVER_TEN {
        @Override
        double suggest(List<Double> lrs, List<Double> smoothed, int from, int to, int min) {
            return lrs.get(min) / 10;
        }
    },

    /**
     * The steepest descent of the smoothed loss against {@code log10(lr)}, as torch-lr-finder's
     * {@code suggest_lr} and Lightning's {@code suggestion()} compute it (numpy {@code np.gradient}:
     * second-order central differences inside the window, one-sided at its ends; torch-lr-finder and
     * Lightning differentiate w.r.t. the step index, the same point for an exponential sweep), but
     * searched only within the descending region before the minimum, {@code [from, min)}:
     * torch-lr-finder and Lightning search the whole window, and in a noisy, already diverging tail the
     * steepest drop can lie far above the minimum. Strictly below {@code lr(min)}. None if the window has
     * fewer than 2 points or the loss never falls before its minimum. The default rule
     * ({@link LearningRateFinderResult#DEFAULT_RULE}): the most stable and, on average, the best of the
     * three in the measurements of docs/lr-finder.md; also the most aggressive (1 to 5 times the best
     * fixed learning rate there).
     */
    STEEPEST_DESCENT {
        @Override
        double suggest(List<Double> lrs, List<Double> smoothed, int from, int to, int min) {
            int m = to - from;
            if (m < 2) {
                return Double.NaN;
            }
            int best = -1;
            double bestGrad = 0;
            for (int i = from; i < min; i++) {
                double g = gradient(lrs, smoothed, from, to, i);
                if (g < bestGrad) {
                    bestGrad = g;
                    best = i;
                }
            }
            return best < 0 ? Double.NaN : lrs.get(best);
        }
    },

    /**
     * fastai's {@code SuggestionMethod.Valley}, the default of its {@code lr_find}: find the longest run
     * of ever smaller losses (the longest strictly decreasing subsequence) and take the point about two
     * thirds of the way down it, exactly as fastai's {@code valley()} indexes it. Differences: the index
     * is clamped to {@code >= from} (fastai's arithmetic gives -1, i.e. the <em>last</em> point, when the
     * longest valley has 2 points starting at the window's first) and to {@code <= min} (the longest
     * valley can end in a noisy tail past the minimum). Needs one point.
     */
    VALLEY {
        @Override
        double suggest(List<Double> lrs, List<Double> smoothed, int from, int to, int min) {
            int n = to - from;
            // tails[k] = the largest last value of a strictly decreasing subsequence of length k + 1
            // (patience sorting on the negated values); d = the length of the longest one ending at i
            double[] tails = new double[n];
            int lengths = 0;
            int end = 0;
            int endLength = 1;
            for (int i = 0; i < n; i++) {
                double v = smoothed.get(from + i);
                int lo = 0;
                int hi = lengths;
                while (lo < hi) { // first k with tails[k] <= v: v cannot extend a subsequence ending there
                    int mid = (lo + hi) >>> 1;
                    if (tails[mid] > v) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                tails[lo] = v;
                if (lo == lengths) {
                    lengths++;
                }
                int d = lo + 1;
                if (d > endLength) {
                    endLength = d;
                    end = i;
                }
            }
            int start = end - endLength;
            double sections = (end - start) / 3.0;
            int k = start + (int) sections + (int) (sections / 2);
            return lrs.get(Math.min(Math.max(from + k, from), min));
        }
    };

    /**
     * The rule's learning rate, NaN if it has none.
     *
     * @param from first index of the window; {@code to > from}
     * @param to   one past the last index of the window
     * @param min  the index of the lowest smoothed loss in {@code [from, to)} (first on ties)
     */
    abstract double suggest(List<Double> lrs, List<Double> smoothed, int from, int to, int min);

    /** np.gradient(y, x) at index i of the window [from, to) of at least 2 points, x = log10(lr). */
    static double gradient(List<Double> lrs, List<Double> smoothed, int from, int to, int i) {
        if (i == from) {
            return (smoothed.get(i + 1) - smoothed.get(i)) / (x(lrs, i + 1) - x(lrs, i));
        }
        if (i == to - 1) {
            return (smoothed.get(i) - smoothed.get(i - 1)) / (x(lrs, i) - x(lrs, i - 1));
        }
        double hd = x(lrs, i) - x(lrs, i - 1);
        double hs = x(lrs, i + 1) - x(lrs, i);
        return (hd * hd * smoothed.get(i + 1) + (hs * hs - hd * hd) * smoothed.get(i) - hs * hs * smoothed.get(i - 1))
                / (hd * hs * (hd + hs));
    }

    private static double x(List<Double> lrs, int i) {
        return Math.log10(lrs.get(i));
    }
}
