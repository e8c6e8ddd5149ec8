package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.support.Checks;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The learning-rate setting of one updater: a {@link Fixed} value or a {@link Scheduled} {@link ISchedule}, as
 * DL4J's {@code IUpdater.setLrAndSchedule(lr, schedule)} takes it. A reduction keeps the kind:
 * <pre>
 *   Fixed(lr)           -&gt; Fixed(newLr)
 *   Scheduled(s)        -&gt; Scheduled(new ScaledSchedule(s, newLr / lr))   (lr = s at the current counters;
 *                          an existing ScaledSchedule gets its factor multiplied, never nested)
 * </pre>
 * so a warmup + cosine schedule keeps running, scaled. {@code newLr} is {@link PlateauPolicy#reduce(double)}.
 */
public sealed interface LearningRate permits LearningRate.Fixed, LearningRate.Scheduled {

    /**
     * The setting of {@code updater}, or empty if it has none (null, AdaDelta, NoOp). Every ND4J updater with a
     * learning rate exposes {@code getLearningRateSchedule()}; one without that method counts as fixed.
     */
    static Optional<LearningRate> of(IUpdater updater) {
        if (updater == null || !updater.hasLearningRate()) {
            return Optional.empty();
        }
        try {
            Method m = updater.getClass().getMethod("getLearningRateSchedule");
            Object s = m.invoke(updater);
            if (s instanceof ISchedule) {
                return Optional.of(new Scheduled((ISchedule) s));
            }
        } catch (NoSuchMethodException e) {
            // a fixed learning rate only
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the learning rate schedule of " + updater, e);
        }
        return Optional.of(new Fixed(updater.getLearningRate(0, 0)));
    }

    /** The learning rate at DL4J's counters, as {@code IUpdater.getLearningRate(iteration, epoch)} computes it. */
    double valueAt(int iteration, int epoch);

    /**
     * This setting changed so that its value now goes from {@code lrNow} to {@code newLr}: a fixed rate becomes
     * {@code newLr}; a schedule is scaled by {@code newLr / lrNow}, exactly {@code factor} when
     * {@code newLr == lrNow * factor} (the division would round).
     */
    LearningRate rescaled(double lrNow, double newLr, double factor);

    /** Hands the value to {@code fixed} or the schedule to {@code scheduled}, e.g. DL4J's two {@code setLearningRate}s. */
    void applyTo(DoubleConsumer fixed, Consumer<ISchedule> scheduled);

    /** Installs this setting in {@code updater} in place ({@code setLrAndSchedule}); DL4J's updater is not rebuilt. */
    default void applyTo(IUpdater updater) {
        applyTo(lr -> updater.setLrAndSchedule(lr, null), s -> updater.setLrAndSchedule(Double.NaN, s));
    }

    /** A fixed learning rate. @param value finite, {@code >= 0} */
    record Fixed(double value) implements LearningRate {
        public Fixed {
            Checks.nonNegative("learningRate", value);
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return value;
        }

        @Override
        public LearningRate rescaled(double lrNow, double newLr, double factor) {
            return new Fixed(newLr);
        }

        @Override
        public void applyTo(DoubleConsumer fixed, Consumer<ISchedule> scheduled) {
            fixed.accept(value);
        }
    }

    /** A learning-rate schedule. @param schedule not null */
    record Scheduled(ISchedule schedule) implements LearningRate {
        public Scheduled {
            Checks.notNull("schedule", schedule);
        }

        @Override
        public double valueAt(int iteration, int epoch) {
            return schedule.valueAt(iteration, epoch);
        }

        @Override
        public LearningRate rescaled(double lrNow, double newLr, double factor) {
            double multiplier = newLr == lrNow * factor ? factor : newLr / lrNow;
            return new Scheduled(new ScaledSchedule(schedule, multiplier));
        }

        @Override
        public void applyTo(DoubleConsumer fixed, Consumer<ISchedule> scheduled) {
            scheduled.accept(schedule);
        }
    }
}
