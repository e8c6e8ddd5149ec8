package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A linear ramp of the multiplicative factor from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then constant.
 *
 * <pre>
 *   t     = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   value = initialValue * (startFactor + (endFactor - startFactor) * min(t, totalIters) / totalIters)
 * </pre>
 *
 * <p>Matches PyTorch {@code LinearLR(optimizer, start_factor=startFactor, end_factor=endFactor,
 * total_iters=totalIters)} with {@code lr=initialValue} (its closed form {@code _get_closed_form_lr};
 * torch's recursive {@code step()} agrees to rounding, about 1e-15 relative). torch's defaults are
 * {@code startFactor = 1/3, endFactor = 1, totalIters = 5}. Like torch the schedule holds
 * {@code initialValue * endFactor} from step {@code totalIters} on.
 *
 * <p>Deliberate difference: torch restricts {@code start_factor} to {@code (0, 1]} and {@code end_factor}
 * to {@code [0, 1]} because its recursive form divides by the previous factor. The closed form has no
 * such limit, so lrsched accepts any finite factors {@code >= 0}: a warm-up from 0
 * ({@code startFactor = 0}) or a ramp above the base value ({@code endFactor > 1}) work too.
 *
 * <p>Where torch's operation order is not finite or not {@code >= 0} (factors near 1e308 overflow
 * {@code (endFactor - startFactor) * t}; a ramp to 0 can round a hair below it at its end, e.g.
 * {@code startFactor 0.1, endFactor 0, totalIters 3}), the value is computed as
 * {@code initialValue * (startFactor * (1 - f) + endFactor * f)} with {@code f = min(t, totalIters) / totalIters},
 * whose terms are all non-negative and bounded by their factors: the value is finite and {@code >= 0} for every
 * accepted parameter set and counter, and equal to torch's wherever that is finite and {@code >= 0}.
 *
 * <p>Usage: {@code new Adam(new LinearSchedule(ScheduleType.ITERATION, 1e-3, 0.1, 1.0, 500))} (warm-up).
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class LinearSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("startFactor")
    private final double startFactor;
    @JsonProperty("endFactor")
    private final double endFactor;
    @JsonProperty("totalIters")
    private final int totalIters;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param initialValue the base value the factors multiply (torch: the optimizer's {@code lr});
     *                     finite, {@code >= 0}
     * @param startFactor  factor at step 0 ({@code start_factor}); finite, {@code >= 0}
     * @param endFactor    factor from step {@code totalIters} on ({@code end_factor}); finite, {@code >= 0}
     * @param totalIters   length of the ramp ({@code total_iters}); {@code > 0}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public LinearSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                          @JsonProperty("initialValue") double initialValue,
                          @JsonProperty("startFactor") double startFactor,
                          @JsonProperty("endFactor") double endFactor,
                          @JsonProperty("totalIters") int totalIters) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.startFactor = Checks.nonNegative("startFactor", startFactor);
        this.endFactor = Checks.nonNegative("endFactor", endFactor);
        this.totalIters = Checks.positive("totalIters", totalIters);
        Checks.finite("initialValue * max(startFactor, endFactor)", initialValue * Math.max(startFactor, endFactor));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Math.min(Counters.step(scheduleType, iteration, epoch), totalIters);
        // Same operation order as torch's _get_closed_form_lr.
        double value = initialValue * (startFactor + (endFactor - startFactor) * t / totalIters);
        if (value >= 0 && value < Double.POSITIVE_INFINITY) {
            return value;
        }
        // (endFactor - startFactor) * t overflows for factors near 1e308 (-Infinity, or 0 * Infinity = NaN), and
        // a ramp down to 0 can round just below it (startFactor 0.1, endFactor 0, totalIters 3 gives -1.4e-17 at
        // t = 3): the convex combination has only non-negative terms, each no larger than its factor
        return interpolated(t);
    }

    private double interpolated(long t) {
        double f = (double) t / totalIters; // in [0, 1]
        double factor = startFactor * (1.0 - f) + endFactor * f;
        // initialValue * max(startFactor, endFactor) is finite (checked): rounding past it is clamped back
        return Math.min(initialValue * factor, initialValue * Math.max(startFactor, endFactor));
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getInitialValue() {
        return initialValue;
    }

    public double getStartFactor() {
        return startFactor;
    }

    public double getEndFactor() {
        return endFactor;
    }

    public int getTotalIters() {
        return totalIters;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LinearSchedule)) {
            return false;
        }
        LinearSchedule that = (LinearSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && Double.compare(startFactor, that.startFactor) == 0
                && Double.compare(endFactor, that.endFactor) == 0
                && totalIters == that.totalIters;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, startFactor, endFactor, totalIters);
    }

    @Override
    public String toString() {
        return "LinearSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", startFactor=" + startFactor + ", endFactor=" + endFactor + ", totalIters=" + totalIters + ")";
    }
}
