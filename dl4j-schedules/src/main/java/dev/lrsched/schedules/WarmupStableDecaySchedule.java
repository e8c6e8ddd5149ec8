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
 * Warmup-stable-decay (WSD, "trapezoidal"): a warmup from {@code minLrRatio * peakValue} to
 * {@code peakValue}, {@code peakValue} for {@code stableSteps}, a decay back to
 * {@code minLrRatio * peakValue}, then constant, each phase with the shape HF offers ({@link WsdShape}).
 *
 * <pre>
 *   t = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   W = warmupSteps, S = stableSteps, D = decaySteps, r = minLrRatio
 *   t &lt; W:              p = t / max(1, W),         f = warmupShape(p)
 *   W &lt;= t &lt; W + S:      f = 1, value = peakValue
 *   W + S &lt;= t &lt; W+S+D:  p = (t - W - S) / max(1, D), f = decayShape(p)
 *   value(t) = peakValue * max(0, f * (1 - r) + r)      (warmup and decay)
 *   value(t) = peakValue * r                            for t &gt;= W + S + D
 * </pre>
 *
 * <p>Matches Hugging Face {@code get_wsd_schedule(optimizer(lr=peakValue), num_warmup_steps=W,
 * num_decay_steps=D, num_stable_steps=S, warmup_type, decay_type, min_lr_ratio=r, num_cycles)} for every
 * step, in HF's operation order ({@code max(0, .)} never binds for {@code r} in {@code [0, 1]}). HF's
 * {@code num_training_steps} form (stable steps {@code = T - W - D}) is
 * {@code HuggingFaceSchedules.getScheduler("warmup_stable_decay", ...)}. The warmup starts at
 * {@code r * peakValue}, not 0 ({@code r = 0}: from 0, HF's default). Compared with
 * {@link Schedules#warmupStableDecay}, which builds the same linear/cosine curves from other schedules,
 * this class adds the {@code 1-sqrt} shapes, non-linear warmups and {@code num_cycles}.
 *
 * <p>Usage: {@code new Adam(WarmupStableDecaySchedule.builder(3e-4, 1_000, 80_000, 19_000)
 * .decayShape(WsdShape.ONE_MINUS_SQRT).minLrRatio(0.1).build())}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class WarmupStableDecaySchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;
    private static final double MAX_CYCLES = 1e6;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("peakValue")
    private final double peakValue;
    @JsonProperty("warmupSteps")
    private final int warmupSteps;
    @JsonProperty("stableSteps")
    private final int stableSteps;
    @JsonProperty("decaySteps")
    private final int decaySteps;
    @JsonProperty("warmupShape")
    private final WsdShape warmupShape;
    @JsonProperty("decayShape")
    private final WsdShape decayShape;
    @JsonProperty("minLrRatio")
    private final double minLrRatio;
    @JsonProperty("numCycles")
    private final double numCycles;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param peakValue    value of the stable phase (HF: the optimizer's {@code lr}); finite, {@code >= 0}
     * @param warmupSteps  HF {@code num_warmup_steps}; {@code >= 0}
     * @param stableSteps  HF {@code num_stable_steps}; {@code >= 0}
     * @param decaySteps   HF {@code num_decay_steps}; {@code >= 0}
     * @param warmupShape  HF {@code warmup_type}; not null
     * @param decayShape   HF {@code decay_type}; not null
     * @param minLrRatio   start of the warmup and end of the decay as a fraction of {@code peakValue} (HF
     *                     {@code min_lr_ratio}); in {@code [0, 1]}
     * @param numCycles    waves of a {@code COSINE} decay (HF {@code num_cycles}, default 0.5 = a half
     *                     cosine); in {@code [0, 1e6]}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public WarmupStableDecaySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                     @JsonProperty("peakValue") double peakValue,
                                     @JsonProperty("warmupSteps") int warmupSteps,
                                     @JsonProperty("stableSteps") int stableSteps,
                                     @JsonProperty("decaySteps") int decaySteps,
                                     @JsonProperty("warmupShape") WsdShape warmupShape,
                                     @JsonProperty("decayShape") WsdShape decayShape,
                                     @JsonProperty("minLrRatio") double minLrRatio,
                                     @JsonProperty("numCycles") double numCycles) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.peakValue = Checks.nonNegative("peakValue", peakValue);
        this.warmupSteps = Checks.nonNegative("warmupSteps", warmupSteps);
        this.stableSteps = Checks.nonNegative("stableSteps", stableSteps);
        this.decaySteps = Checks.nonNegative("decaySteps", decaySteps);
        this.warmupShape = Checks.notNull("warmupShape", warmupShape);
        this.decayShape = Checks.notNull("decayShape", decayShape);
        this.minLrRatio = Checks.inClosedRange("minLrRatio", minLrRatio, 0.0, 1.0);
        // bounded so that pi * numCycles * 2 can never overflow (cos(Infinity) is NaN)
        this.numCycles = Checks.inClosedRange("numCycles", numCycles, 0.0, MAX_CYCLES);
    }

    /** A builder with HF's defaults: ITERATION, LINEAR warmup, COSINE decay, {@code minLrRatio 0}, {@code numCycles 0.5}. */
    public static Builder builder(double peakValue, int warmupSteps, int stableSteps, int decaySteps) {
        return new Builder(peakValue, warmupSteps, stableSteps, decaySteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        long stableStart = warmupSteps;
        long decayStart = stableStart + stableSteps;
        double f;
        if (t < stableStart) {
            double p = (double) t / Math.max(1, warmupSteps);
            f = warmupShape == WsdShape.LINEAR ? p
                    : warmupShape == WsdShape.COSINE ? 0.5 * (1.0 - Math.cos(Math.PI * p))
                    : 1.0 - Math.sqrt(1.0 - p);
        } else if (t < decayStart) {
            return peakValue;
        } else if (t < decayStart + decaySteps) {
            double p = (double) (t - decayStart) / Math.max(1, decaySteps);
            f = decayShape == WsdShape.LINEAR ? 1.0 - p
                    : decayShape == WsdShape.COSINE ? 0.5 * (1.0 + Math.cos(Math.PI * numCycles * 2.0 * p))
                    : 1.0 - Math.sqrt(p);
        } else {
            return peakValue * minLrRatio;
        }
        // f in [0, 1] and r in [0, 1]: the factor is in [r, 1], so peakValue * factor <= peakValue
        return peakValue * Math.max(0.0, f * (1.0 - minLrRatio) + minLrRatio);
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

    public int getStableSteps() {
        return stableSteps;
    }

    public int getDecaySteps() {
        return decaySteps;
    }

    public WsdShape getWarmupShape() {
        return warmupShape;
    }

    public WsdShape getDecayShape() {
        return decayShape;
    }

    public double getMinLrRatio() {
        return minLrRatio;
    }

    public double getNumCycles() {
        return numCycles;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof WarmupStableDecaySchedule)) {
            return false;
        }
        WarmupStableDecaySchedule that = (WarmupStableDecaySchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(peakValue, that.peakValue) == 0
                && warmupSteps == that.warmupSteps
                && stableSteps == that.stableSteps
                && decaySteps == that.decaySteps
                && warmupShape == that.warmupShape
                && decayShape == that.decayShape
                && Double.compare(minLrRatio, that.minLrRatio) == 0
                && Double.compare(numCycles, that.numCycles) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, peakValue, warmupSteps, stableSteps, decaySteps, warmupShape, decayShape,
                minLrRatio, numCycles);
    }

    @Override
    public String toString() {
        return "WarmupStableDecaySchedule(scheduleType=" + scheduleType + ", peakValue=" + peakValue
                + ", warmupSteps=" + warmupSteps + ", stableSteps=" + stableSteps + ", decaySteps=" + decaySteps
                + ", warmupShape=" + warmupShape + ", decayShape=" + decayShape + ", minLrRatio=" + minLrRatio
                + ", numCycles=" + numCycles + ")";
    }

    /** Builder with HF's defaults; {@link #build()} validates. */
    public static final class Builder {
        private final double peakValue;
        private final int warmupSteps;
        private final int stableSteps;
        private final int decaySteps;
        private ScheduleType scheduleType = ScheduleType.ITERATION;
        private WsdShape warmupShape = WsdShape.LINEAR;
        private WsdShape decayShape = WsdShape.COSINE;
        private double minLrRatio = 0.0;
        private double numCycles = 0.5;

        private Builder(double peakValue, int warmupSteps, int stableSteps, int decaySteps) {
            this.peakValue = peakValue;
            this.warmupSteps = warmupSteps;
            this.stableSteps = stableSteps;
            this.decaySteps = decaySteps;
        }

        /** Default ITERATION (HF steps). */
        public Builder scheduleType(ScheduleType scheduleType) {
            this.scheduleType = scheduleType;
            return this;
        }

        /** HF {@code warmup_type}; default LINEAR. */
        public Builder warmupShape(WsdShape warmupShape) {
            this.warmupShape = warmupShape;
            return this;
        }

        /** HF {@code decay_type}; default COSINE. */
        public Builder decayShape(WsdShape decayShape) {
            this.decayShape = decayShape;
            return this;
        }

        /** HF {@code min_lr_ratio}; default 0. */
        public Builder minLrRatio(double minLrRatio) {
            this.minLrRatio = minLrRatio;
            return this;
        }

        /** HF {@code num_cycles}; default 0.5. */
        public Builder numCycles(double numCycles) {
            this.numCycles = numCycles;
            return this;
        }

        public WarmupStableDecaySchedule build() {
            return new WarmupStableDecaySchedule(scheduleType, peakValue, warmupSteps, stableSteps, decaySteps,
                    warmupShape, decayShape, minLrRatio, numCycles);
        }
    }
}
