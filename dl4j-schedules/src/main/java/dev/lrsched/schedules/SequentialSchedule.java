package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.ObjectStreamException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Schedules joined one after the other: each phase runs its own schedule from its own step 0.
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   b = boundaries (strictly increasing, each &gt; 0), b[-1] = 0 by convention
 *   k = the number of boundaries &lt;= t                 (phase k: b[k-1] &lt;= t &lt; b[k])
 *   value(t) = schedules[k].valueAt(local step t - b[k-1])
 * </pre>
 *
 * <p>The local step replaces the counter that {@code scheduleType} selects; the other counter is passed
 * through unchanged. Children should therefore read the same counter as this schedule (their own
 * {@code scheduleType}); a child that reads the other counter sees it unshifted.
 *
 * <p>Matches PyTorch {@code SequentialLR(optimizer, schedulers=[...], milestones=boundaries)} (at each
 * milestone torch restarts the next scheduler with {@code step(0)}) and optax
 * {@code join_schedules(schedules, boundaries)}, evaluated in closed form: torch's recursive
 * (chainable) schedulers can drift from their closed forms after a restart (e.g. CosineAnnealingLR
 * past {@code T_max}), lrsched uses each child's closed form. The last schedule runs forever; it holds
 * its final value if it has one.
 *
 * <p>Phase lookup is a binary search over the boundaries: O(log k), no allocation.
 *
 * <p>Usage: {@code new SequentialSchedule(ScheduleType.ITERATION, List.of(new LinearSchedule(ITERATION,
 * 0.1, 0.1, 1, 500), new CosineAnnealingSchedule(ITERATION, 0.1, 0, 9500)), new int[] {500})}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class SequentialSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("schedules")
    private final List<ISchedule> schedules;
    @JsonProperty("boundaries")
    private final int[] boundaries;

    /**
     * @param scheduleType which DL4J counter drives the phases (ITERATION or EPOCH)
     * @param schedules    the phases in order; at least one, no nulls (copied)
     * @param boundaries   the step at which each phase after the first starts ({@code milestones});
     *                     exactly {@code schedules.size() - 1} values, each {@code > 0}, strictly
     *                     increasing (copied)
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public SequentialSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                              @JsonProperty("schedules") List<ISchedule> schedules,
                              @JsonProperty("boundaries") int[] boundaries) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        Checks.noNulls("schedules", schedules);
        Checks.check(!schedules.isEmpty(), "schedules must contain at least 1 schedule, got 0");
        Checks.notNull("boundaries", boundaries);
        Checks.check(boundaries.length == schedules.size() - 1, "boundaries must have schedules.size() - 1 = "
                + (schedules.size() - 1) + " elements, got " + boundaries.length + ": " + Arrays.toString(boundaries));
        for (int i = 0; i < boundaries.length; i++) {
            if (i == 0) {
                Checks.check(boundaries[0] > 0, "boundaries[0] must be > 0, got " + boundaries[0]);
            } else {
                Checks.check(boundaries[i] > boundaries[i - 1], "boundaries must be strictly increasing, got boundaries["
                        + i + "]=" + boundaries[i] + " after boundaries[" + (i - 1) + "]=" + boundaries[i - 1]);
            }
        }
        // A private ArrayList (never handed out mutable): Kryo, as used by DL4J on Spark with ND4J's
        // Nd4jRegistrator, rebuilds collections by calling add(), which List.copyOf's class rejects.
        this.schedules = new ArrayList<>(schedules);
        ScheduleNesting.checkDepth("SequentialSchedule", this.schedules);
        this.boundaries = boundaries.clone();
    }

    /** Two phases: {@code first} for steps {@code [0, boundary)}, then {@code second} from its own step 0. */
    public static SequentialSchedule of(ScheduleType scheduleType, ISchedule first, int boundary, ISchedule second) {
        return new SequentialSchedule(scheduleType, Arrays.asList(first, second), new int[] {boundary});
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        // k = number of boundaries <= t (upper bound), by binary search.
        int lo = 0;
        int hi = boundaries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (boundaries[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        long start = lo == 0 ? 0 : boundaries[lo - 1];
        return Counters.valueAtStep(schedules.get(lo), scheduleType, iteration, epoch, t - start);
    }

    /** Java deserialization: re-validate and re-copy (the stream could hold anything). */
    private Object readResolve() throws ObjectStreamException {
        return new SequentialSchedule(scheduleType, schedules, boundaries);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    /** The phases, unmodifiable. */
    /** The phases, unmodifiable. */
    public List<ISchedule> getSchedules() {
        return Collections.unmodifiableList(schedules);
    }

    /** A copy of the boundaries. */
    public int[] getBoundaries() {
        return boundaries.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SequentialSchedule)) {
            return false;
        }
        SequentialSchedule that = (SequentialSchedule) o;
        return scheduleType == that.scheduleType
                && schedules.equals(that.schedules)
                && Arrays.equals(boundaries, that.boundaries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, schedules, Arrays.hashCode(boundaries));
    }

    @Override
    public String toString() {
        return "SequentialSchedule(scheduleType=" + scheduleType + ", schedules=" + schedules
                + ", boundaries=" + Arrays.toString(boundaries) + ")";
    }
}
