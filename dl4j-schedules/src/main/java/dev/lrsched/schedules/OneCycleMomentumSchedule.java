package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import java.io.ObjectStreamException;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The momentum that goes with a {@link OneCycleSchedule}: it moves inversely to the learning rate,
 * from {@code maxMomentum} down to {@code baseMomentum} while the learning rate warms up, and back to
 * {@code maxMomentum} while it anneals. Get it from the learning-rate schedule, so that both share
 * their phases: {@code oneCycle.momentum()} (torch's defaults 0.85 / 0.95) or
 * {@code oneCycle.momentum(baseMomentum, maxMomentum)}.
 *
 * <pre>
 *   t = the counter selected by scheduleType, read unsigned;  t' = min(t, totalSteps - 1)
 *   phase ends as in OneCycleSchedule: end1 = pctStart*totalSteps - 1, end2 = 2*pctStart*totalSteps - 2,
 *   last = totalSteps - 1; the first phase whose end step is &gt;= t' applies:
 *     two-phase:   [0, end1]:     maxMomentum -&gt; baseMomentum,   (end1, last]: baseMomentum -&gt; maxMomentum
 *     threePhase:  [0, end1]:     maxMomentum -&gt; baseMomentum,   (end1, end2]: baseMomentum -&gt; maxMomentum,
 *                  (end2, last]:  maxMomentum (held)
 *   pct = (t' - phaseStart) / (phaseEnd - phaseStart), interpolated by annealStrategy (COS or LINEAR)
 * </pre>
 *
 * <p>Matches the momentum of PyTorch {@code OneCycleLR(optimizer, max_lr, total_steps=totalSteps,
 * pct_start=pctStart, anneal_strategy=..., cycle_momentum=True, base_momentum=baseMomentum,
 * max_momentum=maxMomentum, three_phase=threePhase)} exactly (the same floating-point operations) for
 * {@code t} in {@code [0, totalSteps - 1]}; like {@link OneCycleSchedule}, lrsched holds the final
 * value after the last step where torch raises.
 *
 * <p>Where it applies in DL4J: {@code new Nesterovs(oneCycle, oneCycle.momentum())} (Nesterovs takes a
 * momentum ISchedule). torch writes the value into SGD's {@code momentum}, or for Adam/AdamW into
 * {@code beta1}. DL4J 1.0.0-M2.1's {@code Adam}, {@code AdamW}-style and {@code Nadam} updaters take
 * {@code beta1} as a plain double, so the momentum of an Adam one-cycle cannot cycle in DL4J; a ported
 * Adam recipe with {@code cycle_momentum=True} is not the same run. The coefficient means the same in
 * torch SGD and DL4J Nesterovs (the velocity's decay per step), but the update rules differ: DL4J's
 * Nesterovs is always Nesterov momentum (torch {@code SGD(nesterov=True)}) and puts the learning rate
 * inside the velocity ({@code v = mu*v - lr*g}) where torch scales the buffer by the current learning
 * rate at each step ({@code b = mu*b + g; p -= lr*b}); with a changing learning rate the two runs
 * differ slightly even with identical schedules.
 *
 * <p>Usage: {@code OneCycleSchedule lr = OneCycleSchedule.builder(0.1, 10_000).build();
 * new Nesterovs(lr, lr.momentum())}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class OneCycleMomentumSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    /** torch {@code OneCycleLR} default {@code base_momentum}. */
    public static final double DEFAULT_BASE_MOMENTUM = 0.85;
    /** torch {@code OneCycleLR} default {@code max_momentum}. */
    public static final double DEFAULT_MAX_MOMENTUM = 0.95;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("totalSteps")
    private final int totalSteps;
    @JsonProperty("pctStart")
    private final double pctStart;
    @JsonProperty("annealStrategy")
    private final AnnealStrategy annealStrategy;
    @JsonProperty("threePhase")
    private final boolean threePhase;
    @JsonProperty("baseMomentum")
    private final double baseMomentum;
    @JsonProperty("maxMomentum")
    private final double maxMomentum;

    // Derived by every constructor (the same expressions as OneCycleSchedule); not part of JSON, equals or
    // hashCode. Final and not transient, so serializers that restore fields without a constructor (Kryo)
    // carry them along.
    private final long last;
    /** The phases with their interpolation constants, see {@link OneCyclePhases}. */
    private final OneCyclePhases phases;

    /**
     * Prefer {@link OneCycleSchedule#momentum(double, double)}, which passes the learning-rate
     * schedule's phase parameters.
     *
     * @param scheduleType   which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param totalSteps     length of the cycle; as {@link OneCycleSchedule}
     * @param pctStart       warm-up fraction; as {@link OneCycleSchedule}
     * @param annealStrategy interpolation shape; not null
     * @param threePhase     torch {@code three_phase}
     * @param baseMomentum   momentum at the learning-rate peak ({@code base_momentum}); in {@code [0, 1]},
     *                       torch default 0.85
     * @param maxMomentum    momentum at the start and the end ({@code max_momentum}); in {@code [0, 1]},
     *                       torch default 0.95; may be below {@code baseMomentum}, as torch allows
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public OneCycleMomentumSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                    @JsonProperty("totalSteps") int totalSteps,
                                    @JsonProperty("pctStart") double pctStart,
                                    @JsonProperty("annealStrategy") AnnealStrategy annealStrategy,
                                    @JsonProperty("threePhase") boolean threePhase,
                                    @JsonProperty("baseMomentum") double baseMomentum,
                                    @JsonProperty("maxMomentum") double maxMomentum) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.totalSteps = Checks.positive("totalSteps", totalSteps);
        this.pctStart = Checks.inOpenRange("pctStart", pctStart, 0.0, 1.0);
        this.annealStrategy = Checks.notNull("annealStrategy", annealStrategy);
        this.threePhase = threePhase;
        this.baseMomentum = Checks.inClosedRange("baseMomentum", baseMomentum, 0.0, 1.0);
        this.maxMomentum = Checks.inClosedRange("maxMomentum", maxMomentum, 0.0, 1.0);
        double end1 = pctStart * totalSteps - 1;
        double end2 = 2 * pctStart * totalSteps - 2;
        double last = totalSteps - 1.0;
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
        // threePhase: the last phase anneals max -> max, exactly max for COS and LINEAR (torch does the same)
        this.phases = threePhase
                ? new OneCyclePhases(annealStrategy, end1, end2, last, maxMomentum, baseMomentum, maxMomentum,
                        maxMomentum)
                : new OneCyclePhases(annealStrategy, end1, last, last, maxMomentum, baseMomentum, maxMomentum,
                        maxMomentum);
    }

    /** Java deserialization: re-validate and recompute the derived fields (the stream could hold anything). */
    private Object readResolve() throws ObjectStreamException {
        return new OneCycleMomentumSchedule(scheduleType, totalSteps, pctStart, annealStrategy, threePhase,
                baseMomentum, maxMomentum);
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

    public int getTotalSteps() {
        return totalSteps;
    }

    public double getPctStart() {
        return pctStart;
    }

    public AnnealStrategy getAnnealStrategy() {
        return annealStrategy;
    }

    public boolean isThreePhase() {
        return threePhase;
    }

    public double getBaseMomentum() {
        return baseMomentum;
    }

    public double getMaxMomentum() {
        return maxMomentum;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof OneCycleMomentumSchedule)) {
            return false;
        }
        OneCycleMomentumSchedule that = (OneCycleMomentumSchedule) o;
        return scheduleType == that.scheduleType
                && totalSteps == that.totalSteps
                && Double.compare(pctStart, that.pctStart) == 0
                && annealStrategy == that.annealStrategy
                && threePhase == that.threePhase
                && Double.compare(baseMomentum, that.baseMomentum) == 0
                && Double.compare(maxMomentum, that.maxMomentum) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, totalSteps, pctStart, annealStrategy, threePhase, baseMomentum, maxMomentum);
    }

    @Override
    public String toString() {
        return "OneCycleMomentumSchedule(scheduleType=" + scheduleType + ", totalSteps=" + totalSteps
                + ", pctStart=" + pctStart + ", annealStrategy=" + annealStrategy + ", threePhase=" + threePhase
                + ", baseMomentum=" + baseMomentum + ", maxMomentum=" + maxMomentum + ")";
    }
}
