package dev.lrsched.bench;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Paired, interleaved A/B timing in one JVM, for comparisons that must resolve ~1% on a shared machine
 * whose load drifts by far more than that between JMH forks. Each round times the baseline and the
 * candidate back to back (order alternating every round), so a load change hits both; the reported
 * figure is the median of the per-round ratios, with the 10th–90th percentile of those ratios as spread.
 * <ul>
 *   <li>{@code fit}: {@link FitOverhead}'s network and data, ND4J {@code FixedSchedule} vs each schedule;
 *       a round = 20 iterations of each network (its iteration counter walking the schedule).</li>
 *   <li>{@code plateau}: {@link PlateauOverhead}'s set-up, bare {@code net.evaluate(validation)} vs the
 *       listener's epoch end with {@code evaluateEveryEpochs(1)} and {@code (5)}; a round = 5 epoch ends.</li>
 * </ul>
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.Interleaved fit plateau}
 */
public final class Interleaved {

    static final int ROUNDS = Integer.getInteger("rounds", 31);

    private Interleaved() {
    }

    public static void main(String[] args) {
        List<String> what = args.length == 0 ? List.of("fit", "plateau") : List.of(args);
        if (what.contains("fit")) {
            fit();
        }
        if (what.contains("plateau")) {
            plateau();
        }
    }

    static void fit() {
        Data.Set data = Data.spirals(3, FitOverhead.BATCHES * 32 / 3 + 1, 0.2, 7);
        List<DataSet> batches = new BatchIterator(data.x(), data.y(), 32, null).batches()
                .subList(0, FitOverhead.BATCHES);
        List<String> names = List.of("nd4j.Step", "CosineAnnealing", "CosineWarmRestarts(x2)", "Cyclic",
                "OneCycle", "WarmupCosine", "Warmup(Cosine)", "Sequential3", "Function", "Lambda", "nd4j.Fixed");
        System.out.println();
        System.out.println("| schedule vs nd4j.Fixed | baseline µs/iteration (median) | ratio (median of " + ROUNDS
                + " rounds) | p10–p90 of ratios |");
        System.out.println("|---|---:|---:|---:|");
        for (String name : names) {
            Nd4j.getRandom().setSeed(7);
            MultiLayerNetwork base = Nets.mlp(2, 64, 3, new Adam(BenchSchedules.create("nd4j.Fixed")), 7);
            MultiLayerNetwork cand = Nets.mlp(2, 64, 3, new Adam(BenchSchedules.create(name)), 7);
            for (int w = 0; w < 10; w++) {
                fitOnce(base, batches, w);
                fitOnce(cand, batches, w);
            }
            double[] ratios = new double[ROUNDS];
            double[] baseTimes = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long tb;
                long tc;
                if ((r & 1) == 0) {
                    tb = fitOnce(base, batches, r);
                    tc = fitOnce(cand, batches, r);
                } else {
                    tc = fitOnce(cand, batches, r);
                    tb = fitOnce(base, batches, r);
                }
                ratios[r] = (double) tc / tb;
                baseTimes[r] = tb / 1e3 / batches.size();
            }
            print(name, baseTimes, ratios);
        }
    }

    private static long fitOnce(MultiLayerNetwork net, List<DataSet> batches, int round) {
        net.setIterationCount((round * 1237) % BenchSchedules.TOTAL);
        long t = System.nanoTime();
        for (DataSet ds : batches) {
            net.fit(ds);
        }
        return System.nanoTime() - t;
    }

    static void plateau() {
        PlateauOverhead p = new PlateauOverhead();
        p.setUp();
        System.out.println();
        System.out.println("| per epoch end vs bare net.evaluate | bare µs (median) | ratio (median of " + ROUNDS
                + " rounds) | p10–p90 of ratios |");
        System.out.println("|---|---:|---:|---:|");
        String[] names = {"listener ACCURACY, evaluateEveryEpochs(1)", "listener ACCURACY, evaluateEveryEpochs(5)",
                "listener LOSS (1) vs bare DataSetLossCalculator"};
        for (int which = 0; which < names.length; which++) {
            for (int w = 0; w < 10; w++) {
                timePlateau(p, -1 - which);
                timePlateau(p, which);
            }
            double[] ratios = new double[ROUNDS];
            double[] baseTimes = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long tb;
                long tc;
                if ((r & 1) == 0) {
                    tb = timePlateau(p, -1 - which);
                    tc = timePlateau(p, which);
                } else {
                    tc = timePlateau(p, which);
                    tb = timePlateau(p, -1 - which);
                }
                ratios[r] = (double) tc / tb;
                baseTimes[r] = tb / 1e3 / 5;
            }
            print(names[which], baseTimes, ratios);
        }
    }

    /** 5 epoch ends of: which >= 0 a listener, which < 0 the matching bare evaluation. */
    private static long timePlateau(PlateauOverhead p, int which) {
        long t = System.nanoTime();
        for (int k = 0; k < 5; k++) {
            switch (which) {
                case 0 -> p.listenerAccuracyEvery1();
                case 1 -> p.listenerAccuracyEvery5();
                case 2 -> p.listenerLossEvery1();
                case -3 -> p.bareLoss();
                default -> p.bareEvaluate();
            }
        }
        return System.nanoTime() - t;
    }

    private static void print(String name, double[] baseTimes, double[] ratios) {
        double[] r = ratios.clone();
        Arrays.sort(r);
        double[] b = baseTimes.clone();
        Arrays.sort(b);
        System.out.println(String.format(Locale.ROOT, "| %s | %.0f | %.3f | %.3f–%.3f |", name, b[b.length / 2],
                r[r.length / 2], r[(int) (0.1 * (r.length - 1))], r[(int) Math.ceil(0.9 * (r.length - 1))]));
        System.out.flush();
    }
}
