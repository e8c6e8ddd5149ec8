package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Linear warmup from 0, then an inverse square-root decay: the Hugging Face {@code inverse_sqrt} schedule
 * (originally big_vision's {@code rsqrt} with a time scale).
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W        = warmupSteps, S = timescale
 *   value(t) = initialValue * t / max(1, W)                              for t &lt; W
 *   value(t) = initialValue * (1 / sqrt((t + S - W) / S))                  for t &gt;= W
 * </pre>
 *
 * <p>Matches Hugging Face {@code get_inverse_sqrt_schedule(optimizer(lr=initialValue),
 * num_warmup_steps=W, timescale=S)} for every step, in HF's operation order. The value is
 * {@code initialValue} at {@code t = W} and decays like {@code 1 / sqrt(t)} forever (it never reaches
 * 0); {@code t + S - W >= S} after the warmup, so the square root's argument is at least 1. HF's default
 * {@code timescale} is {@code W}, or 10 000 when {@code W = 0}: {@link #of(ScheduleType, double, int)}.
 * Note that HF's {@code get_scheduler("inverse_sqrt", ...)} passes only {@code num_warmup_steps}, so
 * through it the time scale is always the default.
 *
 * <p>Usage: {@code new Adam(InverseSqrtSchedule.of(ScheduleType.ITERATION, 1e-3, 4_000))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class InverseSqrtSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("timescale")
    private final int timescale;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param initialValue value at the end of the warmup (HF: the optimizer's {@code lr}); finite, {@code >= 0}
     * @param warmupSteps  length of the linear warmup from 0 (HF {@code num_warmup_steps}); {@code >= 0}
     * @param timescale    the decay's time scale (HF {@code timescale}); {@code > 0}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public InverseSqrtSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                               @JsonProperty("initialValue") double initialValue,
                               @JsonProperty("warmupSteps") int warmupSteps,
                               @JsonProperty("timescale") int timescale) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.warmupSteps = Checks.nonNegative("warmupSteps", warmupSteps);
        this.timescale = Checks.positive("timescale", timescale);
    }

    /** HF's default time scale: {@code warmupSteps}, or 10 000 when {@code warmupSteps = 0}. */
    public static InverseSqrtSchedule of(ScheduleType scheduleType, double initialValue, int warmupSteps) {
        return new InverseSqrtSchedule(scheduleType, initialValue, warmupSteps, warmupSteps > 0 ? warmupSteps : 10_000);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t < warmupSteps) {
            return initialValue * ((double) t / Math.max(1, warmupSteps));
        }
        long shifted = t + timescale - warmupSteps; // >= timescale >= 1, < 2^33: exact in a double
        return initialValue * (1.0 / Math.sqrt((double) shifted / timescale));
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

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public int getTimescale() {
        return timescale;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InverseSqrtSchedule)) {
            return false;
        }
        InverseSqrtSchedule that = (InverseSqrtSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && warmupSteps == that.warmupSteps
                && timescale == that.timescale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, warmupSteps, timescale);
    }

    @Override
    public String toString() {
        return "InverseSqrtSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", warmupSteps=" + warmupSteps + ", timescale=" + timescale + ")";
    }
}
