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
 * Cosine annealing from {@code initialValue} down to {@code minValue} over {@code period} steps,
 * then constant at {@code minValue} ({@link AfterEnd#HOLD}, the default) or following the cosine back
 * up ({@link AfterEnd#EXTRAPOLATE}).
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch)
 *   value(t) = minValue + (initialValue - minValue) * (1 + cos(pi * t / period)) / 2   for t &lt;= period
 *   value(t) = minValue                                         for t &gt;  period, afterEnd = HOLD
 *   value(t) = the first line, for every t                      (afterEnd = EXTRAPOLATE)
 * </pre>
 *
 * <p>Matches PyTorch {@code CosineAnnealingLR(optimizer, T_max=period, eta_min=minValue)} (the closed
 * form in its documentation) for {@code t} in {@code [0, period]}, and with {@code EXTRAPOLATE} for
 * every {@code t}: torch keeps following the cosine back up after {@code T_max} (its recursive
 * implementation drifts from the closed form by rounding that accumulates: about 5e-15 relative over
 * four periods, 7e-12 after 20 000 steps, so torch's peaks slightly exceed {@code base_lr}; the closed
 * form accumulates nothing). With {@code HOLD} lrsched holds {@code minValue}, like Keras
 * {@code CosineDecay(initial_learning_rate=initialValue, decay_steps=period,
 * alpha=minValue/initialValue)}, which it matches for every {@code t}.
 *
 * <p>Usage: {@code new Adam(new CosineAnnealingSchedule(ScheduleType.ITERATION, 1e-3, 1e-5, 10_000))};
 * torch's behaviour after the end: {@code new CosineAnnealingSchedule(ITERATION, 1e-3, 1e-5, 10_000,
 * AfterEnd.EXTRAPOLATE)}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CosineAnnealingSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("minValue")
    private final double minValue;
    @JsonProperty("period")
    private final int period;
    @JsonProperty("afterEnd")
    private final AfterEnd afterEnd;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param initialValue value at step 0; finite, {@code >= 0}
     * @param minValue     value at step {@code period} and after ({@code eta_min}); finite, in
     *                     {@code [0, initialValue]}
     * @param period       number of steps of the half cosine ({@code T_max}); {@code > 0}
     * @param afterEnd     {@code HOLD} (hold {@code minValue} after {@code period}) or {@code EXTRAPOLATE}
     *                     (torch: follow the cosine); {@code null} means {@code HOLD}, so configurations
     *                     saved without the field load unchanged
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public CosineAnnealingSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                   @JsonProperty("initialValue") double initialValue,
                                   @JsonProperty("minValue") double minValue,
                                   @JsonProperty("period") int period,
                                   @JsonProperty("afterEnd") AfterEnd afterEnd) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.minValue = Checks.inClosedRange("minValue", minValue, 0.0, initialValue);
        this.period = Checks.positive("period", period);
        this.afterEnd = afterEnd == null ? AfterEnd.HOLD : afterEnd;
    }

    /** {@link AfterEnd#HOLD}: constant {@code minValue} after {@code period}. */
    public CosineAnnealingSchedule(ScheduleType scheduleType, double initialValue, double minValue, int period) {
        this(scheduleType, initialValue, minValue, period, AfterEnd.HOLD);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t >= period && afterEnd == AfterEnd.HOLD) {
            return minValue;
        }
        // EXTRAPOLATE continues here for every t: cos stays in [-1, 1], nothing accumulates
        // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
        double value = minValue + (initialValue - minValue) * ((1.0 + Math.cos(Math.PI * t / period)) / 2.0);
        // at most initialValue before rounding; the sum can round past it, near Double.MAX_VALUE to Infinity
        // (e.g. initialValue Double.MAX_VALUE, minValue 4.67e307 at t = 0): normal values stay torch's
        return value == Double.POSITIVE_INFINITY ? initialValue : value;
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

    public double getMinValue() {
        return minValue;
    }

    public int getPeriod() {
        return period;
    }

    public AfterEnd getAfterEnd() {
        return afterEnd;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CosineAnnealingSchedule)) {
            return false;
        }
        CosineAnnealingSchedule that = (CosineAnnealingSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && Double.compare(minValue, that.minValue) == 0
                && period == that.period
                && afterEnd == that.afterEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, minValue, period, afterEnd);
    }

    @Override
    public String toString() {
        return "CosineAnnealingSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", minValue=" + minValue + ", period=" + period + ", afterEnd=" + afterEnd + ")";
    }
}
