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
 * Polynomial decay from {@code initialValue} to {@code endValue} over {@code totalSteps} steps,
 * then constant at {@code endValue}.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   value(t) = (initialValue - endValue) * (1 - min(t, totalSteps) / totalSteps)^power + endValue
 * </pre>
 *
 * <p>Matches, for every {@code t}:
 * <ul>
 *   <li>PyTorch {@code PolynomialLR(optimizer, total_iters=totalSteps, power=power)} with
 *       {@code endValue = 0} (its closed form {@code base_lr * (1 - min(total_iters, t) / total_iters)^power};
 *       torch also holds 0 after {@code total_iters});</li>
 *   <li>Hugging Face {@code get_polynomial_decay_schedule_with_warmup(num_warmup_steps=W,
 *       num_training_steps=T, lr_end=endValue, power=power)} after its warmup, with
 *       {@code totalSteps = T - W}: wrap this schedule in a {@link WarmupSchedule} with
 *       {@code warmupSteps = W}, {@code warmupStartValue = 0}, {@link WarmupShape#LINEAR} for the whole
 *       HF schedule. HF rejects {@code lr_end >= lr}; here {@code endValue = initialValue} is allowed
 *       (a constant);</li>
 *   <li>HF {@code get_linear_schedule_with_warmup} after warmup: {@code endValue = 0, power = 1}.</li>
 * </ul>
 *
 * <p>Use this instead of ND4J's {@code PolySchedule}, which computes
 * {@code initialValue * (1 + t / maxIter)^power}: it grows (to {@code 2^power * initialValue}) instead of
 * decaying, then drops to 0 at {@code maxIter}.
 *
 * <p>Usage: {@code new Adam(new PolynomialSchedule(ScheduleType.ITERATION, 1e-3, 1e-7, 1.0, 10_000))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PolynomialSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("endValue")
    private final double endValue;
    @JsonProperty("power")
    private final double power;
    @JsonProperty("totalSteps")
    private final int totalSteps;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param initialValue value at step 0 (torch/HF: the optimizer's {@code lr}); finite, {@code >= 0}
     * @param endValue     value at step {@code totalSteps} and after (HF {@code lr_end}; torch: 0);
     *                     finite, in {@code [0, initialValue]}
     * @param power        exponent of the decay (torch/HF {@code power}, default 1 = linear); finite,
     *                     {@code > 0}
     * @param totalSteps   number of decay steps (torch {@code total_iters}; HF
     *                     {@code num_training_steps - num_warmup_steps}); {@code > 0}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public PolynomialSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                              @JsonProperty("initialValue") double initialValue,
                              @JsonProperty("endValue") double endValue,
                              @JsonProperty("power") double power,
                              @JsonProperty("totalSteps") int totalSteps) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.endValue = Checks.inClosedRange("endValue", endValue, 0.0, initialValue);
        this.power = Checks.positive("power", power);
        this.totalSteps = Checks.positive("totalSteps", totalSteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t >= totalSteps) {
            return endValue;
        }
        double value = (initialValue - endValue) * Math.pow(1.0 - (double) t / totalSteps, power) + endValue;
        // the true value is at most initialValue; the sum of two rounded terms can pass it by one rounding,
        // which near Double.MAX_VALUE is Infinity (normal values are left exactly as torch/HF compute them)
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

    public double getEndValue() {
        return endValue;
    }

    public double getPower() {
        return power;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PolynomialSchedule)) {
            return false;
        }
        PolynomialSchedule that = (PolynomialSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && Double.compare(endValue, that.endValue) == 0
                && Double.compare(power, that.power) == 0
                && totalSteps == that.totalSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, endValue, power, totalSteps);
    }

    @Override
    public String toString() {
        return "PolynomialSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", endValue=" + endValue + ", power=" + power + ", totalSteps=" + totalSteps + ")";
    }
}
