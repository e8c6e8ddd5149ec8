package dev.lrsched.bench;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The convergence table of docs/performance.md: for each task and LR policy, over 5 seeds (seed = data
 * generation, weight init and shuffling), the first epoch whose validation accuracy reaches a fixed
 * threshold and the validation accuracy after the last epoch. All policies share the task's peak /
 * base learning rate; only its shape over time differs. Not JMH: a plain program.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.Convergence}
 * (arguments: task names to run, default all; {@code -Dseeds=N}, default 5).
 */
public final class Convergence {

    static final int SEEDS = Integer.getInteger("seeds", 5);

    private Convergence() {
    }

    /** One training task: data, network factory, updater factory, sizes. */
    record Task(String name, double baseLr, int batch, int epochs, double threshold,
                Function<Long, Data.Split> data, BiFunction<IUpdater, Long, MultiLayerNetwork> net,
                Function<ISchedule, IUpdater> updater, String description) {
    }

    /** A learning-rate policy: a schedule for the updater, optionally the plateau listener. */
    record Policy(String name, boolean plateau, PolicySchedule schedule) {
    }

    @FunctionalInterface
    interface PolicySchedule {
        ISchedule create(double lr, int epochs, int itersPerEpoch);
    }

    static List<Policy> policies() {
        ScheduleType it = ScheduleType.ITERATION;
        return List.of(
                new Policy("constant", false, (lr, e, n) -> new FixedSchedule(lr)),
                new Policy("nd4j StepSchedule (x0.5 every epochs/4)", false,
                        (lr, e, n) -> new StepSchedule(ScheduleType.EPOCH, lr, 0.5, Math.max(1, e / 4))),
                new Policy("cosine (to lr/100)", false,
                        (lr, e, n) -> new CosineAnnealingSchedule(it, lr, lr / 100, e * n)),
                new Policy("warmup 2 epochs + cosine", false, (lr, e, n) -> SequentialSchedule.of(it,
                        new LinearSchedule(it, lr, 0.01, 1.0, 2 * n), 2 * n,
                        new CosineAnnealingSchedule(it, lr, lr / 100, (e - 2) * n))),
                new Policy("one-cycle (max = lr)", false,
                        (lr, e, n) -> new OneCycleSchedule(it, lr, e * n, 0.3, AnnealStrategy.COS, 25, 1e4, false)),
                new Policy("constant + plateau (val loss, x0.5, patience 3)", true, (lr, e, n) -> new FixedSchedule(lr)));
    }

    static List<Task> tasks() {
        return List.of(
                new Task("spirals", 0.01, 32, 30, 0.97,
                        seed -> Data.split(Data.spirals(3, 300, 0.2, seed), 0.7),
                        (u, seed) -> Nets.mlp(2, 32, 3, u, seed), Adam::new,
                        "3-arm spirals, 900 points (2 features, angle noise 0.2), 70/30 split; 2-32-32-3 ReLU MLP, "
                                + "Adam, lr 0.01, batch 32, 30 epochs; threshold 97% validation accuracy"),
                new Task("ionosphere-like", 0.1, 24, 50, 0.85,
                        seed -> Data.split(Data.ionosphereLike(351, seed), 0.7),
                        (u, seed) -> Nets.ionosphere(u, seed), Sgd::new,
                        "ionosphere-shaped, 351 rows x 34 features, binary, 70/30 split; 34-34-1 ReLU/sigmoid MLP, "
                                + "SGD, lr 0.1, batch 24, 50 epochs; threshold 85% validation accuracy"));
    }

    public static void main(String[] args) {
        if (System.getenv("OMP_NUM_THREADS") == null) {
            System.err.println("note: OMP_NUM_THREADS is not set; ND4J will use every core");
        }
        long t0 = System.nanoTime();
        for (Task task : tasks()) {
            if (args.length > 0 && !List.of(args).contains(task.name())) {
                continue;
            }
            System.out.println();
            System.out.println("### " + task.name());
            System.out.println();
            System.out.println(task.description() + ". " + SEEDS + " seeds.");
            System.out.println();
            System.out.println("| policy | epochs to threshold (mean ± sd) | reached | final val acc (mean ± sd) "
                    + "| final min–max | best val acc (mean) |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Policy p : policies()) {
                List<Double> reachEpochs = new ArrayList<>();
                double[] finals = new double[SEEDS];
                double[] bests = new double[SEEDS];
                for (int s = 0; s < SEEDS; s++) {
                    double[] curve = run(task, p, 1000L + s);
                    int reached = -1;
                    double best = 0;
                    for (int e = 0; e < curve.length; e++) {
                        if (reached < 0 && curve[e] >= task.threshold()) {
                            reached = e + 1;
                        }
                        best = Math.max(best, curve[e]);
                    }
                    if (reached > 0) {
                        reachEpochs.add((double) reached);
                    }
                    finals[s] = curve[curve.length - 1];
                    bests[s] = best;
                }
                double[] re = reachEpochs.stream().mapToDouble(Double::doubleValue).toArray();
                System.out.println(String.format(Locale.ROOT, "| %s | %s | %d/%d | %.3f ± %.3f | %.3f–%.3f | %.3f |",
                        p.name(), re.length == 0 ? "never" : String.format(Locale.ROOT, "%.1f ± %.1f", mean(re), sd(re)),
                        re.length, SEEDS, mean(finals), sd(finals), min(finals), max(finals), mean(bests)));
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "(total %.1f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    /** Validation accuracy after each epoch. */
    static double[] run(Task task, Policy policy, long seed) {
        Nd4j.getRandom().setSeed(seed);
        Data.Split split = task.data().apply(seed);
        BatchIterator train = new BatchIterator(split.train().x(), split.train().y(), task.batch(), seed);
        BatchIterator val = new BatchIterator(split.validation().x(), split.validation().y(), 64, null);
        int itersPerEpoch = train.batches().size();
        ISchedule schedule = policy.schedule().create(task.baseLr(), task.epochs(), itersPerEpoch);
        MultiLayerNetwork net = task.net().apply(task.updater().apply(schedule), seed);
        if (policy.plateau()) {
            BatchIterator plateauVal = new BatchIterator(split.validation().x(), split.validation().y(), 64, null);
            net.addListeners(ReduceLROnPlateauListener.builder()
                    .validation(plateauVal, Metric.LOSS)
                    .factor(0.5).patience(3).build());
        }
        INDArray vx = Nd4j.create(split.validation().x());
        double[][] vy = split.validation().y();
        double[] curve = new double[task.epochs()];
        for (int e = 0; e < task.epochs(); e++) {
            train.reset();
            net.fit(train);
            curve[e] = accuracy(net.output(vx, false), vy);
        }
        return curve;
    }

    static double accuracy(INDArray out, double[][] y) {
        int correct = 0;
        for (int r = 0; r < y.length; r++) {
            int pred;
            int truth;
            if (y[r].length == 1) {
                pred = out.getDouble(r, 0) >= 0.5 ? 1 : 0;
                truth = y[r][0] >= 0.5 ? 1 : 0;
            } else {
                pred = 0;
                truth = 0;
                for (int c = 1; c < y[r].length; c++) {
                    if (out.getDouble(r, c) > out.getDouble(r, pred)) {
                        pred = c;
                    }
                    if (y[r][c] > y[r][truth]) {
                        truth = c;
                    }
                }
            }
            if (pred == truth) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
