package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.ScheduleNesting;
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
 * A warmup phase in front of any other schedule: over the first {@code warmupSteps} steps the value
 * rises from {@code warmupStartValue} to the wrapped schedule's first value, then the wrapped schedule
 * runs, seeing a counter that starts again at 0 ({@code warmupPrefix = true}, the default) or the
 * unshifted counter ({@code warmupPrefix = false}: the warmup replaces the wrapped schedule's first
 * {@code warmupSteps} steps, timm's default).
 *
 * <pre>
 *   t      = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W      = warmupSteps, start = warmupStartValue
 *   target = schedule evaluated at local step 0
 *   f      = t / W
 *   t &lt; W:   LINEAR       start + (target - start) * f
 *            COSINE       start + (target - start) * (1 - cos(pi * f)) / 2
 *            EXPONENTIAL  start * (target / start)^f
 *   t &gt;= W:  schedule evaluated at local step t - W        (warmupPrefix = true)
 *            schedule evaluated at step t                (warmupPrefix = false)
 * </pre>
 * "Evaluated at local step s" replaces the counter that {@code scheduleType} selects by {@code s}
 * and passes the other counter through unchanged, so the wrapped schedule should read the same
 * counter (same {@code ScheduleType}) as this one.
 *
 * <p>With {@code shape = LINEAR} and {@code warmupStartValue = 0} this matches Hugging Face
 * {@code get_constant_schedule_with_warmup(num_warmup_steps=W)} around a constant schedule,
 * {@code get_linear_schedule_with_warmup(num_warmup_steps=W, num_training_steps=T)} around
 * {@code new PolynomialSchedule(type, lr, 0, 1, T - W)}, and
 * {@code get_polynomial_decay_schedule_with_warmup(W, T, lr_end, power)} around
 * {@code new PolynomialSchedule(type, lr, lr_end, power, T - W)}, for every step. With a non-zero
 * start, {@code LINEAR} is the warmup phase of Keras {@code CosineDecay(initial_learning_rate=start,
 * warmup_target=target, warmup_steps=W)}.
 *
 * <p>{@code warmupPrefix} is timm's {@code warmup_prefix}: timm {@code CosineLRScheduler(t_initial=T,
 * warmup_t=W, warmup_lr_init=start, warmup_prefix=p)} warms up linearly from {@code start} to its base
 * value (the cosine's value at step 0) and then, with {@code warmup_prefix=True}, runs the cosine from its
 * own step 0; with {@code False} (timm's default) the cosine continues at step {@code W} of its own
 * {@code T} steps, so the value drops from the warmup's end to the cosine's value at {@code W}. This
 * class with {@code shape = LINEAR} around a {@link CosineWarmRestartsSchedule} matches both for every
 * step.
 *
 * <p>Choosing the start: Hugging Face warms up from 0, so the very first update has learning rate 0
 * and is wasted (the optimizer still advances its moment estimates on it). A small non-zero
 * {@code warmupStartValue} (for example {@code target / warmupSteps} or {@code target / 100}) avoids
 * that; {@code EXPONENTIAL} requires it.
 *
 * <p>The warmup itself never produces NaN, infinity or a negative value (with EXPONENTIAL, a target
 * of 0 gives 0 for {@code f > 0}). If the wrapped schedule returns NaN, an infinity or a negative
 * number, that is passed through, not hidden: it is the wrapped schedule's bug (a negative target
 * is interpolated linearly under EXPONENTIAL, where a fractional power would make it NaN).
 *
 * <p>Usage: {@code new Adam(WarmupSchedule.linear(ScheduleType.ITERATION, 500, 1e-6,
 * new CosineAnnealingSchedule(ScheduleType.ITERATION, 1e-3, 1e-5, 9_500)))}.
 *
 * <p>Immutable and thread-safe if the wrapped schedule is; {@link #valueAt} is a closed form and
 * allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class WarmupSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("warmupStartValue")
    private final double warmupStartValue;
    @JsonProperty("shape")
    private final WarmupShape shape;
    @JsonProperty("schedule")
    private final ISchedule schedule;
    @JsonProperty("warmupPrefix")
    private final boolean warmupPrefix;

    /**
     * @param scheduleType     which DL4J counter drives the warmup and is shifted for the wrapped
     *                         schedule (ITERATION or EPOCH)
     * @param warmupSteps      length of the warmup in steps (HF {@code num_warmup_steps}, Keras
     *                         {@code warmup_steps}); {@code >= 1}
     * @param warmupStartValue value at step 0 (HF: always 0; Keras {@code initial_learning_rate});
     *                         finite, {@code >= 0}; {@code > 0} for {@code EXPONENTIAL}
     * @param shape            the warmup curve; not null
     * @param schedule         the schedule that follows the warmup; not null
     * @param warmupPrefix     {@code true}: the wrapped schedule starts at its own step 0 after the warmup
     *                         (timm {@code warmup_prefix=True}); {@code false}: it continues at step
     *                         {@code warmupSteps} (timm's default {@code False}); {@code null} means
     *                         {@code true}, so configurations saved without the field load unchanged
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public WarmupSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                          @JsonProperty("warmupSteps") int warmupSteps,
                          @JsonProperty("warmupStartValue") double warmupStartValue,
                          @JsonProperty("shape") WarmupShape shape,
                          @JsonProperty("schedule") ISchedule schedule,
                          @JsonProperty("warmupPrefix") Boolean warmupPrefix) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.warmupSteps = Checks.positive("warmupSteps", warmupSteps);
        this.warmupStartValue = Checks.nonNegative("warmupStartValue", warmupStartValue);
        this.shape = Checks.notNull("shape", shape);
        this.schedule = Checks.notNull("schedule", schedule);
        ScheduleNesting.checkDepth("WarmupSchedule", schedule);
        Checks.check(shape != WarmupShape.EXPONENTIAL || warmupStartValue > 0,
                "warmupStartValue must be > 0 for shape EXPONENTIAL, got " + warmupStartValue);
        this.warmupPrefix = warmupPrefix == null || warmupPrefix;
    }

    /** A warmup prefix ({@code warmupPrefix = true}): the wrapped schedule starts at its own step 0 after it. */
    public WarmupSchedule(ScheduleType scheduleType, int warmupSteps, double warmupStartValue, WarmupShape shape,
                          ISchedule schedule) {
        this(scheduleType, warmupSteps, warmupStartValue, shape, schedule, Boolean.TRUE);
    }

    /** A {@link WarmupShape#LINEAR} warmup: {@code new WarmupSchedule(type, warmupSteps, start, LINEAR, schedule)}. */
    public static WarmupSchedule linear(ScheduleType scheduleType, int warmupSteps, double warmupStartValue,
                                        ISchedule schedule) {
        return new WarmupSchedule(scheduleType, warmupSteps, warmupStartValue, WarmupShape.LINEAR, schedule);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t >= warmupSteps) {
            return Counters.valueAtStep(schedule, scheduleType, iteration, epoch, warmupPrefix ? t - warmupSteps : t);
        }
        if (t == 0) {
            return warmupStartValue; // every shape; also keeps an infinite target from making 0 * inf
        }
        double target = Counters.valueAtStep(schedule, scheduleType, iteration, epoch, 0);
        double value = warmup(target, (double) t / warmupSteps);
        if (value == Double.POSITIVE_INFINITY && target < Double.POSITIVE_INFINITY) {
            // every shape lies between warmupStartValue and target before rounding; the last rounding can pass the
            // larger near Double.MAX_VALUE (COSINE from 5.91e307 to Double.MAX_VALUE over 2^31-1 steps, t = 2^31-2)
            return Math.max(warmupStartValue, target);
        }
        return value;
    }

    private double warmup(double target, double f) {
        if (shape == WarmupShape.COSINE) {
            // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
            return warmupStartValue + (target - warmupStartValue) * ((1.0 - Math.cos(Math.PI * f)) / 2.0);
        }
        if (shape == WarmupShape.EXPONENTIAL && !(target < 0)) {
            double ratio = target / warmupStartValue;
            if (ratio == Double.POSITIVE_INFINITY && target != Double.POSITIVE_INFINITY) {
                // target / start overflows (e.g. start = Double.MIN_VALUE): interpolate in log space instead
                return Math.exp(Math.log(warmupStartValue) + (Math.log(target) - Math.log(warmupStartValue)) * f);
            }
            return warmupStartValue * Math.pow(ratio, f); // target 0 -> 0, NaN -> NaN
        }
        return warmupStartValue + (target - warmupStartValue) * f;
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public double getWarmupStartValue() {
        return warmupStartValue;
    }

    public WarmupShape getShape() {
        return shape;
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    /** Whether the wrapped schedule starts at its own step 0 after the warmup (timm {@code warmup_prefix}). */
    public boolean isWarmupPrefix() {
        return warmupPrefix;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WarmupSchedule)) {
            return false;
        }
        WarmupSchedule that = (WarmupSchedule) o;
        return scheduleType == that.scheduleType
                && warmupSteps == that.warmupSteps
                && Double.compare(warmupStartValue, that.warmupStartValue) == 0
                && shape == that.shape
                && schedule.equals(that.schedule)
                && warmupPrefix == that.warmupPrefix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, warmupSteps, warmupStartValue, shape, schedule, warmupPrefix);
    }

    @Override
    public String toString() {
        return "WarmupSchedule(scheduleType=" + scheduleType + ", warmupSteps=" + warmupSteps
                + ", warmupStartValue=" + warmupStartValue + ", shape=" + shape + ", schedule=" + schedule
                + ", warmupPrefix=" + warmupPrefix + ")";
    }
}
