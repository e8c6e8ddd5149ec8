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
 * Inverse time decay, continuous or in a staircase.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   p        = t / decaySteps                (staircase: floor(t / decaySteps))
 *   value(t) = initialValue / (1 + decayRate * p)
 * </pre>
 *
 * <p>Matches Keras 3 {@code InverseTimeDecay(initial_learning_rate=initialValue, decay_steps=decaySteps,
 * decay_rate=decayRate, staircase=staircase)} for every step (Keras computes in the dtype of
 * {@code initial_learning_rate}, float32 for a Python float; lrsched in double). Without staircase it is
 * ND4J's {@code InverseSchedule(initialValue, gamma = decayRate / decaySteps, power = 1)}, but read
 * unsigned past 2<sup>31</sup> steps. If {@code decayRate * p} overflows (a huge {@code decayRate}), the
 * quotient is taken in two steps, {@code initialValue / decayRate / p}, instead of dividing by Infinity.
 *
 * <p>Usage: {@code new Sgd(new InverseTimeDecaySchedule(ScheduleType.EPOCH, 0.1, 1, 0.5, false))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class InverseTimeDecaySchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("decaySteps")
    private final int decaySteps;
    @JsonProperty("decayRate")
    private final double decayRate;
    @JsonProperty("staircase")
    private final boolean staircase;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH; Keras: ITERATION)
     * @param initialValue value at step 0 (Keras {@code initial_learning_rate}); finite, {@code >= 0}
     * @param decaySteps   Keras {@code decay_steps}; {@code > 0}
     * @param decayRate    Keras {@code decay_rate}; finite, {@code >= 0}
     * @param staircase    decay in whole steps of {@code decaySteps} (Keras {@code staircase})
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public InverseTimeDecaySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                    @JsonProperty("initialValue") double initialValue,
                                    @JsonProperty("decaySteps") int decaySteps,
                                    @JsonProperty("decayRate") double decayRate,
                                    @JsonProperty("staircase") boolean staircase) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.decaySteps = Checks.positive("decaySteps", decaySteps);
        this.decayRate = Checks.nonNegative("decayRate", decayRate);
        this.staircase = staircase;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        double p = staircase ? (double) (t / decaySteps) : (double) t / decaySteps; // finite, in [0, 2^32)
        double denominator = 1.0 + decayRate * p; // >= 1
        if (denominator == Double.POSITIVE_INFINITY) {
            // decayRate * p > Double.MAX_VALUE: p > 1 and decayRate > MAX_VALUE / 2^32, no division overflows
            return initialValue / decayRate / p;
        }
        return initialValue / denominator;
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

    public double getDecayRate() {
        return decayRate;
    }

    public boolean isStaircase() {
        return staircase;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InverseTimeDecaySchedule)) {
            return false;
        }
        InverseTimeDecaySchedule that = (InverseTimeDecaySchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && decaySteps == that.decaySteps
                && Double.compare(decayRate, that.decayRate) == 0
                && staircase == that.staircase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, decaySteps, decayRate, staircase);
    }

    @Override
    public String toString() {
        return "InverseTimeDecaySchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", decaySteps=" + decaySteps + ", decayRate=" + decayRate + ", staircase=" + staircase + ")";
    }
}
