package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import java.io.ObjectStreamException;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A piecewise constant value with Keras' inclusive boundaries.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   value(t) = values[0]      for t &lt;= boundaries[0]
 *            = values[i]      for boundaries[i-1] &lt; t &lt;= boundaries[i]
 *            = values[n]      for t &gt; boundaries[n-1]           (n = boundaries.length)
 * </pre>
 *
 * <p>Matches Keras 3 {@code PiecewiseConstantDecay(boundaries, values)} for every step, including its
 * inclusive boundaries: {@code values[i]} is still used <em>at</em> step {@code boundaries[i]} (torch's
 * {@code MultiStepLR} and lrsched's {@link Schedules#multiStep} change the value at the milestone itself,
 * so the same schedule there has every boundary one higher). The values need not decrease. Lookup is a
 * binary search over the boundaries: O(log n), no allocation.
 *
 * <p>Usage: {@code new Sgd(new PiecewiseConstantSchedule(ScheduleType.ITERATION, new int[] {100_000, 110_000},
 * new double[] {1.0, 0.5, 0.1}))} (the Keras documentation's example).
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class PiecewiseConstantSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("boundaries")
    private final int[] boundaries;
    @JsonProperty("values")
    private final double[] values;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH; Keras: ITERATION)
     * @param boundaries   the last step of each value but the last (Keras {@code boundaries}); each
     *                     {@code >= 0}, strictly increasing, at least one (copied)
     * @param values       {@code boundaries.length + 1} values (Keras {@code values}); each finite,
     *                     {@code >= 0} (copied)
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public PiecewiseConstantSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                     @JsonProperty("boundaries") int[] boundaries,
                                     @JsonProperty("values") double[] values) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        Checks.notNull("boundaries", boundaries);
        Checks.notNull("values", values);
        Checks.check(boundaries.length >= 1, "boundaries must contain at least 1 element, got 0");
        Checks.check(values.length == boundaries.length + 1, "values must have boundaries.length + 1 = "
                + (boundaries.length + 1) + " elements, got " + values.length + ": " + Arrays.toString(values));
        for (int i = 0; i < boundaries.length; i++) {
            if (i == 0) {
                Checks.check(boundaries[0] >= 0, "boundaries[0] must be >= 0, got " + boundaries[0]);
            } else {
                Checks.check(boundaries[i] > boundaries[i - 1], "boundaries must be strictly increasing, got boundaries["
                        + i + "]=" + boundaries[i] + " after boundaries[" + (i - 1) + "]=" + boundaries[i - 1]);
            }
        }
        for (int i = 0; i < values.length; i++) {
            Checks.nonNegative("values[" + i + "]", values[i]);
        }
        this.boundaries = boundaries.clone();
        this.values = values.clone();
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        // k = number of boundaries < t, by binary search
        int lo = 0;
        int hi = boundaries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boundaries[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return values[lo];
    }

    /** Java deserialization: re-validate and re-copy (the stream could hold anything). */
    private Object readResolve() throws ObjectStreamException {
        return new PiecewiseConstantSchedule(scheduleType, boundaries, values);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    /** A copy of the boundaries. */
    public int[] getBoundaries() {
        return boundaries.clone();
    }

    /** A copy of the values. */
    public double[] getValues() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PiecewiseConstantSchedule)) {
            return false;
        }
        PiecewiseConstantSchedule that = (PiecewiseConstantSchedule) o;
        return scheduleType == that.scheduleType
                && Arrays.equals(boundaries, that.boundaries)
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, Arrays.hashCode(boundaries), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "PiecewiseConstantSchedule(scheduleType=" + scheduleType + ", boundaries=" + Arrays.toString(boundaries)
                + ", values=" + Arrays.toString(values) + ")";
    }
}
