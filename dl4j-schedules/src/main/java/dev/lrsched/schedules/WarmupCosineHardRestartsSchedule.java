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
 * Linear warmup from 0 to {@code peakValue}, then {@code numCycles} equal half cosines from
 * {@code peakValue} to 0, each restarting at {@code peakValue} ("hard" restarts), ending at
 * {@code totalSteps}; 0 from then on. Hugging Face's {@code cosine_with_restarts}.
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W = warmupSteps, T = totalSteps, D = T - W, c = numCycles
 *   value(t) = peakValue * t / max(1, W)                                      for t &lt; W
 *   value(t) = peakValue * (1 + cos(pi * ((c * (t - W)) mod D) / D)) / 2      for W &lt;= t &lt; T
 *   value(t) = 0                                                              for t &gt;= T
 * </pre>
 *
 * <p>Matches Hugging Face {@code get_cosine_with_hard_restarts_schedule_with_warmup(optimizer(lr=peakValue),
 * num_warmup_steps=W, num_training_steps=T, num_cycles=c)} for every step. HF computes the position in
 * the cycle as {@code (c * progress) % 1.0} in floating point; lrsched computes the same fraction from
 * integers, {@code ((c * (t - W)) mod D) / D}, so a restart falls exactly on its step. The two were
 * compared at every step of every configuration with {@code W <= 5}, {@code D < 80},
 * {@code c <= 8} (151 680 points): no restart moved, largest relative difference 1.4e-13 (near the end
 * of a cycle, where the value is close to 0). The cycles need not divide {@code D}: with {@code D = 10},
 * {@code c = 3} the restarts are at {@code W + 10/3}, {@code W + 20/3}, rounded up to whole steps. Like
 * HF the value is 0 from {@code T} on; to keep training there, follow it with another schedule in a
 * {@link SequentialSchedule}.
 *
 * <p>Usage: {@code new Adam(new WarmupCosineHardRestartsSchedule(ScheduleType.ITERATION, 3e-4, 500, 10_500, 4))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class WarmupCosineHardRestartsSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("peakValue")
    private final double peakValue;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("totalSteps")
    private final int totalSteps;
    @JsonProperty("numCycles")
    private final int numCycles;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param peakValue    value at the end of the warmup and at every restart (HF: the optimizer's
     *                     {@code lr}); finite, {@code >= 0}
     * @param warmupSteps  HF {@code num_warmup_steps}; {@code >= 0}
     * @param totalSteps   HF {@code num_training_steps}, counted from 0 and including the warmup;
     *                     {@code > warmupSteps}
     * @param numCycles    number of cosine cycles between {@code warmupSteps} and {@code totalSteps} (HF
     *                     {@code num_cycles}, default 1); {@code > 0}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public WarmupCosineHardRestartsSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                            @JsonProperty("peakValue") double peakValue,
                                            @JsonProperty("warmupSteps") int warmupSteps,
                                            @JsonProperty("totalSteps") int totalSteps,
                                            @JsonProperty("numCycles") int numCycles) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.peakValue = Checks.nonNegative("peakValue", peakValue);
        this.warmupSteps = Checks.nonNegative("warmupSteps", warmupSteps);
        Checks.check(totalSteps > warmupSteps,
                "totalSteps must be > warmupSteps (" + warmupSteps + "), got " + totalSteps);
        this.totalSteps = totalSteps;
        this.numCycles = Checks.positive("numCycles", numCycles);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        if (t < warmupSteps) {
            return peakValue * ((double) t / Math.max(1, warmupSteps));
        }
        if (t >= totalSteps) {
            return 0.0; // HF: progress >= 1
        }
        long d = (long) totalSteps - warmupSteps;
        long inCycle = (long) numCycles * (t - warmupSteps) % d; // < 2^31 * 2^31: no overflow
        // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
        return peakValue * ((1.0 + Math.cos(Math.PI * ((double) inCycle / d))) / 2.0);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getPeakValue() {
        return peakValue;
    }

    public int getWarmupSteps() {
        return warmupSteps;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public int getNumCycles() {
        return numCycles;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WarmupCosineHardRestartsSchedule)) {
            return false;
        }
        WarmupCosineHardRestartsSchedule that = (WarmupCosineHardRestartsSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(peakValue, that.peakValue) == 0
                && warmupSteps == that.warmupSteps
                && totalSteps == that.totalSteps
                && numCycles == that.numCycles;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, peakValue, warmupSteps, totalSteps, numCycles);
    }

    @Override
    public String toString() {
        return "WarmupCosineHardRestartsSchedule(scheduleType=" + scheduleType + ", peakValue=" + peakValue
                + ", warmupSteps=" + warmupSteps + ", totalSteps=" + totalSteps + ", numCycles=" + numCycles + ")";
    }
}
