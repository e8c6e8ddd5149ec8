package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
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
 * constant at {@code minValue}: the standard transformer schedule, in one closed form.
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W = warmupSteps, T = totalSteps
 *   value(t) = warmupStartValue + (peakValue - warmupStartValue) * t / W                for t &lt; W
 *   value(t) = minValue + (peakValue - minValue) * (1 + cos(pi * (t - W) / (T - W))) / 2   for W &lt;= t &lt;= T
 *   value(t) = minValue                                                                for t &gt; T
 * </pre>
 *
 * <p>Matches:
 * <ul>
 *   <li>Hugging Face {@code get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=W,
 *       num_training_steps=T)} with {@code lr = peakValue}, {@code warmupStartValue = 0},
 *       {@code minValue = 0}, for {@code t <= T}. With its default {@code num_cycles=0.5} HF keeps
 *       following the cosine after {@code T} and rises again; lrsched holds {@code minValue}.</li>
 *   <li>HF {@code get_cosine_with_min_lr_schedule_with_warmup(..., min_lr=minValue)} with
 *       {@code warmupStartValue = 0}, for {@code t <= T} (after {@code T} HF rises again too).</li>
 *   <li>Keras {@code CosineDecay(initial_learning_rate=warmupStartValue, warmup_target=peakValue,
 *       warmup_steps=W, decay_steps=T - W, alpha=minValue / peakValue)} for every {@code t} (Keras
 *       clamps the step at {@code T} as well).</li>
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
public final class WarmupCosineSchedule implements ReadsUnsignedCounters {

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
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public WarmupCosineSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                @JsonProperty("warmupStartValue") double warmupStartValue,
                                @JsonProperty("peakValue") double peakValue,
                                @JsonProperty("minValue") double minValue,
                                @JsonProperty("warmupSteps") int warmupSteps,
                                @JsonProperty("totalSteps") int totalSteps) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.peakValue = Checks.nonNegative("peakValue", peakValue);
        this.warmupStartValue = Checks.inClosedRange("warmupStartValue", warmupStartValue, 0.0, peakValue);
        this.minValue = Checks.inClosedRange("minValue", minValue, 0.0, peakValue);
        this.warmupSteps = Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.check(totalSteps > warmupSteps,
                "totalSteps must be > warmupSteps (" + warmupSteps + "), got " + totalSteps);
        this.totalSteps = totalSteps;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t < warmupSteps) {
            return warmupStartValue + (peakValue - warmupStartValue) * ((double) t / warmupSteps);
        }
        if (t >= totalSteps) {
            return minValue; // also what the cosine gives at t == totalSteps: cos(pi) = -1
        }
        // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
        return minValue + (peakValue - minValue)
                * ((1.0 + Math.cos(Math.PI * (t - warmupSteps) / (totalSteps - warmupSteps))) / 2.0);
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
                && totalSteps == that.totalSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, warmupStartValue, peakValue, minValue, warmupSteps, totalSteps);
    }

    @Override
    public String toString() {
        return "WarmupCosineSchedule(scheduleType=" + scheduleType + ", warmupStartValue=" + warmupStartValue
                + ", peakValue=" + peakValue + ", minValue=" + minValue + ", warmupSteps=" + warmupSteps
                + ", totalSteps=" + totalSteps + ")";
    }
}
