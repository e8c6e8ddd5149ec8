package dev.lrsched.schedules;

import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.support.StrictJson;
import java.io.ObjectStreamException;
import java.util.Objects;
import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * timm's learning-rate noise around any schedule: inside a step range the wrapped value is multiplied by
 * {@code 1 + noise}, where the relative noise is a pure function of ({@code noiseSeed}, step), so a
 * resumed run sees exactly the values of an uninterrupted one.
 *
 * <pre>
 *   t        = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   v        = schedule.valueAt(iteration, epoch)      (the counters are passed unchanged; past 2^31 a
 *              schedule that does not read them unsigned is held at Integer.MAX_VALUE, see Counters)
 *   value(t) = v + v * noise(t)     if noiseRangeStart &lt;= t &lt; noiseRangeEnd
 *            = v                    otherwise
 *   bits(t)  = the (t+1)-th output of SplitMix64 seeded with noiseSeed
 *              (= new java.util.SplittableRandom(noiseSeed), t+1 calls of nextLong())
 *   UNIFORM: noise(t) = 2 * (u - 0.5) * noisePct,  u = (bits &gt;&gt;&gt; 11) / 2^53 in [0, 1)
 *   NORMAL:  noise(t) = noiseStd * sqrt(2) * erfinv(w * erf(noisePct / (noiseStd * sqrt(2)))),
 *            w = ((bits &gt;&gt;&gt; 11) + 0.5) / 2^52 - 1 in (-1, 1)
 *            i.e. a normal deviate of standard deviation noiseStd truncated to (-noisePct, noisePct)
 * </pre>
 *
 * <p>Matches timm's {@code Scheduler} noise ({@code noise_range_t}, {@code noise_type},
 * {@code noise_pct}, {@code noise_std}, {@code noise_seed}) in every deterministic part: the range
 * ({@code noise_range_t = n} is {@code [n, end)}, {@code [lo, hi]} is {@code [lo, hi)}), the formula
 * {@code v + v * noise}, and the distribution of the noise. It differs in the random numbers: timm
 * seeds a fresh {@code torch.Generator} (Mersenne Twister) with {@code noise_seed + t} and, for
 * {@code 'normal'}, redraws {@code torch.randn} until {@code |noise| < noise_pct}; lrsched hashes
 * ({@code noiseSeed}, t) with SplitMix64 and maps one uniform number through the truncated normal's
 * inverse distribution function, so the same seed gives different (equally distributed) values than
 * timm, with no loop. Like timm's, the noise depends only on the seed and the step: a resumed run
 * and an uninterrupted one get identical values. timm accepts {@code noise_std} but never reads it
 * (its normal noise has standard deviation 1 before truncation); lrsched applies {@code noiseStd}, so
 * {@code noiseStd = 1} is timm's distribution. Also unlike timm, seeds {@code s} and {@code s + 1}
 * give unrelated sequences (in timm, seed 43 at step t repeats seed 42 at step t + 1).
 *
 * <p>{@code noisePct <= 1} keeps {@code 1 + noise >= 0}, so a non-negative schedule stays
 * non-negative (timm does not check; {@code noise_pct > 1} can make its learning rate negative). If
 * {@code v + v * noise} overflows to Infinity although {@code v} is finite (only for values above
 * {@code Double.MAX_VALUE / (1 + noisePct)}), {@link #valueAt} throws {@link IllegalStateException}
 * naming the counters, as {@link ScaledSchedule} does. NaN or negative values of a foreign wrapped
 * schedule are passed through (multiplied by {@code 1 + noise}): they are that schedule's bug. The
 * inverse error function is commons-math3's {@code Erf.erfInv} (a dependency of nd4j-api).
 *
 * <p>Usage: {@code new Adam(NoisySchedule.builder(ScheduleType.EPOCH, cosine).noiseRange(40, 90).build())}
 * (timm {@code noise_range_t=[40, 90]} with its defaults {@code noise_pct=0.67}, {@code noise_std=1},
 * {@code noise_seed=42}, normal).
 *
 * <p>Immutable and thread-safe if the wrapped schedule is; {@link #valueAt} is a closed form and
 * allocates nothing.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class NoisySchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    /** {@code noiseRangeEnd} meaning "no end": one past the largest unsigned counter, 2<sup>32</sup>. */
    public static final long NO_END = 1L << 32;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double SQRT2 = Math.sqrt(2.0);
    /** Below this truncation bound (in standard deviations / sqrt 2) the truncated normal is uniform to 1e-16. */
    private static final double UNIFORM_LIMIT = 1e-8;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("schedule")
    private final ISchedule schedule;
    @JsonProperty("noiseType")
    private final NoiseType noiseType;
    @JsonProperty("noisePct")
    private final double noisePct;
    @JsonProperty("noiseStd")
    private final double noiseStd;
    @JsonProperty("noiseSeed")
    private final long noiseSeed;
    @JsonProperty("noiseRangeStart")
    private final long noiseRangeStart;
    @JsonProperty("noiseRangeEnd")
    private final long noiseRangeEnd;

    // derived from the fields above (not persisted; recomputed by the constructor, also on deserialization)
    private final double erfBound;
    private final boolean nearlyUniform;

    /**
     * @param scheduleType    which DL4J counter selects the noise range and the noise (timm
     *                        {@code t_in_epochs}: EPOCH; per update: ITERATION)
     * @param schedule        the schedule to perturb; not null
     * @param noiseType       NORMAL (timm's default) or UNIFORM; not null
     * @param noisePct        bound of the relative noise (timm {@code noise_pct}, default 0.67); in
     *                        {@code (0, 1]}
     * @param noiseStd        standard deviation of the normal noise before truncation (timm
     *                        {@code noise_std}, default 1; unused for UNIFORM); finite, {@code > 0}
     * @param noiseSeed       seed (timm {@code noise_seed}, default 42); any {@code long}
     * @param noiseRangeStart first step with noise (timm {@code noise_range_t[0]}); in {@code [0, 2^32]}
     * @param noiseRangeEnd   first step without noise again (timm {@code noise_range_t[1]}; {@link #NO_END}
     *                        for none); in {@code (noiseRangeStart, 2^32]}
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public NoisySchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                         @JsonProperty("schedule") ISchedule schedule,
                         @JsonProperty("noiseType") NoiseType noiseType,
                         @JsonProperty("noisePct") double noisePct,
                         @JsonProperty("noiseStd") double noiseStd,
                         @JsonProperty("noiseSeed") long noiseSeed,
                         @JsonProperty("noiseRangeStart") long noiseRangeStart,
                         @JsonProperty("noiseRangeEnd") long noiseRangeEnd) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.schedule = Checks.notNull("schedule", schedule);
        ScheduleNesting.checkDepth("NoisySchedule", schedule);
        this.noiseType = Checks.notNull("noiseType", noiseType);
        this.noisePct = Checks.inLeftOpenRange("noisePct", noisePct, 0.0, 1.0);
        this.noiseStd = Checks.positive("noiseStd", noiseStd);
        this.noiseSeed = noiseSeed;
        Checks.check(noiseRangeStart >= 0 && noiseRangeStart <= NO_END,
                "noiseRangeStart must be in [0, " + NO_END + "], got " + noiseRangeStart);
        Checks.check(noiseRangeEnd > noiseRangeStart && noiseRangeEnd <= NO_END, "noiseRangeEnd must be in "
                + "(noiseRangeStart (" + noiseRangeStart + "), " + NO_END + "], got " + noiseRangeEnd);
        this.noiseRangeStart = noiseRangeStart;
        this.noiseRangeEnd = noiseRangeEnd;
        // the truncation bound in units of noiseStd * sqrt(2); divided in two steps so that it cannot overflow
        double bound = noisePct / noiseStd / SQRT2;
        this.nearlyUniform = bound < UNIFORM_LIMIT;
        this.erfBound = nearlyUniform ? 0.0 : Erf.erf(bound);
    }

    /** A builder with timm's defaults: NORMAL, {@code noisePct 0.67}, {@code noiseStd 1}, seed 42, every step. */
    public static Builder builder(ScheduleType scheduleType, ISchedule schedule) {
        return new Builder(scheduleType, schedule);
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch);
        double v = Counters.valueAtStep(schedule, scheduleType, iteration, epoch, t); // = schedule.valueAt(iteration, epoch) below 2^31
        if (t < noiseRangeStart || t >= noiseRangeEnd) {
            return v;
        }
        double value = v + v * noise(t);
        if (value == Double.POSITIVE_INFINITY && v != Double.POSITIVE_INFINITY) {
            throw new IllegalStateException("NoisySchedule: " + v + " (the value of " + schedule + " at iteration "
                    + Counters.unsigned(iteration) + ", epoch " + Counters.unsigned(epoch)
                    + ") times 1 + noise overflows to Infinity; a schedule value must be finite");
        }
        return value;
    }

    /**
     * The relative noise at step {@code t} (whether or not {@code t} is inside the noise range): in
     * {@code [-noisePct, noisePct]}, a pure function of ({@code noiseSeed}, {@code t}).
     */
    public double noise(long t) {
        long bits = mix64(noiseSeed + (t + 1) * GOLDEN_GAMMA) >>> 11; // 53 random bits
        if (noiseType == NoiseType.UNIFORM) {
            return 2 * (bits * 0x1.0p-53 - 0.5) * noisePct; // timm: 2 * (rand - 0.5) * noise_pct
        }
        double w = (bits + 0.5) * 0x1.0p-52 - 1.0; // in (-1, 1), never an endpoint
        double n = nearlyUniform ? w * noisePct : noiseStd * SQRT2 * Erf.erfInv(w * erfBound);
        return Math.max(-noisePct, Math.min(noisePct, n)); // only rounding can reach the bound
    }

    /** SplitMix64's output function (the one {@link java.util.SplittableRandom} uses). */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Java deserialization: re-validate and recompute the derived fields (the stream could hold anything). */
    private Object readResolve() throws ObjectStreamException {
        return new NoisySchedule(scheduleType, schedule, noiseType, noisePct, noiseStd, noiseSeed, noiseRangeStart,
                noiseRangeEnd);
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    public NoiseType getNoiseType() {
        return noiseType;
    }

    public double getNoisePct() {
        return noisePct;
    }

    public double getNoiseStd() {
        return noiseStd;
    }

    public long getNoiseSeed() {
        return noiseSeed;
    }

    public long getNoiseRangeStart() {
        return noiseRangeStart;
    }

    public long getNoiseRangeEnd() {
        return noiseRangeEnd;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NoisySchedule)) {
            return false;
        }
        NoisySchedule that = (NoisySchedule) o;
        return scheduleType == that.scheduleType
                && schedule.equals(that.schedule)
                && noiseType == that.noiseType
                && Double.compare(noisePct, that.noisePct) == 0
                && Double.compare(noiseStd, that.noiseStd) == 0
                && noiseSeed == that.noiseSeed
                && noiseRangeStart == that.noiseRangeStart
                && noiseRangeEnd == that.noiseRangeEnd;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, schedule, noiseType, noisePct, noiseStd, noiseSeed, noiseRangeStart,
                noiseRangeEnd);
    }

    @Override
    public String toString() {
        return "NoisySchedule(scheduleType=" + scheduleType + ", schedule=" + schedule + ", noiseType=" + noiseType
                + ", noisePct=" + noisePct + ", noiseStd=" + noiseStd + ", noiseSeed=" + noiseSeed
                + ", noiseRangeStart=" + noiseRangeStart + ", noiseRangeEnd=" + noiseRangeEnd + ")";
    }

    /** Builder with timm's defaults; {@link #build()} validates. */
    public static final class Builder {
        private final ScheduleType scheduleType;
        private final ISchedule schedule;
        private NoiseType noiseType = NoiseType.NORMAL;
        private double noisePct = 0.67;
        private double noiseStd = 1.0;
        private long noiseSeed = 42;
        private long noiseRangeStart = 0;
        private long noiseRangeEnd = NO_END;

        private Builder(ScheduleType scheduleType, ISchedule schedule) {
            this.scheduleType = scheduleType;
            this.schedule = schedule;
        }

        /** timm {@code noise_type}; default NORMAL. */
        public Builder noiseType(NoiseType noiseType) {
            this.noiseType = noiseType;
            return this;
        }

        /** timm {@code noise_pct}; default 0.67. */
        public Builder noisePct(double noisePct) {
            this.noisePct = noisePct;
            return this;
        }

        /** timm {@code noise_std} (which timm itself ignores); default 1. */
        public Builder noiseStd(double noiseStd) {
            this.noiseStd = noiseStd;
            return this;
        }

        /** timm {@code noise_seed}; default 42. */
        public Builder noiseSeed(long noiseSeed) {
            this.noiseSeed = noiseSeed;
            return this;
        }

        /** timm {@code noise_range_t=[start, end]}: noise for {@code start <= t < end}. */
        public Builder noiseRange(long start, long end) {
            this.noiseRangeStart = start;
            this.noiseRangeEnd = end;
            return this;
        }

        /** timm {@code noise_range_t=start}: noise for every {@code t >= start}. */
        public Builder noiseFrom(long start) {
            return noiseRange(start, NO_END);
        }

        public NoisySchedule build() {
            return new NoisySchedule(scheduleType, schedule, noiseType, noisePct, noiseStd, noiseSeed,
                    noiseRangeStart, noiseRangeEnd);
        }
    }
}
