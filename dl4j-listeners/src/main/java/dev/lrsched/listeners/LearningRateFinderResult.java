package dev.lrsched.listeners;

import dev.lrsched.schedules.support.Checks;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The curve recorded by a {@link LearningRateFinder} run and the learning rates read off it.
 * Immutable; every list has one entry per recorded step, in step order.
 *
 * <p>Suggestions are computed on a window that drops the first {@code skipStart} and the last
 * {@code skipEnd} points, as torch-lr-finder's {@code plot(skip_start=10, skip_end=5)} does (the start
 * is noisy, the end is where the loss explodes). For short runs the window is clamped:
 * <pre>
 *   skipStart = min(10, n / 4),  skipEnd = min(5, n / 8)     (integer division, n = number of points)
 * </pre>
 * so runs of 40 points or more use exactly torch-lr-finder's 10 and 5.
 * <ul>
 *   <li>{@link #suggestedLearningRate()}: the learning rate where the smoothed loss falls fastest,
 *       i.e. the argmin of {@code d smoothed / d log10(lr)} (numpy {@code np.gradient} with the
 *       log10 learning rates as coordinates: second-order central differences inside, one-sided at
 *       the ends), provided that gradient is negative. torch-lr-finder takes the gradient w.r.t. the
 *       index, which gives the same point for the exponential sweep.</li>
 *   <li>{@link #minLossLearningRate()}: the learning rate of the lowest smoothed loss in the window.</li>
 *   <li>{@link #minLossOverTen()}: that divided by 10, fastai's {@code lr_min} rule ("one order of
 *       magnitude before the minimum").</li>
 * </ul>
 */
public final class LearningRateFinderResult {

    /** Why the run ended. */
    public enum StopReason {
        /** All {@code numIterations} steps ran. */
        COMPLETED,
        /** The smoothed loss exceeded {@code divergenceThreshold} times the best smoothed loss (the step is recorded). */
        DIVERGED,
        /** The loss was NaN or infinite (the step is not recorded). */
        NON_FINITE_LOSS,
        /** The iterator ran out and does not support reset, or had no data at all. */
        DATA_EXHAUSTED
    }

    private static final int SKIP_START = 10;
    private static final int SKIP_END = 5;

    private final List<Double> learningRates;
    private final List<Double> losses;
    private final List<Double> smoothedLosses;
    private final StopReason stopReason;
    private final String reason;

    /**
     * @param learningRates  the learning rate of each step; not null, no nulls, strictly increasing
     * @param losses         the raw loss of each step (network score after the step); same size
     * @param smoothedLosses the smoothed loss of each step; same size
     * @param stopReason     why the run ended; not null
     * @param reason         a human-readable explanation; not null
     */
    public LearningRateFinderResult(List<Double> learningRates, List<Double> losses, List<Double> smoothedLosses,
                                    StopReason stopReason, String reason) {
        this.learningRates = List.copyOf(Checks.noNulls("learningRates", learningRates));
        this.losses = List.copyOf(Checks.noNulls("losses", losses));
        this.smoothedLosses = List.copyOf(Checks.noNulls("smoothedLosses", smoothedLosses));
        Checks.check(losses.size() == learningRates.size(),
                "losses must have the size of learningRates (" + learningRates.size() + "), got " + losses.size());
        Checks.check(smoothedLosses.size() == learningRates.size(),
                "smoothedLosses must have the size of learningRates (" + learningRates.size() + "), got "
                        + smoothedLosses.size());
        for (int i = 0; i < learningRates.size(); i++) {
            Checks.positive("learningRates[" + i + "]", learningRates.get(i));
            if (i > 0) {
                Checks.check(learningRates.get(i) > learningRates.get(i - 1),
                        "learningRates must be strictly increasing, got " + learningRates.get(i) + " after "
                                + learningRates.get(i - 1) + " at index " + i);
            }
            Checks.finite("losses[" + i + "]", losses.get(i));
            Checks.finite("smoothedLosses[" + i + "]", smoothedLosses.get(i));
        }
        this.stopReason = Checks.notNull("stopReason", stopReason);
        this.reason = Checks.notNull("reason", reason);
    }

    /** Learning rate of each recorded step (immutable). */
    public List<Double> learningRates() {
        return learningRates;
    }

    /** Raw loss of each recorded step (immutable). */
    public List<Double> losses() {
        return losses;
    }

    /** Smoothed loss of each recorded step (immutable); what the suggestions and the plot use. */
    public List<Double> smoothedLosses() {
        return smoothedLosses;
    }

    /** Number of recorded steps. */
    public int size() {
        return learningRates.size();
    }

    /** True unless all iterations ran. */
    public boolean stoppedEarly() {
        return stopReason != StopReason.COMPLETED;
    }

    public StopReason stopReason() {
        return stopReason;
    }

    /** A sentence saying why the run ended. */
    public String reason() {
        return reason;
    }

    /** The clamped {@code skipStart} for {@code n} points: {@code min(10, n / 4)}. */
    public static int defaultSkipStart(int n) {
        return Math.min(SKIP_START, n / 4);
    }

    /** The clamped {@code skipEnd} for {@code n} points: {@code min(5, n / 8)}. */
    public static int defaultSkipEnd(int n) {
        return Math.min(SKIP_END, n / 8);
    }

    /** Steepest-descent suggestion with the default (clamped 10 / 5) window; empty if none exists. */
    public OptionalDouble suggestedLearningRate() {
        return toLr(suggestedIndex());
    }

    /** Steepest-descent suggestion over the window {@code [skipStart, size - skipEnd)}. */
    public OptionalDouble suggestedLearningRate(int skipStart, int skipEnd) {
        return toLr(suggestedIndex(skipStart, skipEnd));
    }

    /** Index (into the full lists) of {@link #suggestedLearningRate()}. */
    public OptionalInt suggestedIndex() {
        return suggestedIndex(defaultSkipStart(size()), defaultSkipEnd(size()));
    }

    /**
     * Index (into the full lists) of the most negative {@code d smoothed / d log10(lr)} in the window
     * {@code [skipStart, size - skipEnd)}; empty if the window has fewer than 2 points or the loss
     * never decreases in it.
     */
    public OptionalInt suggestedIndex(int skipStart, int skipEnd) {
        Checks.nonNegative("skipStart", skipStart);
        Checks.nonNegative("skipEnd", skipEnd);
        int from = skipStart;
        int to = size() - skipEnd;
        int m = to - from;
        if (m < 2) {
            return OptionalInt.empty();
        }
        int best = -1;
        double bestGrad = 0;
        for (int k = 0; k < m; k++) {
            double g = gradient(from, m, k);
            if (g < bestGrad) {
                bestGrad = g;
                best = from + k;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** np.gradient(y, x) at position k of the window of m points starting at {@code from}, x = log10(lr). */
    private double gradient(int from, int m, int k) {
        if (k == 0) {
            return (y(from + 1) - y(from)) / (x(from + 1) - x(from));
        }
        if (k == m - 1) {
            int i = from + k;
            return (y(i) - y(i - 1)) / (x(i) - x(i - 1));
        }
        int i = from + k;
        double hd = x(i) - x(i - 1);
        double hs = x(i + 1) - x(i);
        return (hd * hd * y(i + 1) + (hs * hs - hd * hd) * y(i) - hs * hs * y(i - 1)) / (hd * hs * (hd + hs));
    }

    private double x(int i) {
        return Math.log10(learningRates.get(i));
    }

    private double y(int i) {
        return smoothedLosses.get(i);
    }

    /** Learning rate of the lowest smoothed loss in the default window (the whole run if that is empty). */
    public OptionalDouble minLossLearningRate() {
        return toLr(minLossIndex());
    }

    /** Index (into the full lists) of {@link #minLossLearningRate()}; the first one on ties. */
    public OptionalInt minLossIndex() {
        int n = size();
        if (n == 0) {
            return OptionalInt.empty();
        }
        int from = defaultSkipStart(n);
        int to = n - defaultSkipEnd(n);
        if (to - from < 1) {
            from = 0;
            to = n;
        }
        int best = from;
        for (int i = from + 1; i < to; i++) {
            if (smoothedLosses.get(i) < smoothedLosses.get(best)) {
                best = i;
            }
        }
        return OptionalInt.of(best);
    }

    /** fastai's {@code lr_min}: {@link #minLossLearningRate()} / 10. */
    public OptionalDouble minLossOverTen() {
        OptionalDouble min = minLossLearningRate();
        return min.isPresent() ? OptionalDouble.of(min.getAsDouble() / 10) : OptionalDouble.empty();
    }

    private OptionalDouble toLr(OptionalInt index) {
        return index.isPresent() ? OptionalDouble.of(learningRates.get(index.getAsInt())) : OptionalDouble.empty();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LearningRateFinderResult)) {
            return false;
        }
        LearningRateFinderResult that = (LearningRateFinderResult) o;
        return learningRates.equals(that.learningRates) && losses.equals(that.losses)
                && smoothedLosses.equals(that.smoothedLosses) && stopReason == that.stopReason
                && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRates, losses, smoothedLosses, stopReason, reason);
    }

    /** A one-line summary (not the full curve). */
    @Override
    public String toString() {
        return "LearningRateFinderResult(points=" + size()
                + (size() > 0 ? ", lrRange=[" + learningRates.get(0) + ", " + learningRates.get(size() - 1) + "]" : "")
                + ", stopReason=" + stopReason + ", reason=" + reason
                + ", suggestedLearningRate=" + format(suggestedLearningRate())
                + ", minLossLearningRate=" + format(minLossLearningRate())
                + ", minLossOverTen=" + format(minLossOverTen()) + ")";
    }

    private static String format(OptionalDouble d) {
        return d.isPresent() ? String.valueOf(d.getAsDouble()) : "none";
    }
}
