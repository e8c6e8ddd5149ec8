package dev.lrsched.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.schedule.ISchedule;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@code ISchedule.valueAt(iteration, epoch)} call, lrsched schedules next to ND4J's.
 *
 * <p>The counters come from a precomputed table of 4096 pseudo-random iterations in
 * {@code [0, 1.2 * TOTAL)} (so every phase, the cosine and the held value after the end are hit and
 * the JIT cannot constant-fold), cycled with an index; the epoch is {@code iteration / 100}. The result
 * is returned, so JMH's Blackhole consumes it. Each schedule runs in its own fork, so its call site is
 * monomorphic, as it is in a DL4J updater that holds one schedule.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ScheduleValueAt -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ScheduleValueAt {

    private static final int MASK = 4095;

    @Param({"nd4j.Fixed", "nd4j.Step", "nd4j.Exponential", "nd4j.Map", "nd4j.Cycle",
            "CosineAnnealing", "Scaled(Cosine)", "Cyclic", "CyclicExpRange", "OneCycle", "Linear",
            "WarmupCosine(Sequential)", "Sequential3", "Function", "Lambda",
            "CosineWarmRestarts", "CosineWarmRestarts(x2)", "Polynomial", "WarmupCosine", "Warmup(Cosine)",
            "WarmupStableDecay", "MultiStep",
            "CosineWarmRestartsDecay(x2)", "OneCycleMomentum", "InverseSqrt", "WarmupStableDecaySchedule",
            "WarmupCosineHardRestarts", "CosineDecayRestarts", "ExponentialDecay", "InverseTimeDecay",
            "PiecewiseConstant", "PolynomialDecay", "Noisy(Cosine)"})
    public String schedule;

    private ISchedule s;
    private int[] iterations;
    private int[] epochs;
    private int i;

    @Setup
    public void setUp() {
        s = BenchSchedules.create(schedule);
        SplittableRandom random = new SplittableRandom(42);
        iterations = new int[MASK + 1];
        epochs = new int[MASK + 1];
        for (int k = 0; k <= MASK; k++) {
            iterations[k] = random.nextInt(BenchSchedules.TOTAL * 6 / 5);
            epochs[k] = iterations[k] / 100;
        }
    }

    @Benchmark
    public double valueAt() {
        int k = i++ & MASK;
        return s.valueAt(iterations[k], epochs[k]);
    }
}
