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
 * Exponential decay by {@code decayRate} every {@code decaySteps} steps, continuous or in a staircase.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   p        = t / decaySteps                (staircase: floor(t / decaySteps))
 *   value(t) = initialValue * decayRate^p
 * </pre>
 *
 * <p>Matches Keras 3 {@code ExponentialDecay(initial_learning_rate=initialValue, decay_steps=decaySteps,
 * decay_rate=decayRate, staircase=staircase)} for every step (Keras computes in the dtype of
 * {@code initial_learning_rate}, float32 for a Python float; lrsched in double). {@code staircase = true}
 * is also torch {@code StepLR(step_size=decaySteps, gamma=decayRate)} and ND4J's {@code StepSchedule};
 * {@code decaySteps = 1} is torch {@code ExponentialLR(gamma=decayRate)}. Unlike ND4J's
 * {@code ExponentialSchedule} and {@code StepSchedule}, it reads DL4J's counters unsigned, so it keeps
 * decaying after 2<sup>31</sup> steps instead of overflowing to Infinity.
 *
 * <p>Keras accepts {@code decay_rate > 1} (growth without bound, eventually Infinity); lrsched requires
 * {@code decayRate} in {@code [0, 1]}.
 *
 * <p>Usage: {@code new Adam(new ExponentialDecaySchedule(ScheduleType.ITERATION, 0.1, 100_000, 0.96, true))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ExponentialDecaySchedule implements ReadsUnsignedCounters, StrictJson {

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
     * @param decaySteps   steps per factor {@code decayRate} (Keras {@code decay_steps}); {@code > 0}
     * @param decayRate    factor per {@code decaySteps} steps (Keras {@code decay_rate}); in {@code [0, 1]}
     * @param staircase    decay in whole steps of {@code decaySteps} (Keras {@code staircase})
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public ExponentialDecaySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                    @JsonProperty("initialValue") double initialValue,
                                    @JsonProperty("decaySteps") int decaySteps,
                                    @JsonProperty("decayRate") double decayRate,
                                    @JsonProperty("staircase") boolean staircase) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.decaySteps = Checks.positive("decaySteps", decaySteps);
        this.decayRate = Checks.inClosedRange("decayRate", decayRate, 0.0, 1.0);
        this.staircase = staircase;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        double p = staircase ? (double) (t / decaySteps) : (double) t / decaySteps; // finite, in [0, 2^32)
        return initialValue * Math.pow(decayRate, p); // pow in [0, 1]: no overflow; pow(0, 0) = 1
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
        if (!(o instanceof ExponentialDecaySchedule)) {
            return false;
        }
        ExponentialDecaySchedule that = (ExponentialDecaySchedule) o;
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
        return "ExponentialDecaySchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", decaySteps=" + decaySteps + ", decayRate=" + decayRate + ", staircase=" + staircase + ")";
    }
}
