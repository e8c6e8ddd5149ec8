package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.ObjectStreamException;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing with warm restarts (SGDR): a half cosine from a peak down to {@code minValue}
 * over {@code firstPeriod} steps, then a restart at the peak, each cycle {@code periodMultiplier}
 * times longer than the previous one, the peak optionally shrinking by {@code restartDecay} per
 * restart.
 *
 * <pre>
 *   t         = the counter selected by scheduleType (iteration or epoch), read unsigned
 *   T_0       = firstPeriod, T_mult = periodMultiplier
 *   start(n)  = T_0 * n                                   if T_mult == 1
 *             = T_0 * (T_mult^n - 1) / (T_mult - 1)       otherwise     (first step of cycle n)
 *   n         = the cycle with start(n) &lt;= t &lt; start(n+1)
 *   T_i       = T_0 * T_mult^n                            (length of cycle n)
 *   T_cur     = t - start(n)                              (position inside cycle n)
 *   peak_n    = max(minValue, initialValue * restartDecay^n)
 *   k         = kDecay (1 = plain cosine)
 *   value(t)  = minValue + (peak_n - minValue) * (1 + cos(pi * (T_cur / T_i)^k)) / 2
 *   value(t)  = minValue                                  if cycleLimit &gt; 0 and n &gt;= cycleLimit
 * </pre>
 *
 * <p>With {@code restartDecay = 1} this matches PyTorch
 * {@code CosineAnnealingWarmRestarts(optimizer, T_0=firstPeriod, T_mult=periodMultiplier, eta_min=minValue)}
 * stepped once per step ({@code scheduler.step()} without argument), for every {@code t}.
 * {@code restartDecay < 1} is timm's {@code CosineLRScheduler(cycle_decay=restartDecay)} peak decay
 * (restart {@code n} peaks at {@code initialValue * restartDecay^n}, never below {@code minValue}).
 *
 * <p>timm options ({@code CosineLRScheduler}, for an integer {@code cycle_mul}): {@code cycleLimit} is
 * {@code cycle_limit}: after that many cycles the value holds {@code minValue} (timm's default 1 is a
 * single cosine; lrsched's default 0 means no limit, torch's behaviour). {@code kDecay} is
 * {@code k_decay}: timm writes {@code T_cur^k / T_i^k}, lrsched the same quantity as
 * {@code (T_cur / T_i)^k}, which cannot overflow (timm's form raises {@code OverflowError} in Python
 * once {@code T_i^k} exceeds {@code Double.MAX_VALUE}). {@code k > 1} keeps the value high for longer,
 * {@code k < 1} drops it sooner. A single cosine with k-decay is {@code cycleLimit = 1}. timm's warmup
 * ({@code warmup_t}, {@code warmup_lr_init}, {@code warmup_prefix}) is a {@link WarmupSchedule} around
 * this schedule.
 *
 * <p>Where it deliberately differs from torch: the cycle index is computed with exact {@code long}
 * arithmetic (for {@code T_mult >= 2} from a table of the cycle starts below 2<sup>32</sup>, built once by
 * the constructor), so it is exact at every restart point. Torch's {@code scheduler.step(epoch)} computes
 * {@code int(math.log(epoch / T_0 * (T_mult - 1) + 1, T_mult))} in floating point and is one cycle
 * short at some restart points: {@code T_0=1, T_mult=3, step(121)} gives {@code eta_min} (end of
 * cycle 4) where the exact answer, and torch's own step-by-step result, is the restart of cycle 5
 * at {@code initialValue}. The schedule never ends: it restarts forever, also for unsigned counters
 * up to 2<sup>32</sup>-1, without overflow for any {@code firstPeriod} and {@code periodMultiplier}.
 *
 * <p>Usage: {@code new Adam(CosineWarmRestartsSchedule.of(ScheduleType.EPOCH, 1e-3, 1e-5, 10, 2))}.
 *
 * <p>Immutable and thread-safe; {@link #valueAt} does no loop over cycles and allocates nothing: the
 * constructor precomputes the cycle starts and the decayed peaks ({@code restartDecay^n} with
 * {@code Math.pow}, so the values are bit-identical to evaluating the formula on every call).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class CosineWarmRestartsSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;
    /** The largest counter lrsched reads (unsigned 32-bit). */
    private static final long MAX_COUNTER = 0xFFFF_FFFFL;
    private static final int COUNTER_BITS = 32;
    /** More than the starts of any T_mult >= 2 schedule below 2^32 (at most 33) plus the one beyond. */
    private static final int MAX_STARTS = COUNTER_BITS + 2;
    /** Cycles whose peak a T_mult = 1 schedule looks up instead of computing. */
    private static final int PEAK_TABLE_SIZE = 64;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("minValue")
    private final double minValue;
    @JsonProperty("firstPeriod")
    private final int firstPeriod;
    @JsonProperty("periodMultiplier")
    private final int periodMultiplier;
    @JsonProperty("restartDecay")
    private final double restartDecay;
    @JsonProperty("cycleLimit")
    private final int cycleLimit;
    @JsonProperty("kDecay")
    private final double kDecay;

    // Derived from the fields above by every constructor; not part of JSON, equals or hashCode.
    /** {@code start(n)}, see {@link #cycleStarts(long, long)}; null for {@code T_mult = 1}. */
    private final long[] cycleStarts;
    /** Cycle index by bit length of the counter, see {@link #cycleAtBitLength(long[])}; null for {@code T_mult = 1}. */
    private final byte[] cycleAtBitLength;
    /** {@code peak_n} for the first {@code peaks.length} cycles. */
    private final double[] peaks;

    /**
     * @param scheduleType     which DL4J counter drives the schedule (ITERATION or EPOCH)
     * @param initialValue     value at step 0 and peak of the first cycle (torch: the optimizer's
     *                         {@code lr}); finite, {@code >= 0}
     * @param minValue         value the cosine anneals towards ({@code eta_min}); finite, in
     *                         {@code [0, initialValue]}
     * @param firstPeriod      length of the first cycle in steps ({@code T_0}); {@code > 0}
     * @param periodMultiplier factor by which each cycle is longer than the previous one
     *                         ({@code T_mult}); {@code >= 1}
     * @param restartDecay     factor applied to the peak at every restart (timm {@code cycle_decay});
     *                         in {@code (0, 1]}, 1 = torch
     * @param cycleLimit       number of cycles after which the value holds {@code minValue} (timm
     *                         {@code cycle_limit}); {@code >= 0}, 0 = no limit (torch); {@code null}
     *                         means 0
     * @param kDecay           exponent {@code k} applied to the position in the cycle (timm
     *                         {@code k_decay}); finite, {@code > 0}, 1 = plain cosine; {@code null} means 1
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public CosineWarmRestartsSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                                      @JsonProperty("initialValue") double initialValue,
                                      @JsonProperty("minValue") double minValue,
                                      @JsonProperty("firstPeriod") int firstPeriod,
                                      @JsonProperty("periodMultiplier") int periodMultiplier,
                                      @JsonProperty("restartDecay") double restartDecay,
                                      @JsonProperty("cycleLimit") Integer cycleLimit,
                                      @JsonProperty("kDecay") Double kDecay) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.minValue = Checks.inClosedRange("minValue", minValue, 0.0, initialValue);
        this.firstPeriod = Checks.positive("firstPeriod", firstPeriod);
        this.periodMultiplier = Checks.atLeast("periodMultiplier", periodMultiplier, 1);
        this.restartDecay = Checks.inLeftOpenRange("restartDecay", restartDecay, 0.0, 1.0);
        this.cycleLimit = cycleLimit == null ? 0 : Checks.nonNegative("cycleLimit", cycleLimit.intValue());
        this.kDecay = kDecay == null ? 1.0 : Checks.positive("kDecay", kDecay.doubleValue());
        if (periodMultiplier == 1) {
            this.cycleStarts = null;
            this.cycleAtBitLength = null;
            this.peaks = peaks(PEAK_TABLE_SIZE);
        } else {
            this.cycleStarts = cycleStarts(firstPeriod, periodMultiplier);
            this.cycleAtBitLength = cycleAtBitLength(cycleStarts);
            this.peaks = peaks(cycleStarts.length - 1);
        }
    }

    /** No cycle limit, no k-decay: torch, optionally with timm's {@code cycle_decay = restartDecay}. */
    public CosineWarmRestartsSchedule(ScheduleType scheduleType, double initialValue, double minValue, int firstPeriod,
                                      int periodMultiplier, double restartDecay) {
        this(scheduleType, initialValue, minValue, firstPeriod, periodMultiplier, restartDecay, 0, 1.0);
    }

    /**
     * Exactly torch {@code CosineAnnealingWarmRestarts(T_0=firstPeriod, T_mult=periodMultiplier,
     * eta_min=minValue)}: {@code restartDecay = 1}.
     */
    public static CosineWarmRestartsSchedule of(ScheduleType scheduleType, double initialValue, double minValue,
                                                int firstPeriod, int periodMultiplier) {
        return new CosineWarmRestartsSchedule(scheduleType, initialValue, minValue, firstPeriod, periodMultiplier, 1.0);
    }

    /**
     * Java deserialization: re-validate and rebuild the derived tables (the stream could hold anything).
     * The tables are ordinary final fields, so serializers that restore fields without calling a
     * constructor (Kryo's FieldSerializer, DL4J on Spark) carry them along.
     */
    private Object readResolve() throws ObjectStreamException {
        return new CosineWarmRestartsSchedule(scheduleType, initialValue, minValue, firstPeriod, periodMultiplier,
                restartDecay, cycleLimit, kDecay);
    }

    /**
     * {@code start(n)} for {@code n = 0, 1, ...} up to and including the first start beyond the largest
     * unsigned counter 2<sup>32</sup>-1, so {@code cycleStarts[n + 1]} exists for every reachable cycle
     * {@code n}. Exact: for every stored start, {@code start(n) = start(n-1) + T_0 * T_mult^(n-1)} with
     * {@code start(n-1) < 2^32}, hence {@code T_0 * T_mult^(n-1) <= 2^32 * (T_mult - 1) + T_0 < 2^63}.
     */
    private static long[] cycleStarts(long firstPeriod, long multiplier) {
        long[] starts = new long[MAX_STARTS];
        int count = 1; // starts[0] = 0
        long length = firstPeriod;
        while (starts[count - 1] <= MAX_COUNTER) {
            starts[count] = Math.addExact(starts[count - 1], length);
            count++;
            if (starts[count - 1] <= MAX_COUNTER) {
                length = Math.multiplyExact(length, multiplier);
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /**
     * For {@code k = 64 - numberOfLeadingZeros(t)} (0 for {@code t = 0}, else {@code t} in
     * {@code [2^(k-1), 2^k)}), the cycle that contains the smallest {@code t} with that {@code k}. Consecutive
     * positive starts grow by more than a factor 2 ({@code start(n+1) = T_mult * start(n) + T_0}), so at most
     * one start lies inside such a range: the cycle of any {@code t} is this entry or the next one.
     */
    private static byte[] cycleAtBitLength(long[] starts) {
        byte[] cycles = new byte[COUNTER_BITS + 1];
        int n = 0;
        for (int k = 0; k <= COUNTER_BITS; k++) {
            long lowest = k == 0 ? 0 : 1L << (k - 1);
            while (starts[n + 1] <= lowest) {
                n++;
            }
            cycles[k] = (byte) n;
        }
        return cycles;
    }

    /**
     * {@code peak_n} for the first cycles, computed with the very expressions {@link #valueAt} used to evaluate
     * on every call, so a lookup is bit-identical to them: every cycle of a {@code T_mult >= 2} schedule
     * (at most 33), the first {@link #PEAK_TABLE_SIZE} cycles of a {@code T_mult = 1} schedule.
     */
    private double[] peaks(int size) {
        double[] p = new double[size];
        for (int n = 0; n < size; n++) {
            p[n] = peak(n);
        }
        return p;
    }

    /** {@code max(minValue, initialValue * restartDecay^n)}; restartDecay == 1 (torch): exactly initialValue. */
    private double peak(long n) {
        return restartDecay == 1.0 ? initialValue : Math.max(minValue, initialValue * Math.pow(restartDecay, n));
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        long t = Counters.step(scheduleType, iteration, epoch); // in [0, 2^32)
        long cycle;
        long position;
        long length;
        if (cycleStarts == null) { // T_mult == 1
            cycle = t / firstPeriod;
            position = t - cycle * firstPeriod; // t % firstPeriod without a second 64-bit division
            length = firstPeriod;
        } else {
            // Exact integer arithmetic, no logarithm: a table lookup by bit length and one comparison.
            int n = cycleAtBitLength[64 - Long.numberOfLeadingZeros(t)];
            if (t >= cycleStarts[n + 1]) {
                n++;
            }
            cycle = n;
            position = t - cycleStarts[n];
            length = cycleStarts[n + 1] - cycleStarts[n]; // T_0 * T_mult^n
        }
        if (cycleLimit != 0 && cycle >= cycleLimit) {
            return minValue; // timm cycle_limit
        }
        // kDecay == 1 (torch): the plain angle, no Math.pow. (T_cur / T_i)^k is in [0, 1) for every k > 0.
        double angle = kDecay == 1.0 ? Math.PI * position / length
                : Math.PI * Math.pow((double) position / length, kDecay);
        double peak = cycle < peaks.length ? peaks[(int) cycle] : peak(cycle);
        // halve (exact) before multiplying: x * (1 + cos) overflows for x near Double.MAX_VALUE
        double value = minValue + (peak - minValue) * ((1.0 + Math.cos(angle)) / 2.0);
        // at most peak before rounding; the sum can round past it by an ulp at a cycle start (as torch's
        // does: kept, values stay torch's bit for bit), near Double.MAX_VALUE to Infinity: then peak
        return value == Double.POSITIVE_INFINITY ? peak : value;
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

    public double getMinValue() {
        return minValue;
    }

    public int getFirstPeriod() {
        return firstPeriod;
    }

    public int getPeriodMultiplier() {
        return periodMultiplier;
    }

    public double getRestartDecay() {
        return restartDecay;
    }

    /** Cycles after which the value holds {@code minValue}; 0 = no limit. */
    public int getCycleLimit() {
        return cycleLimit;
    }

    public double getKDecay() {
        return kDecay;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CosineWarmRestartsSchedule)) {
            return false;
        }
        CosineWarmRestartsSchedule that = (CosineWarmRestartsSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && Double.compare(minValue, that.minValue) == 0
                && firstPeriod == that.firstPeriod
                && periodMultiplier == that.periodMultiplier
                && Double.compare(restartDecay, that.restartDecay) == 0
                && cycleLimit == that.cycleLimit
                && Double.compare(kDecay, that.kDecay) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, minValue, firstPeriod, periodMultiplier, restartDecay, cycleLimit,
                kDecay);
    }

    @Override
    public String toString() {
        return "CosineWarmRestartsSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", minValue=" + minValue + ", firstPeriod=" + firstPeriod + ", periodMultiplier=" + periodMultiplier
                + ", restartDecay=" + restartDecay + ", cycleLimit=" + cycleLimit + ", kDecay=" + kDecay + ")";
    }
}
