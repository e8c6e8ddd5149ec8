package dev.lrsched.listeners;

import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import dev.lrsched.listeners.plateau.LearningRateTarget;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driving half of a {@link LearningRateFinder} run, whatever the engine: the sweep installed on the copy's
 * learning-rate groups ({@link #installSweep}), then one minibatch per step ({@link #loop}): reset the data when it
 * runs out (or stop), train, read the loss, record it with its learning rate, stop on a non-finite loss or when
 * {@link DivergenceStop} says so. The finder keeps the settings and the public entry points; the curve and the
 * suggestions are {@link LearningRateFinderResult}'s.
 */
final class RangeTest {

    /** The finder's logger: the one-line summary of every run is logged as {@code LearningRateFinder}'s. */
    private static final Logger log = LoggerFactory.getLogger(LearningRateFinder.class);

    private RangeTest() {
    }

    /** The iterator operations the loop needs, for DataSet and MultiDataSet iterators alike. */
    record Batches<B>(BooleanSupplier hasNext, Supplier<B> next, BooleanSupplier resetSupported, Runnable reset) {
    }

    static <B> Batches<B> batches(BooleanSupplier hasNext, Supplier<B> next, BooleanSupplier resetSupported,
                                  Runnable reset) {
        return new Batches<>(hasNext, next, resetSupported, reset);
    }

    /**
     * The finder's sweep on every group of {@code copy} that has a learning rate, and on its separate bias updater
     * (DL4J's own {@code setLearningRate(ISchedule)} skips those), starting at the copy's iteration counter.
     */
    static void installSweep(LearningRateFinder finder, LearningRateTarget copy) {
        Checks.check(copy.getGroups().stream().anyMatch(g -> g.learningRate().isPresent()),
                "net must have at least one layer whose updater has a learning rate (AdaDelta and NoOp have none),"
                        + " got 0 such layers");
        SweepSchedule schedule = new SweepSchedule(finder.getSweep(), finder.getStartValue(), finder.getEndValue(),
                finder.getNumIterations(), Counters.unsigned(copy.getIterationCount()));
        LearningRate sweepRate = new LearningRate.Scheduled(schedule);
        for (LearningRateGroup g : copy.getGroups()) {
            g.set(g.learningRate().isPresent() ? sweepRate : null, g.biasLearningRate().isPresent() ? sweepRate : null);
        }
    }

    /** Up to {@code numIterations} steps of {@code fit} on {@code data}, {@code score} read after each. */
    static <B> LearningRateFinderResult loop(LearningRateFinder finder, Batches<B> data, Consumer<B> fit,
                                             DoubleSupplier score) {
        int numIterations = finder.getNumIterations();
        List<Double> lrs = new ArrayList<>(numIterations);
        List<Double> losses = new ArrayList<>(numIterations);
        List<Double> smoothed = new ArrayList<>(numIterations);
        LearningRateFinderResult.StopReason stop = LearningRateFinderResult.StopReason.COMPLETED;
        String reason = "completed all " + numIterations + " iterations";
        DivergenceStop divergence = new DivergenceStop(finder.getSmoothing(), finder.getDivergenceThreshold(),
                finder.getStartLossThreshold(), numIterations);
        for (int step = 0; step < numIterations; step++) {
            if (!data.hasNext().getAsBoolean() && data.resetSupported().getAsBoolean()) {
                data.reset().run();
            }
            if (!data.hasNext().getAsBoolean()) {
                stop = LearningRateFinderResult.StopReason.DATA_EXHAUSTED;
                reason = step == 0 ? "the data iterator has no minibatches"
                        : "the data iterator ran out after " + step + " minibatches and does not support reset";
                break;
            }
            B batch = data.next().get();
            fit.accept(batch);
            double loss = score.getAsDouble();
            double lr = finder.learningRateAt(step);
            if (!Double.isFinite(loss)) {
                stop = LearningRateFinderResult.StopReason.NON_FINITE_LOSS;
                reason = "loss was " + loss + " at iteration " + step + " (lr=" + lr + "); that step is not recorded";
                break;
            }
            lrs.add(lr);
            losses.add(loss);
            smoothed.add(divergence.add(loss));
            String diverged = divergence.divergence(step, lr);
            if (diverged != null) {
                stop = LearningRateFinderResult.StopReason.DIVERGED;
                reason = diverged;
                break;
            }
        }
        LearningRateFinderResult result = new LearningRateFinderResult(lrs, losses, smoothed, stop, reason);
        log.info("LR range test: {}", result);
        return result;
    }
}
