package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
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
 * Cyclical learning rate (Smith 2017): the value climbs linearly from {@code baseValue} to
 * {@code maxValue} in {@code stepSizeUp} steps, falls back in {@code stepSizeDown} steps, and repeats,
 * with an amplitude policy {@link CyclicMode}.
 *
 * <pre>
 *   t     = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   total = stepSizeUp + stepSizeDown
 *   cycle = floor(1 + t / total)                       (1 for the first cycle)
 *   pos   = t mod total
 *   scale = pos / stepSizeUp                           if pos &lt;= stepSizeUp   (rising)
 *         = (total - pos) / stepSizeDown               otherwise             (falling)
 *   s     = 1                                          TRIANGULAR
 *         = 1 / 2^(cycle - 1)                          TRIANGULAR2
 *         = gamma^t                                    EXP_RANGE
 *   value = baseValue + (maxValue - baseValue) * scale * s
 * </pre>
 *
 * <p>Matches PyTorch {@code CyclicLR(optimizer, base_lr=baseValue, max_lr=maxValue,
 * step_size_up=stepSizeUp, step_size_down=stepSizeDown, mode=..., gamma=gamma, cycle_momentum=False)}
 * exactly. torch computes the position in the cycle in floating point, {@code x = 1 + t/total - cycle;
 * scale = x &lt;= up/total ? x/(up/total) : (x-1)/(up/total - 1)}; lrsched uses exact {@code long}
 * arithmetic ({@code pos = t mod total}) which is mathematically identical (verified against torch to
 * 1e-12 relative) and has no rounding in the position itself, for every counter up to 2<sup>32</sup>-1.
 *
 * <p>{@code maxValue < baseValue} is allowed: the schedule then cycles <em>downwards</em> first (inverse
 * cycling), which is how torch's {@code cycle_momentum} cycles momentum between {@code max_momentum}
 * and {@code base_momentum}: {@link #momentum()} builds it from this schedule's parameters, for
 * {@code new Nesterovs(cyclic, cyclic.momentum())}. Both values must be finite and {@code >= 0}; the value always stays
 * between them.
 *
 * <p>The schedule never ends: there is no final value to hold. With TRIANGULAR2 and EXP_RANGE the
 * amplitude decays to 0 and the value settles at {@code baseValue}.
 *
 * <p>Usage: {@code new Sgd(CyclicSchedule.triangular(ScheduleType.ITERATION, 1e-3, 6e-3, 2000))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form and allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CyclicSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("baseValue")
    private final double baseValue;
    @JsonProperty("maxValue")
    private final double maxValue;
    @JsonProperty("stepSizeUp")
    private final int stepSizeUp;
    @JsonProperty("stepSizeDown")
    private final int stepSizeDown;
    @JsonProperty("mode")
    private final CyclicMode mode;
    @JsonProperty("gamma")
    private final double gamma;
    /** {@code ln(gamma)}, derived (not serialized, not compared). */
    private final double logGamma;

    /**
     * @param scheduleType which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param baseValue    value at the start of every cycle ({@code base_lr}); finite, {@code >= 0}
     * @param maxValue     value at the peak of the cycle ({@code max_lr}); finite, {@code >= 0}; may be
     *                     smaller than {@code baseValue} (inverse cycling)
     * @param stepSizeUp   steps from base to peak ({@code step_size_up}); {@code > 0}
     * @param stepSizeDown steps from peak back to base ({@code step_size_down}); {@code > 0}
     * @param mode         amplitude policy; not null
     * @param gamma        per-step amplitude decay of {@link CyclicMode#EXP_RANGE} (ignored by the other
     *                     modes but still validated and compared); in {@code (0, 1]}, torch default 1.0
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public CyclicSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                          @JsonProperty("baseValue") double baseValue,
                          @JsonProperty("maxValue") double maxValue,
                          @JsonProperty("stepSizeUp") int stepSizeUp,
                          @JsonProperty("stepSizeDown") int stepSizeDown,
                          @JsonProperty("mode") CyclicMode mode,
                          @JsonProperty("gamma") double gamma) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.baseValue = Checks.nonNegative("baseValue", baseValue);
        this.maxValue = Checks.nonNegative("maxValue", maxValue);
        this.stepSizeUp = Checks.positive("stepSizeUp", stepSizeUp);
        this.stepSizeDown = Checks.positive("stepSizeDown", stepSizeDown);
        this.mode = Checks.notNull("mode", mode);
        this.gamma = Checks.inLeftOpenRange("gamma", gamma, 0.0, 1.0);
        this.logGamma = Math.log(gamma);
    }

    /**
     * torch {@code CyclicLR(base_lr, max_lr, step_size_up=stepSize)} with its defaults
     * ({@code step_size_down=None} = {@code stepSize}, {@code mode="triangular"}, {@code gamma=1.0}).
     */
    public static CyclicSchedule triangular(ScheduleType scheduleType, double baseValue, double maxValue, int stepSize) {
        return new CyclicSchedule(scheduleType, baseValue, maxValue, stepSize, stepSize, CyclicMode.TRIANGULAR, 1.0);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        long total = (long) stepSizeUp + stepSizeDown;
        long pos = t % total;
        double scale = pos <= stepSizeUp ? (double) pos / stepSizeUp : (double) (total - pos) / stepSizeDown;
        double s;
        switch (mode) {
            case TRIANGULAR2:
                long cycle = t / total + 1;
                s = 1.0 / Math.pow(2.0, cycle - 1); // 2^(cycle-1) overflows to Infinity: s becomes 0, never NaN
                break;
            case EXP_RANGE:
                // gamma^t as exp(t * ln gamma): about twice as fast as Math.pow, and within
                // t * |ln gamma| * 2^-53 relative of it (< 1e-13 wherever gamma^t is not ~0)
                s = Math.exp(t * logGamma);
                break;
            default:
                s = 1.0;
        }
        double value = baseValue + (maxValue - baseValue) * scale * s;
        // between baseValue and maxValue before rounding; the sum of two rounded terms can pass the larger by one
        // rounding, near Double.MAX_VALUE to Infinity (baseValue 6.74e307, maxValue Double.MAX_VALUE at the peak)
        return value == Double.POSITIVE_INFINITY ? Math.max(baseValue, maxValue) : value;
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getBaseValue() {
        return baseValue;
    }

    public double getMaxValue() {
        return maxValue;
    }

    public int getStepSizeUp() {
        return stepSizeUp;
    }

    public int getStepSizeDown() {
        return stepSizeDown;
    }

    public CyclicMode getMode() {
        return mode;
    }

    public double getGamma() {
        return gamma;
    }

    /**
     * The momentum of torch {@code CyclicLR(cycle_momentum=True)} with its defaults
     * {@code base_momentum=0.8, max_momentum=0.9}, in step with this schedule:
     * {@code new Nesterovs(cyclic, cyclic.momentum())}.
     */
    public CyclicSchedule momentum() {
        return momentum(0.8, 0.9);
    }

    /**
     * The momentum of torch {@code CyclicLR(cycle_momentum=True, base_momentum=baseMomentum,
     * max_momentum=maxMomentum)}: {@code momentum = maxMomentum - (maxMomentum - baseMomentum) * scale * s}
     * with this schedule's {@code scale} and amplitude factor {@code s} (so TRIANGULAR2 halves and
     * EXP_RANGE decays the momentum's swing too, as torch does), i.e. the inverse cycle
     * {@code CyclicSchedule(scheduleType, maxMomentum, baseMomentum, stepSizeUp, stepSizeDown, mode, gamma)}
     * (the same floating-point result: {@code x + (b - x) * k} and torch's {@code x - (x - b) * k} differ
     * only in signs, which IEEE arithmetic keeps exact).
     *
     * @throws IllegalArgumentException if a momentum is not in {@code [0, 1]}
     */
    public CyclicSchedule momentum(double baseMomentum, double maxMomentum) {
        Checks.inClosedRange("baseMomentum", baseMomentum, 0.0, 1.0);
        Checks.inClosedRange("maxMomentum", maxMomentum, 0.0, 1.0);
        return new CyclicSchedule(scheduleType, maxMomentum, baseMomentum, stepSizeUp, stepSizeDown, mode, gamma);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CyclicSchedule)) {
            return false;
        }
        CyclicSchedule that = (CyclicSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(baseValue, that.baseValue) == 0
                && Double.compare(maxValue, that.maxValue) == 0
                && stepSizeUp == that.stepSizeUp
                && stepSizeDown == that.stepSizeDown
                && mode == that.mode
                && Double.compare(gamma, that.gamma) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, baseValue, maxValue, stepSizeUp, stepSizeDown, mode, gamma);
    }

    @Override
    public String toString() {
        return "CyclicSchedule(scheduleType=" + scheduleType + ", baseValue=" + baseValue + ", maxValue=" + maxValue
                + ", stepSizeUp=" + stepSizeUp + ", stepSizeDown=" + stepSizeDown + ", mode=" + mode
                + ", gamma=" + gamma + ")";
    }
}
