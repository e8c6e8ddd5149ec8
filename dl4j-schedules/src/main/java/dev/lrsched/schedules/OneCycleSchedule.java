package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.ObjectStreamException;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The 1cycle policy (Smith &amp; Topin 2018): warm up from {@code maxValue / divFactor} to
 * {@code maxValue}, then anneal to {@code maxValue / divFactor / finalDivFactor} at step
 * {@code totalSteps - 1}.
 *
 * <pre>
 *   t       = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   initial = maxValue / divFactor
 *   min     = initial / finalDivFactor
 *   phases (end step, from -&gt; to), each starting where the previous one ended (the first at 0):
 *     two-phase:   [pctStart*totalSteps - 1:   initial -&gt; maxValue],
 *                  [totalSteps - 1:            maxValue -&gt; min]
 *     threePhase:  [pctStart*totalSteps - 1:   initial -&gt; maxValue],
 *                  [2*pctStart*totalSteps - 2: maxValue -&gt; initial],
 *                  [totalSteps - 1:            initial -&gt; min]
 *   t' = min(t, totalSteps - 1); the first phase whose end step is &gt;= t' applies:
 *   pct   = (t' - phaseStart) / (phaseEnd - phaseStart)
 *   COS:    value = to + (from - to) / 2 * (cos(pi * pct) + 1)
 *   LINEAR: value = (to - from) * pct + from
 * </pre>
 *
 * <p>Matches PyTorch {@code OneCycleLR(optimizer, max_lr=maxValue, total_steps=totalSteps,
 * pct_start=pctStart, anneal_strategy=..., div_factor=divFactor, final_div_factor=finalDivFactor,
 * three_phase=threePhase, cycle_momentum=False)} exactly (same floating-point operations) for
 * {@code t} in {@code [0, totalSteps - 1]}. Deliberate differences:
 * <ul>
 *   <li>After the last step lrsched holds the final value (the value at {@code totalSteps - 1}).
 *       torch extrapolates the last phase at {@code t == totalSteps} (cos turns back up) and raises
 *       {@code ValueError} beyond it (pytorch#32898).</li>
 *   <li>Parameter combinations that give a phase of zero or negative length (torch divides by zero
 *       at run time, e.g. {@code pct_start * total_steps == 1}) are rejected at construction, and so is a
 *       {@code finalDivFactor} so small that the final value overflows to Infinity (torch computes an
 *       infinite {@code min_lr} and NaN learning rates in the annealing phase).</li>
 *   <li>This class is the learning rate; torch's {@code cycle_momentum=True} momentum is its companion
 *       {@link #momentum()} / {@link #momentum(double, double)} ({@link OneCycleMomentumSchedule}), built
 *       from the same phases: {@code new Nesterovs(oneCycle, oneCycle.momentum())} is torch's default
 *       one-cycle. DL4J's Adam takes {@code beta1} as a plain double, so it cannot cycle there.</li>
 * </ul>
 *
 * <p>Usage: {@code new Adam(OneCycleSchedule.builder(1e-2, 10_000).pctStart(0.25).build())}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OneCycleSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    /** torch default {@code pct_start}. */
    public static final double DEFAULT_PCT_START = 0.3;
    /** torch default {@code div_factor}. */
    public static final double DEFAULT_DIV_FACTOR = 25.0;
    /** torch default {@code final_div_factor}. */
    public static final double DEFAULT_FINAL_DIV_FACTOR = 1e4;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("maxValue")
    private final double maxValue;
    @JsonProperty("totalSteps")
    private final int totalSteps;
    @JsonProperty("pctStart")
    private final double pctStart;
    @JsonProperty("annealStrategy")
    private final AnnealStrategy annealStrategy;
    @JsonProperty("divFactor")
    private final double divFactor;
    @JsonProperty("finalDivFactor")
    private final double finalDivFactor;
    @JsonProperty("threePhase")
    private final boolean threePhase;

    // Derived from the fields above by every constructor; not part of JSON, equals or hashCode. Final and
    // not transient, so serializers that restore fields without a constructor (Kryo) carry them along.
    private final double initialValue;
    private final double minValue;
    private final long last;
    /** The phases with their interpolation constants, see {@link OneCyclePhases}. */
    private final OneCyclePhases phases;

    /**
     * @param scheduleType   which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param maxValue       peak value ({@code max_lr}); finite, {@code >= 0}
     * @param totalSteps     length of the cycle ({@code total_steps}); {@code > 0}; the final value is
     *                       reached at step {@code totalSteps - 1}
     * @param pctStart       fraction of the cycle spent warming up ({@code pct_start}); in {@code (0, 1)},
     *                       torch default 0.3; {@code pctStart * totalSteps} must be {@code > 1} (and, with
     *                       {@code threePhase}, {@code 2 * pctStart * totalSteps - 2 < totalSteps - 1})
     * @param annealStrategy interpolation shape ({@code anneal_strategy}); not null, torch default COS
     * @param divFactor      {@code initial = maxValue / divFactor} ({@code div_factor}); finite, {@code > 0},
     *                       torch default 25
     * @param finalDivFactor {@code min = initial / finalDivFactor} ({@code final_div_factor}); finite,
     *                       {@code > 0}, torch default 1e4; large enough that {@code min} is finite (a
     *                       subnormal factor such as 4.9e-324 would make it Infinity and the schedule NaN)
     * @param threePhase     torch {@code three_phase}: anneal back to {@code initial} symmetrically before
     *                       the final annihilation phase; torch default false
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public OneCycleSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                            @JsonProperty("maxValue") double maxValue,
                            @JsonProperty("totalSteps") int totalSteps,
                            @JsonProperty("pctStart") double pctStart,
                            @JsonProperty("annealStrategy") AnnealStrategy annealStrategy,
                            @JsonProperty("divFactor") double divFactor,
                            @JsonProperty("finalDivFactor") double finalDivFactor,
                            @JsonProperty("threePhase") boolean threePhase) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.maxValue = Checks.nonNegative("maxValue", maxValue);
        this.totalSteps = Checks.positive("totalSteps", totalSteps);
        this.pctStart = Checks.inOpenRange("pctStart", pctStart, 0.0, 1.0);
        this.annealStrategy = Checks.notNull("annealStrategy", annealStrategy);
        this.divFactor = Checks.positive("divFactor", divFactor);
        this.finalDivFactor = Checks.positive("finalDivFactor", finalDivFactor);
        this.threePhase = threePhase;
        // The same expressions as torch, so the phase ends are bit-identical.
        this.initialValue = Checks.finite("maxValue / divFactor", maxValue / divFactor);
        this.minValue = initialValue / finalDivFactor;
        double end1 = pctStart * totalSteps - 1;
        double end2 = 2 * pctStart * totalSteps - 2;
        double last = totalSteps - 1.0;
        Checks.check(Double.isFinite(minValue), "finalDivFactor must be large enough that the final value"
                + " maxValue / divFactor / finalDivFactor is finite (about >= " + initialValue / Double.MAX_VALUE
                + " for maxValue=" + maxValue + ", divFactor=" + divFactor + "), got finalDivFactor=" + finalDivFactor);
        Checks.check(end1 > 0,
                "totalSteps * pctStart must be > 1 so that the warm-up phase (ending at step totalSteps * pctStart - 1)"
                        + " has a positive length, got totalSteps=" + totalSteps + ", pctStart=" + pctStart);
        Checks.check(end1 < last,
                "totalSteps * pctStart - 1 must be < totalSteps - 1 so that the annealing phase has a positive length,"
                        + " got totalSteps=" + totalSteps + ", pctStart=" + pctStart);
        if (threePhase) {
            Checks.check(end2 < last,
                    "with threePhase, 2 * totalSteps * pctStart - 2 must be < totalSteps - 1 so that the last phase"
                            + " has a positive length, got totalSteps=" + totalSteps + ", pctStart=" + pctStart);
        }
        this.last = totalSteps - 1L;
        this.phases = threePhase
                ? new OneCyclePhases(annealStrategy, end1, end2, last, initialValue, maxValue, initialValue, minValue)
                : new OneCyclePhases(annealStrategy, end1, last, last, initialValue, maxValue, minValue, minValue);
    }

    /** Java deserialization: re-validate and recompute the derived fields (the stream could hold anything). */
    private Object readResolve() throws ObjectStreamException {
        return new OneCycleSchedule(scheduleType, maxValue, totalSteps, pctStart, annealStrategy, divFactor,
                finalDivFactor, threePhase);
    }

    /**
     * A builder with torch's defaults: {@code scheduleType=ITERATION, pctStart=0.3, annealStrategy=COS,
     * divFactor=25, finalDivFactor=1e4, threePhase=false}.
     *
     * @param maxValue   peak value ({@code max_lr})
     * @param totalSteps length of the cycle ({@code total_steps})
     */
    public static Builder builder(double maxValue, int totalSteps) {
        return new Builder(maxValue, totalSteps);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        return t >= last ? phases.finalValue() : phases.valueAt(t);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getMaxValue() {
        return maxValue;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public double getPctStart() {
        return pctStart;
    }

    public AnnealStrategy getAnnealStrategy() {
        return annealStrategy;
    }

    public double getDivFactor() {
        return divFactor;
    }

    public double getFinalDivFactor() {
        return finalDivFactor;
    }

    public boolean isThreePhase() {
        return threePhase;
    }

    /** The value at step 0, {@code maxValue / divFactor} (torch {@code initial_lr}). */
    public double getInitialValue() {
        return initialValue;
    }

    /** The final value, {@code maxValue / divFactor / finalDivFactor} (torch {@code min_lr}). */
    public double getMinValue() {
        return minValue;
    }

    /**
     * The momentum of torch {@code OneCycleLR(cycle_momentum=True)} with its defaults
     * {@code base_momentum=0.85, max_momentum=0.95}, in step with this schedule:
     * {@code new Nesterovs(oneCycle, oneCycle.momentum())}.
     */
    public OneCycleMomentumSchedule momentum() {
        return momentum(OneCycleMomentumSchedule.DEFAULT_BASE_MOMENTUM, OneCycleMomentumSchedule.DEFAULT_MAX_MOMENTUM);
    }

    /**
     * The momentum of torch {@code OneCycleLR(cycle_momentum=True, base_momentum=baseMomentum,
     * max_momentum=maxMomentum)}: {@code maxMomentum} where the learning rate is lowest,
     * {@code baseMomentum} at its peak, with this schedule's phases and anneal strategy.
     *
     * @throws IllegalArgumentException if a momentum is not in {@code [0, 1]}
     */
    public OneCycleMomentumSchedule momentum(double baseMomentum, double maxMomentum) {
        return new OneCycleMomentumSchedule(scheduleType, totalSteps, pctStart, annealStrategy, threePhase,
                baseMomentum, maxMomentum);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OneCycleSchedule)) {
            return false;
        }
        OneCycleSchedule that = (OneCycleSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(maxValue, that.maxValue) == 0
                && totalSteps == that.totalSteps
                && Double.compare(pctStart, that.pctStart) == 0
                && annealStrategy == that.annealStrategy
                && Double.compare(divFactor, that.divFactor) == 0
                && Double.compare(finalDivFactor, that.finalDivFactor) == 0
                && threePhase == that.threePhase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, maxValue, totalSteps, pctStart, annealStrategy, divFactor, finalDivFactor,
                threePhase);
    }

    @Override
    public String toString() {
        return "OneCycleSchedule(scheduleType=" + scheduleType + ", maxValue=" + maxValue + ", totalSteps=" + totalSteps
                + ", pctStart=" + pctStart + ", annealStrategy=" + annealStrategy + ", divFactor=" + divFactor
                + ", finalDivFactor=" + finalDivFactor + ", threePhase=" + threePhase + ")";
    }

    /** Fluent builder for {@link OneCycleSchedule}; starts from torch's defaults. Not thread-safe. */
    public static final class Builder {
        private final double maxValue;
        private final int totalSteps;
        private ScheduleType scheduleType = ScheduleType.ITERATION;
        private double pctStart = DEFAULT_PCT_START;
        private AnnealStrategy annealStrategy = AnnealStrategy.COS;
        private double divFactor = DEFAULT_DIV_FACTOR;
        private double finalDivFactor = DEFAULT_FINAL_DIV_FACTOR;
        private boolean threePhase;

        private Builder(double maxValue, int totalSteps) {
            this.maxValue = maxValue;
            this.totalSteps = totalSteps;
        }

        /** Which DL4J counter drives the schedule; default ITERATION (torch steps OneCycleLR per batch). */
        public Builder scheduleType(ScheduleType scheduleType) {
            this.scheduleType = scheduleType;
            return this;
        }

        /** torch {@code pct_start}; default 0.3. */
        public Builder pctStart(double pctStart) {
            this.pctStart = pctStart;
            return this;
        }

        /** torch {@code anneal_strategy}; default COS. */
        public Builder annealStrategy(AnnealStrategy annealStrategy) {
            this.annealStrategy = annealStrategy;
            return this;
        }

        /** torch {@code div_factor}; default 25. */
        public Builder divFactor(double divFactor) {
            this.divFactor = divFactor;
            return this;
        }

        /** torch {@code final_div_factor}; default 1e4. */
        public Builder finalDivFactor(double finalDivFactor) {
            this.finalDivFactor = finalDivFactor;
            return this;
        }

        /** torch {@code three_phase}; default false. */
        public Builder threePhase(boolean threePhase) {
            this.threePhase = threePhase;
            return this;
        }

        /** Validates and builds; see the constructor for the allowed ranges. */
        public OneCycleSchedule build() {
            return new OneCycleSchedule(scheduleType, maxValue, totalSteps, pctStart, annealStrategy, divFactor,
                    finalDivFactor, threePhase);
        }
    }
}
