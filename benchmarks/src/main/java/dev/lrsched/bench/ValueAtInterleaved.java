package dev.lrsched.bench;

import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.OneCycleMomentumSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Paired, interleaved timing of {@code valueAt} in one JVM, the companion of {@link ScheduleValueAt} for a
 * shared machine whose load drifts between JMH forks by more than the differences measured. Each round times
 * ND4J's {@code StepSchedule} and each candidate back to back over the same 4096-entry counter table as
 * {@link ScheduleValueAt} (order rotating every round), so a load change hits all of them; the figure is the
 * median of the per-round ratios, with the 10th–90th percentile as spread. Every schedule has its own loop with
 * a statically typed receiver, so each call site stays monomorphic (inlined), as in JMH's one-fork-per-schedule
 * set-up. Candidates: {@code CosineWarmRestartsDecay(x2)}, {@code CosineWarmRestarts(x2)}, {@code OneCycle},
 * {@code OneCycleMomentum}, {@code Lambda}, {@code Lambda(WarmupCosine)} (configurations from {@link BenchSchedules}).
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.ValueAtInterleaved}
 * ({@code -Drounds=N}, default 41)
 */
public final class ValueAtInterleaved {

    private static final int ROUNDS = Integer.getInteger("rounds", 41);
    private static final int CALLS = 1 << 21;
    private static final int MASK = 4095;
    private static final String[] NAMES = {"nd4j.Step", "CosineWarmRestartsDecay(x2)", "CosineWarmRestarts(x2)",
            "OneCycle", "OneCycleMomentum", "Lambda", "Lambda(WarmupCosine)"};

    private static final int[] ITERATIONS = new int[MASK + 1];
    private static final int[] EPOCHS = new int[MASK + 1];
    /** Consumes every result, so no loop can be removed. */
    static double sink;

    private ValueAtInterleaved() {
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k <= MASK; k++) {
            ITERATIONS[k] = random.nextInt(BenchSchedules.TOTAL * 6 / 5);
            EPOCHS[k] = ITERATIONS[k] / 100;
        }
        StepSchedule step = (StepSchedule) BenchSchedules.create(NAMES[0]);
        CosineWarmRestartsSchedule decay = (CosineWarmRestartsSchedule) BenchSchedules.create(NAMES[1]);
        CosineWarmRestartsSchedule x2 = (CosineWarmRestartsSchedule) BenchSchedules.create(NAMES[2]);
        OneCycleSchedule oneCycle = (OneCycleSchedule) BenchSchedules.create(NAMES[3]);
        OneCycleMomentumSchedule momentum = (OneCycleMomentumSchedule) BenchSchedules.create(NAMES[4]);
        LambdaSchedule lambda = (LambdaSchedule) BenchSchedules.create(NAMES[5]);
        LambdaSchedule lambdaWarmupCosine = (LambdaSchedule) BenchSchedules.create(NAMES[6]);
        double[][] nsPerCall = new double[NAMES.length][ROUNDS];
        for (int round = -5; round < ROUNDS; round++) { // 5 warm-up rounds
            for (int j = 0; j < NAMES.length; j++) {
                int which = (j + Math.max(round, 0)) % NAMES.length;
                long t0 = System.nanoTime();
                switch (which) {
                    case 0: sink += step(step); break;
                    case 1: sink += restarts(decay); break;
                    case 2: sink += restarts2(x2); break;
                    case 3: sink += oneCycle(oneCycle); break;
                    case 4: sink += momentum(momentum); break;
                    case 5: sink += lambda(lambda); break;
                    default: sink += lambda2(lambdaWarmupCosine); break;
                }
                long elapsed = System.nanoTime() - t0;
                if (round >= 0) {
                    nsPerCall[which][round] = (double) elapsed / CALLS;
                }
            }
        }
        System.out.println("| schedule | ns/call (median) | ratio vs nd4j.Step (median of " + ROUNDS
                + " rounds) | p10–p90 of ratios |");
        System.out.println("|---|---:|---:|---:|");
        for (int i = 0; i < NAMES.length; i++) {
            double[] ratios = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratios[r] = nsPerCall[i][r] / nsPerCall[0][r];
            }
            double[] ns = nsPerCall[i].clone();
            Arrays.sort(ns);
            Arrays.sort(ratios);
            System.out.println(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f–%.2f |", NAMES[i], ns[ROUNDS / 2],
                    ratios[ROUNDS / 2], ratios[ROUNDS / 10], ratios[ROUNDS - 1 - ROUNDS / 10]));
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    private static double step(StepSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    private static double restarts(CosineWarmRestartsSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    /** A copy of {@link #restarts}: its own profile, as if in its own fork. */
    private static double restarts2(CosineWarmRestartsSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    private static double oneCycle(OneCycleSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    private static double momentum(OneCycleMomentumSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    private static double lambda(LambdaSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }

    /** A copy of {@link #lambda}: its own profile, as if in its own fork. */
    private static double lambda2(LambdaSchedule s) {
        double acc = 0;
        for (int i = 0; i < CALLS; i++) {
            acc += s.valueAt(ITERATIONS[i & MASK], EPOCHS[i & MASK]);
        }
        return acc;
    }
}
