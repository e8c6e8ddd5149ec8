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
 * Keras' polynomial decay from {@code initialValue} to {@code endValue} over {@code decaySteps}, held
 * after, or ({@code cycle = true}) restarted over ever longer multiples of {@code decaySteps}.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   D        = decaySteps                                   (cycle = false; t is clamped to D)
 *            = decaySteps * ceil(t / decaySteps), 1 at t = 0 (cycle = true)
 *   p        = min(t, D) / D
 *   value(t) = (initialValue - endValue) * (1 - p)^power + endValue
 * </pre>
 *
 * <p>Matches Keras 3 {@code PolynomialDecay(initial_learning_rate=initialValue, decay_steps=decaySteps,
 * end_learning_rate=endValue, power=power, cycle=cycle)} for every step (Keras computes in the dtype of
 * {@code initial_learning_rate}, float32 for a Python float; lrsched in double). With
 * {@code cycle = true} the value reaches {@code endValue} at every multiple {@code k * decaySteps}, jumps
 * at the next step to about {@code (initialValue - endValue) / (k + 1)^power + endValue} and decays again
 * to {@code endValue} at {@code (k + 1) * decaySteps}: each restart is lower than the one before. With
 * {@code cycle = false} it is {@link PolynomialSchedule}, except that {@code endValue} may exceed
 * {@code initialValue} (a polynomial rise, as Keras allows).
 *
 * <p>Usage: {@code new Adam(new PolynomialDecaySchedule(ScheduleType.ITERATION, 0.1, 10_000, 0.01, 0.5, true))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PolynomialDecaySchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("decaySteps")
    private final int decaySteps;
    @JsonProperty("endValue")
    private final double endValue;
    @JsonProperty("power")
    private final double power;
    @JsonProperty("cycle")
    private final boolean cycle;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH; Keras: ITERATION)
     * @param initialValue value at step 0 (Keras {@code initial_learning_rate}); finite, {@code >= 0}
     * @param decaySteps   Keras {@code decay_steps}; {@code > 0}
     * @param endValue     value at {@code decaySteps} (Keras {@code end_learning_rate}, default 1e-4);
     *                     finite, {@code >= 0}
     * @param power        Keras {@code power} (default 1); finite, {@code > 0}
     * @param cycle        Keras {@code cycle}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public PolynomialDecaySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                   @JsonProperty("initialValue") double initialValue,
                                   @JsonProperty("decaySteps") int decaySteps,
                                   @JsonProperty("endValue") double endValue,
                                   @JsonProperty("power") double power,
                                   @JsonProperty("cycle") boolean cycle) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.decaySteps = Checks.positive("decaySteps", decaySteps);
        this.endValue = Checks.nonNegative("endValue", endValue);
        this.power = Checks.positive("power", power);
        this.cycle = cycle;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        double p;
        if (cycle) {
            long multiplier = t == 0 ? 1 : (t + decaySteps - 1) / decaySteps; // ceil(t / D), exact in longs
            p = (double) t / (decaySteps * (double) multiplier); // D * multiplier < 2^33: exact
        } else {
            p = (double) Math.min(t, decaySteps) / decaySteps;
        }
        double value = (initialValue - endValue) * Math.pow(1.0 - p, power) + endValue;
        // (1 - p)^power is in [0, 1], so the value lies between endValue and initialValue; the sum of two
        // rounded terms can still pass the larger by one rounding, which near Double.MAX_VALUE is Infinity
        return Math.min(value, Math.max(initialValue, endValue));
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

    public int getDecaySteps() {
        return decaySteps;
    }

    public double getEndValue() {
        return endValue;
    }

    public double getPower() {
        return power;
    }

    public boolean isCycle() {
        return cycle;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PolynomialDecaySchedule)) {
            return false;
        }
        PolynomialDecaySchedule that = (PolynomialDecaySchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && decaySteps == that.decaySteps
                && Double.compare(endValue, that.endValue) == 0
                && Double.compare(power, that.power) == 0
                && cycle == that.cycle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, decaySteps, endValue, power, cycle);
    }

    @Override
    public String toString() {
        return "PolynomialDecaySchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", decaySteps=" + decaySteps + ", endValue=" + endValue + ", power=" + power + ", cycle=" + cycle
                + ")";
    }
}
