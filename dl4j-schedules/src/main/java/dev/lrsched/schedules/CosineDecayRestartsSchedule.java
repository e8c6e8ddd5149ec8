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
 * Keras' SGDR: cosine decay with warm restarts, each cycle {@code tMul} times longer (any real
 * {@code tMul >= 1}) and its amplitude above the floor {@code mMul} times smaller than the previous one.
 *
 * <pre>
 *   t     = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   T_0   = firstDecaySteps, c = t / T_0
 *   i     = the cycle: the largest integer with sum_{j &lt; i} tMul^j &lt;= c
 *         = floor(c)                                  (tMul = 1)
 *         = floor(log(1 + c * (tMul - 1)) / log(tMul))  (tMul &gt; 1)
 *   f     = (c - sum_{j &lt; i} tMul^j) / tMul^i          (position in cycle i, in [0, 1))
 *   value = initialValue * ((1 - alpha) * mMul^i * (1 + cos(pi * f)) / 2 + alpha)
 * </pre>
 *
 * <p>Matches Keras 3 {@code CosineDecayRestarts(initial_learning_rate=initialValue,
 * first_decay_steps=T_0, t_mul=tMul, m_mul=mMul, alpha=alpha)} for every step (Keras computes in the
 * dtype of {@code initial_learning_rate}, float32 for a Python float; lrsched in double), with two
 * deliberate differences. The cycle index is corrected after Keras' floating-point logarithm: at a
 * restart whose start is a whole step, {@code floor(log(x) / log(tMul))} can round one cycle short
 * ({@code tMul = 3, first_decay_steps = 1}, step 121: Keras gives the end of cycle 4, {@code alpha *
 * initialValue}, where the exact answer is the restart of cycle 5); lrsched checks {@code tMul^i <= 1 +
 * c * (tMul - 1) < tMul^(i+1)} and moves {@code i} by one if needed. With {@code tMul = 1} the position
 * is computed from integers ({@code (t mod T_0) / T_0}), which Keras' {@code c - floor(c)} matches only
 * while {@code t / T_0} is exact (for {@code T_0 = 3} at step 2<sup>32</sup>-1 Keras is 1e-7 off).
 *
 * <p>Compared with {@link CosineWarmRestartsSchedule} (torch): {@code tMul} need not be an integer,
 * and {@code mMul} shrinks the amplitude above the floor {@code alpha * initialValue}, where
 * {@code restartDecay} shrinks the peak itself; the two agree when {@code alpha = 0} or {@code mMul = 1}.
 *
 * <p>Keras accepts any {@code t_mul}, {@code m_mul} and {@code alpha}; lrsched requires {@code tMul >= 1}
 * (a shorter cycle each time ends after finitely many steps, where Keras' logarithm gives NaN),
 * {@code mMul} in {@code [0, 1]} (growing peaks overflow) and {@code alpha} in {@code [0, 1]}.
 *
 * <p>Usage: {@code new Adam(new CosineDecayRestartsSchedule(ScheduleType.ITERATION, 1e-3, 1_000, 1.5, 0.8, 0.01))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} is a closed form (no loop over cycles) and allocates
 * nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CosineDecayRestartsSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("firstDecaySteps")
    private final int firstDecaySteps;
    @JsonProperty("tMul")
    private final double tMul;
    @JsonProperty("mMul")
    private final double mMul;
    @JsonProperty("alpha")
    private final double alpha;
    /** {@code log(tMul)}, derived (not persisted; recomputed on deserialization). */
    private final double logTMul;

    /**
     * @param scheduleType    which DL4J counter drives the schedule (ITERATION or EPOCH; Keras: ITERATION)
     * @param initialValue    value at step 0 (Keras {@code initial_learning_rate}); finite, {@code >= 0}
     * @param firstDecaySteps length of the first cycle (Keras {@code first_decay_steps}); {@code > 0}
     * @param tMul            length factor per cycle (Keras {@code t_mul}, default 2.0); finite, {@code >= 1}
     * @param mMul            amplitude factor per cycle (Keras {@code m_mul}, default 1.0); in {@code [0, 1]}
     * @param alpha           floor as a fraction of {@code initialValue} (Keras {@code alpha}, default 0);
     *                        in {@code [0, 1]}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public CosineDecayRestartsSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                       @JsonProperty("initialValue") double initialValue,
                                       @JsonProperty("firstDecaySteps") int firstDecaySteps,
                                       @JsonProperty("tMul") double tMul,
                                       @JsonProperty("mMul") double mMul,
                                       @JsonProperty("alpha") double alpha) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.firstDecaySteps = Checks.positive("firstDecaySteps", firstDecaySteps);
        Checks.check(tMul >= 1.0 && tMul < Double.POSITIVE_INFINITY, "tMul must be finite and >= 1, got " + tMul);
        this.tMul = tMul;
        this.mMul = Checks.inClosedRange("mMul", mMul, 0.0, 1.0);
        this.alpha = Checks.inClosedRange("alpha", alpha, 0.0, 1.0);
        this.logTMul = Math.log(tMul);
    }

    /** Java deserialization: re-validate and recompute the derived field (the stream could hold anything). */
    private Object readResolve() throws java.io.ObjectStreamException {
        return new CosineDecayRestartsSchedule(scheduleType, initialValue, firstDecaySteps, tMul, mMul, alpha);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        double cycle;
        double fraction;
        if (tMul == 1.0) {
            long n = t / firstDecaySteps;
            cycle = n;
            fraction = (double) (t - n * firstDecaySteps) / firstDecaySteps;
        } else {
            double c = (double) t / firstDecaySteps;
            if (c < 1.0) {
                cycle = 0;
                fraction = c;
            } else if (c < 1.0 + tMul) {
                // cycle 1 spans [1, 1 + tMul): also keeps a huge tMul out of the logarithm below
                cycle = 1;
                fraction = (c - 1.0) / tMul;
            } else {
                // here tMul <= c - 1 < 2^32, so x < 2^64 and every power below is finite
                double x = 1.0 - c * (1.0 - tMul); // Keras' operand, = 1 + c * (tMul - 1)
                double n = Math.floor(Math.log(x) / logTMul);
                // the cycle satisfies tMul^n <= x < tMul^(n+1); floating point can be one off either way
                double power = Math.pow(tMul, n);
                if (power > x) {
                    n--;
                    power = Math.pow(tMul, n);
                } else if (power * tMul <= x) {
                    n++;
                    power *= tMul;
                }
                cycle = n;
                fraction = (c - (1.0 - power) / (1.0 - tMul)) / power; // Keras: (c - sum_r) / t_mul^i
            }
        }
        double mFactor = mMul == 1.0 ? 1.0 : Math.pow(mMul, cycle); // pow(1, i) == 1 exactly
        double cosineDecayed = 0.5 * mFactor * (1.0 + Math.cos(Math.PI * fraction)); // in [0, 1]
        // in [alpha, 1] also after rounding: fl(1 - alpha) + alpha rounds to exactly 1 for every alpha in [0, 1]
        // (the error of 1 - alpha is below half an ulp of 1), so initialValue * decayed cannot overflow
        double decayed = (1 - alpha) * cosineDecayed + alpha;
        return initialValue * decayed;
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

    public int getFirstDecaySteps() {
        return firstDecaySteps;
    }

    public double getTMul() {
        return tMul;
    }

    public double getMMul() {
        return mMul;
    }

    public double getAlpha() {
        return alpha;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CosineDecayRestartsSchedule)) {
            return false;
        }
        CosineDecayRestartsSchedule that = (CosineDecayRestartsSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && firstDecaySteps == that.firstDecaySteps
                && Double.compare(tMul, that.tMul) == 0
                && Double.compare(mMul, that.mMul) == 0
                && Double.compare(alpha, that.alpha) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, firstDecaySteps, tMul, mMul, alpha);
    }

    @Override
    public String toString() {
        return "CosineDecayRestartsSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", firstDecaySteps=" + firstDecaySteps + ", tMul=" + tMul + ", mMul=" + mMul + ", alpha=" + alpha
                + ")";
    }
}
