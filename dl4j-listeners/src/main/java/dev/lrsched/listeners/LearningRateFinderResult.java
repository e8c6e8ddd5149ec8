package dev.lrsched.listeners;

import dev.lrsched.schedules.OneCycleSchedule;
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
 *
 * <p>The rules ({@link SuggestionRule}) all read the smoothed loss in that window and never suggest more
 * than the learning rate of its lowest smoothed loss ({@link #minLossLearningRate()}):
 * <ul>
 *   <li>{@link #suggestedLearningRate()}: the rule {@link #DEFAULT_RULE}, chosen by measurement
 *       (docs/lr-finder.md has the table);</li>
 *   <li>{@link #suggestion(SuggestionRule)}: any rule, {@code MIN_LOSS_OVER_TEN} (fastai's
 *       {@code minimum}), {@code STEEPEST_DESCENT} (torch-lr-finder, Lightning) or {@code VALLEY}
 *       (fastai's default);</li>
 *   <li>{@link #minLossLearningRate()}: the learning rate of the lowest smoothed loss in the window,
 *       already too high to train at.</li>
 * </ul>
 *
 * <p>{@link #oneCycle(int, int)} turns the suggestion into a one-cycle schedule (fastai's
 * {@code fit_one_cycle} after {@code lr_find}):
 * {@code OneCycleSchedule lr = result.oneCycle(epochs, iterationsPerEpoch).build();
 * new Nesterovs(lr, lr.momentum())}.
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

    /**
     * The rule behind {@link #suggestedLearningRate()}: {@link SuggestionRule#STEEPEST_DESCENT} within the
     * descending region. Of the three rules it varied least across seeds and gave the best test accuracy
     * on average (fixed learning rate and one-cycle) in the measurement of docs/lr-finder.md (three tasks,
     * five seeds each), and it is strictly below the minimum-loss learning rate by construction.
     */
    public static final SuggestionRule DEFAULT_RULE = SuggestionRule.STEEPEST_DESCENT;

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

        /**
     * The default rule's suggestion ({@link #DEFAULT_RULE}, steepest descent before the minimum) with the
     * default (clamped 10 / 5) window; empty if there is none. Always below {@link #minLossLearningRate()}.
     */
    public OptionalDouble suggestedLearningRate() {
        return suggestion(DEFAULT_RULE);
    }

    /** {@code rule}'s suggestion with the default (clamped 10 / 5) window; empty if there is none. */
    public OptionalDouble suggestion(SuggestionRule rule) {
        return suggestion(rule, defaultSkipStart(size()), defaultSkipEnd(size()));
    }

    /**
     * {@code rule}'s suggestion on the window {@code [skipStart, size - skipEnd)}; empty if the window
     * is empty or the rule has no answer. Never above the learning rate of the lowest smoothed loss in
     * that window.
     */
    public OptionalDouble suggestion(SuggestionRule rule, int skipStart, int skipEnd) {
        Checks.notNull("rule", rule);
        OptionalInt min = minLossIndex(skipStart, skipEnd);
        if (min.isEmpty()) {
            return OptionalDouble.empty();
        }
        double lr = rule.suggest(learningRates, smoothedLosses, skipStart, size() - skipEnd, min.getAsInt());
        return Double.isNaN(lr) ? OptionalDouble.empty() : OptionalDouble.of(lr);
    }

    /** Learning rate of the lowest smoothed loss in the default window (the whole run if that is empty). */
    public OptionalDouble minLossLearningRate() {
        return toLr(minLossIndex());
    }

    /**
     * Index (into the full lists) of {@link #minLossLearningRate()}; the first one on ties. If the
     * default window is empty (fewer than 2 points), the whole run.
     */
    public OptionalInt minLossIndex() {
        int n = size();
        OptionalInt inWindow = minLossIndex(defaultSkipStart(n), defaultSkipEnd(n));
        return inWindow.isPresent() || n == 0 ? inWindow : minLossIndex(0, 0);
    }

    /** Index of the lowest smoothed loss in {@code [skipStart, size - skipEnd)}, the first on ties; empty if that is empty. */
    public OptionalInt minLossIndex(int skipStart, int skipEnd) {
        Checks.nonNegative("skipStart", skipStart);
        Checks.nonNegative("skipEnd", skipEnd);
        int to = size() - skipEnd;
        if (to - skipStart < 1) {
            return OptionalInt.empty();
        }
        int best = skipStart;
        for (int i = skipStart + 1; i < to; i++) {
            if (smoothedLosses.get(i) < smoothedLosses.get(best)) {
                best = i;
            }
        }
        return OptionalInt.of(best);
    }

    /** fastai's {@code lr_min}: {@link #minLossLearningRate()} / 10 ({@link SuggestionRule#MIN_LOSS_OVER_TEN}). */
    public OptionalDouble minLossOverTen() {
        OptionalDouble min = minLossLearningRate();
        return min.isPresent() ? OptionalDouble.of(min.getAsDouble() / 10) : OptionalDouble.empty();
    }

    /**
     * A {@link OneCycleSchedule} builder (torch {@code OneCycleLR} defaults) whose peak is
     * {@link #suggestedLearningRate()} and whose length is {@code epochs * iterationsPerEpoch}
     * iterations; {@code build()} it, optionally after changing {@code pctStart} etc., and pair it
     * with its momentum: {@code new Nesterovs(lr, lr.momentum())}.
     *
     * @throws IllegalArgumentException if {@code epochs} or {@code iterationsPerEpoch} is {@code < 1}
     *                                  or their product exceeds {@code Integer.MAX_VALUE}
     * @throws IllegalStateException    if there is no suggestion (the message says why the run ended)
     */
    public OneCycleSchedule.Builder oneCycle(int epochs, int iterationsPerEpoch) {
        return oneCycle(DEFAULT_RULE, epochs, iterationsPerEpoch);
    }

    /** As {@link #oneCycle(int, int)} with the peak from {@code rule}. */
    public OneCycleSchedule.Builder oneCycle(SuggestionRule rule, int epochs, int iterationsPerEpoch) {
        Checks.notNull("rule", rule);
        Checks.positive("epochs", epochs);
        Checks.positive("iterationsPerEpoch", iterationsPerEpoch);
        long total = (long) epochs * iterationsPerEpoch;
        Checks.check(total <= Integer.MAX_VALUE, "epochs * iterationsPerEpoch must be <= " + Integer.MAX_VALUE
                + ", got " + epochs + " * " + iterationsPerEpoch + " = " + total);
        OptionalDouble lr = suggestion(rule);
        if (lr.isEmpty()) {
            throw new IllegalStateException("the range test has no " + rule + " suggestion (" + size()
                    + " points, " + reason + "); look at the curve or run it with more iterations");
        }
        return OneCycleSchedule.builder(lr.getAsDouble(), (int) total);
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
                + ", suggestedLearningRate=" + format(suggestedLearningRate()) + " (" + DEFAULT_RULE + ")"
                + ", minLossOverTen=" + format(suggestion(SuggestionRule.MIN_LOSS_OVER_TEN))
                + ", valley=" + format(suggestion(SuggestionRule.VALLEY))
                + ", minLossLearningRate=" + format(minLossLearningRate()) + ")";
    }

    private static String format(OptionalDouble d) {
        return d.isPresent() ? String.valueOf(d.getAsDouble()) : "none";
    }
}
