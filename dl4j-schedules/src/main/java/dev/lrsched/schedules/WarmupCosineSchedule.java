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
 * Linear warmup from {@code warmupStartValue} to {@code peakValue} over {@code warmupSteps} steps,
 * then a half cosine from {@code peakValue} down to {@code minValue} at {@code totalSteps}, then
 * constant at {@code minValue} ({@link AfterEnd#HOLD}, the default) or following the cosine back up
 * ({@link AfterEnd#EXTRAPOLATE}, Hugging Face): the standard transformer schedule, in one closed form.
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W = warmupSteps, T = totalSteps
 *   value(t) = warmupStartValue + (peakValue - warmupStartValue) * t / W                for t &lt; W
 *   value(t) = minValue + (peakValue - minValue) * (1 + cos(pi * (t - W) / (T - W))) / 2   for W &lt;= t &lt;= T
 *   value(t) = minValue                                              for t &gt; T, afterEnd = HOLD
 *   value(t) = the cosine line, for every t &gt;= W                     (afterEnd = EXTRAPOLATE)
 * </pre>
 *
 * <p>Matches:
 * <ul>
 *   <li>Hugging Face {@code get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=W,
 *       num_training_steps=T)} with {@code lr = peakValue}, {@code warmupStartValue = 0},
 *       {@code minValue = 0}, for {@code t <= T}, and with {@code EXTRAPOLATE} for every {@code t}: with
 *       its default {@code num_cycles=0.5} HF keeps following the cosine after {@code T} and rises again
 *       (its {@code max(0, .)} never binds there: {@code 0.5 * (1 + cos)} is never negative).</li>
 *   <li>HF {@code get_cosine_with_min_lr_schedule_with_warmup(..., min_lr=minValue)} with
 *       {@code warmupStartValue = 0}, for {@code t <= T}, with {@code EXTRAPOLATE} for every {@code t}.</li>
 *   <li>Keras {@code CosineDecay(initial_learning_rate=warmupStartValue, warmup_target=peakValue,
 *       warmup_steps=W, decay_steps=T - W, alpha=minValue / peakValue)} for every {@code t} (Keras
 *       clamps the step at {@code T}: {@code HOLD}).</li>
 * </ul>
 *
 * <p>{@code warmupStartValue} must not exceed {@code peakValue}: a warmup that goes down is a
 * configuration mistake (for a plain decay use {@link CosineAnnealingSchedule}). HF always starts at
 * 0, which makes the very first update a no-op; a small non-zero {@code warmupStartValue} avoids
 * that. {@code warmupSteps = 0} means no warmup (value {@code peakValue} at step 0).
 *
 * <p>Usage: {@code new Adam(new WarmupCosineSchedule(ScheduleType.ITERATION, 1e-6, 3e-4, 3e-5, 500, 10_000))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class WarmupCosineSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("warmupStartValue")
    private final double warmupStartValue;
    @JsonProperty("peakValue")
    private final double peakValue;
    @JsonProperty("minValue")
    private final double minValue;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("totalSteps")
    private final int totalSteps;
    @JsonProperty("afterEnd")
    private final AfterEnd afterEnd;

    /**
     * @param scheduleType     which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param warmupStartValue value at step 0 (Keras {@code initial_learning_rate}; HF: 0); finite, in
     *                         {@code [0, peakValue]}
     * @param peakValue        value at step {@code warmupSteps} (HF: the optimizer's {@code lr}; Keras
     *                         {@code warmup_target}); finite, {@code >= 0}
     * @param minValue         value at step {@code totalSteps} and after (HF {@code min_lr}; Keras
     *                         {@code alpha * warmup_target}); finite, in {@code [0, peakValue]}
     * @param warmupSteps      length of the linear warmup (HF {@code num_warmup_steps}, Keras
     *                         {@code warmup_steps}); {@code >= 0}
     * @param totalSteps       step at which the cosine reaches {@code minValue}, counted from 0 and
     *                         including the warmup (HF {@code num_training_steps}; Keras
     *                         {@code warmup_steps + decay_steps}); {@code > warmupSteps}
     * @param afterEnd         {@code HOLD} (hold {@code minValue} after {@code totalSteps}, Keras) or
     *                         {@code EXTRAPOLATE} (follow the cosine, HF); {@code null} means {@code HOLD},
     *                         so configurations saved without the field load unchanged
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public WarmupCosineSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                @JsonProperty("warmupStartValue") double warmupStartValue,
                                @JsonProperty("peakValue") double peakValue,
                                @JsonProperty("minValue") double minValue,
                                @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("totalSteps") int totalSteps,
                                @JsonProperty("afterEnd") AfterEnd afterEnd) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.peakValue = Checks.nonNegative("peakValue", peakValue);
        this.warmupStartValue = Checks.inClosedRange("warmupStartValue", warmupStartValue, 0.0, peakValue);
        this.minValue = Checks.inClosedRange("minValue", minValue, 0.0, peakValue);
        this.warmupSteps = Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.check(totalSteps > warmupSteps,
                "totalSteps must be > warmupSteps (" + warmupSteps + "), got " + totalSteps);
        this.totalSteps = totalSteps;
        this.afterEnd = afterEnd == null ? AfterEnd.HOLD : afterEnd;
    }

    /** {@link AfterEnd#HOLD}: constant {@code minValue} after {@code totalSteps}. */
    public WarmupCosineSchedule(ScheduleType scheduleType, double warmupStartValue, double peakValue, double minValue,
                                int warmupSteps, int totalSteps) {
        this(scheduleType, warmupStartValue, peakValue, minValue, warmupSteps, totalSteps, AfterEnd.HOLD);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t < warmupSteps) {
            double value = warmupStartValue + (peakValue - warmupStartValue) * ((double) t / warmupSteps);
            return value == Double.POSITIVE_INFINITY ? peakValue : value; // see below
        }
        if (t >= totalSteps && afterEnd == AfterEnd.HOLD) {
            return minValue; // also what the cosine gives at t == totalSteps: cos(pi) = -1
        }
        // EXTRAPOLATE continues here for every t: cos stays in [-1, 1]; t - W < 2^32, no overflow
        // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
        double value = minValue + (peakValue - minValue)
                * ((1.0 + Math.cos(Math.PI * (t - warmupSteps) / (totalSteps - warmupSteps))) / 2.0);
        // at most peakValue before rounding; the sum of two rounded terms can pass it by one rounding, near
        // Double.MAX_VALUE to Infinity (peakValue Double.MAX_VALUE, minValue 4.67e307): normal values stay HF's
        return value == Double.POSITIVE_INFINITY ? peakValue : value;
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getWarmupStartValue() {
        return warmupStartValue;
    }

    public double getPeakValue() {
        return peakValue;
    }

    public double getMinValue() {
        return minValue;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public AfterEnd getAfterEnd() {
        return afterEnd;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WarmupCosineSchedule)) {
            return false;
        }
        WarmupCosineSchedule that = (WarmupCosineSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(warmupStartValue, that.warmupStartValue) == 0
                && Double.compare(peakValue, that.peakValue) == 0
                && Double.compare(minValue, that.minValue) == 0
                && warmupSteps == that.warmupSteps
                && totalSteps == that.totalSteps
                && afterEnd == that.afterEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, warmupStartValue, peakValue, minValue, warmupSteps, totalSteps, afterEnd);
    }

    @Override
    public String toString() {
        return "WarmupCosineSchedule(scheduleType=" + scheduleType + ", warmupStartValue=" + warmupStartValue
                + ", peakValue=" + peakValue + ", minValue=" + minValue + ", warmupSteps=" + warmupSteps
                + ", totalSteps=" + totalSteps + ", afterEnd=" + afterEnd + ")";
    }
}
