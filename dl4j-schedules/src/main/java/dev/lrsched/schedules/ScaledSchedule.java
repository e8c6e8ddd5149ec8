package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A wrapped schedule multiplied by a constant factor.
 *
 * <pre>
 *   value(iteration, epoch) = factor * schedule.valueAt(iteration, epoch)
 * </pre>
 *
 * <p>This is what {@code ReduceLROnPlateauListener} installs on a layer whose updater already has a
 * schedule: the schedule keeps running (warmup, cosine, ...) and every plateau reduction multiplies
 * {@code factor}. There is no direct PyTorch equivalent: torch's {@code ReduceLROnPlateau} cannot be
 * combined with another scheduler (pytorch#68978), Keras' crashes on a schedule.
 *
 * <p>{@link #scaledBy(double)} folds nested scaling: {@code s.scaledBy(a).scaledBy(b)} is one
 * {@code ScaledSchedule(s, a * b)}, not two wrappers, so repeated reductions never build a chain.
 *
 * <p>If {@code factor * value} overflows to Infinity although the wrapped value is finite (a factor
 * above 1 on an enormous value), {@link #valueAt} throws {@link IllegalStateException} naming both
 * counters instead of handing Infinity to the updater. NaN or negative values of a foreign wrapped
 * schedule are passed through unchanged (they are that schedule's bug), as in {@link WarmupSchedule}.
 *
 * <p>Usage: {@code new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0, 1000), 0.5)}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ScaledSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("schedule")
    private final ISchedule schedule;
    @JsonProperty("factor")
    private final double factor;

    /**
     * @param schedule the schedule to scale; not null. A {@code ScaledSchedule} is unwrapped, its
     *                 factor multiplied into this one, so wrappers never nest.
     * @param factor   the multiplier; finite and {@code >= 0}
     */
    @JsonCreator
    public ScaledSchedule(@JsonProperty("schedule") ISchedule schedule,
                          @JsonProperty("factor") double factor) {
        Checks.notNull("schedule", schedule);
        Checks.nonNegative("factor", factor);
        if (schedule instanceof ScaledSchedule) {
            ScaledSchedule inner = (ScaledSchedule) schedule;
            this.schedule = inner.schedule;
            // The product can overflow even though both factors are finite: validate it too.
            this.factor = Checks.nonNegative("factor", inner.factor * factor);
        } else {
            this.schedule = schedule;
            this.factor = factor;
        }
        ScheduleNesting.checkDepth("ScaledSchedule", this.schedule);
    }

    /** {@code new ScaledSchedule(schedule, factor)}. */
    public static ScaledSchedule of(ISchedule schedule, double factor) {
        return new ScaledSchedule(schedule, factor);
    }

    /** This schedule with its factor multiplied by {@code multiplier} (same wrapped schedule). */
    public ScaledSchedule scaledBy(double multiplier) {
        return new ScaledSchedule(schedule, factor * Checks.nonNegative("multiplier", multiplier));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double inner = schedule.valueAt(iteration, epoch);
        double value = factor * inner;
        if (value == Double.POSITIVE_INFINITY && inner != Double.POSITIVE_INFINITY) {
            // The scaling itself overflowed: never hand Infinity to an updater.
            throw new IllegalStateException("ScaledSchedule: factor " + factor + " times " + inner + " (the value of "
                    + schedule + " at iteration " + Integer.toUnsignedLong(iteration) + ", epoch "
                    + Integer.toUnsignedLong(epoch) + ") overflows to Infinity; a schedule value must be finite");
        }
        return value;
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    public double getFactor() {
        return factor;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ScaledSchedule)) {
            return false;
        }
        ScaledSchedule that = (ScaledSchedule) o;
        return Double.compare(factor, that.factor) == 0 && schedule.equals(that.schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schedule, factor);
    }

    @Override
    public String toString() {
        return "ScaledSchedule(schedule=" + schedule + ", factor=" + factor + ")";
    }
}
