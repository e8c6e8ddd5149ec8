package dev.lrsched.bench;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.SuggestionRule;
import dev.lrsched.schedules.OneCycleSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The LR-finder study of docs/lr-finder.md: for each task and seed, run {@link LearningRateFinder}
 * with its defaults on a fresh network, read every {@link SuggestionRule}'s suggestion and the
 * minimum-loss learning rate, then train a fresh copy of the same network (same seed) for a few
 * epochs at a fixed learning rate equal to each suggestion, with a one-cycle schedule (torch defaults,
 * and its momentum) peaking at each suggestion, and at each learning rate of a small fixed grid;
 * report test accuracy. Seeds 1000..1000+N-1 = weight init and minibatch order (the data split is fixed). Not JMH: a plain
 * program, single-threaded.
 *
 * <p>Run (from the repository root):
 * {@code mvn -B -q -Pbench -Djavacpp.platform=linux-x86_64 -DskipTests package && OMP_NUM_THREADS=1
 * java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.FinderStudy [task ...]} with tasks
 * {@code fashion-mlp ionosphere fashion-cnn} (default all), {@code -Dseeds=5},
 * {@code -Dionosphere=path/to/ionosphere.csv}, {@code -Dcurves=file.csv} to also write every recorded
 * curve, {@code -DnoStop=true} to run the finder without its divergence stops (for curve studies),
 * {@code -DfinderOnly=true} to skip the training runs.
 */
public final class FinderStudy {

    static final int SEEDS = Integer.getInteger("seeds", 5);
    static final double MOMENTUM = 0.9;
    static final double[] GRID = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0};

    private FinderStudy() {
    }

    record Task(String name, String description, Data.Set train, Data.Set test, int batch, int epochs,
                BiFunction<IUpdater, Long, MultiLayerNetwork> net) {
    }

    static Task task(String name) {
        switch (name) {
            case "fashion-mlp":
                return new Task(name, "Fashion-MNIST, first 10,000 train / 2,000 test images; 784-256-10 ReLU/softmax MLP,"
                        + " Nesterovs momentum 0.9, batch 64, 3 epochs",
                        RealData.fashionMnist("train", 10_000), RealData.fashionMnist("t10k", 2_000), 64, 3,
                        FinderStudy::fashionMlp);
            case "fashion-cnn":
                return new Task(name, "Fashion-MNIST, first 10,000 train / 2,000 test images; conv 5x5x8 ReLU, max-pool 2,"
                        + " dense 64 ReLU, softmax; Nesterovs momentum 0.9, batch 64, 2 epochs",
                        RealData.fashionMnist("train", 10_000), RealData.fashionMnist("t10k", 2_000), 64, 2,
                        FinderStudy::fashionCnn);
            case "ionosphere": {
                Data.Set all = RealData.ionosphere(Path.of(System.getProperty("ionosphere", defaultIonosphere())));
                return new Task(name, "UCI Ionosphere, first 200 rows train / last 151 test (the UCI split);"
                        + " 34-34-1 ReLU/sigmoid MLP, Nesterovs momentum 0.9, batch 16, 30 epochs",
                        RealData.rows(all, 0, 200), RealData.rows(all, 200, all.size()), 16, 30,
                        (u, seed) -> Nets.ionosphere(u, seed));
            }
            default:
                throw new IllegalArgumentException("task must be fashion-mlp, fashion-cnn or ionosphere, got " + name);
        }
    }

    private static String defaultIonosphere() {
        for (String p : new String[] {"samples/src/main/resources/dev/lrsched/samples/data/ionosphere.csv",
                "dl4j-listeners/src/test/resources/dev/lrsched/listeners/data/ionosphere.csv"}) {
            if (Files.exists(Path.of(p))) {
                return p;
            }
        }
        return "ionosphere.csv";
    }

    static MultiLayerNetwork fashionMlp(IUpdater updater, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork fashionCnn(IUpdater updater, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** One seed's measurements. */
    record SeedResult(LearningRateFinderResult finder, Map<SuggestionRule, Double> suggestion,
                      Map<SuggestionRule, Double> accuracyAt, Map<SuggestionRule, Double> oneCycleAccuracy,
                      double[] gridAccuracy) {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 ? List.of("fashion-mlp", "ionosphere", "fashion-cnn") : List.of(args);
        String curves = System.getProperty("curves");
        StringBuilder csv = new StringBuilder("task,seed,step,lr,loss,smoothed\n");
        long t0 = System.nanoTime();
        for (String name : names) {
            Task task = task(name);
            System.out.println();
            System.out.println("### " + task.name());
            System.out.println();
            System.out.println(task.description() + "; " + SEEDS + " seeds.");
            List<SeedResult> results = new ArrayList<>();
            for (int s = 0; s < SEEDS; s++) {
                long seed = 1000L + s; // not 0: DL4J's .seed(0) does not make weight init repeatable
                SeedResult r = seed(task, seed);
                results.add(r);
                LearningRateFinderResult f = r.finder();
                for (int i = 0; i < f.size(); i++) {
                    csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.17g,%.17g,%.17g%n", task.name(), seed, i,
                            f.learningRates().get(i), f.losses().get(i), f.smoothedLosses().get(i)));
                }
                System.out.printf(Locale.ROOT, "seed %d: %d points, %s; min-loss lr %.3g; %s; grid %s"
                                + " (%.0f s)%n", seed, f.size(), f.stopReason(), f.minLossLearningRate().orElse(Double.NaN),
                        describe(r), Arrays.toString(round(r.gridAccuracy())),
                        (System.nanoTime() - t0) / 1e9);
            }
            summarise(task, results);
        }
        if (curves != null) {
            Files.writeString(Path.of(curves), csv);
        }
        System.out.printf(Locale.ROOT, "%n(total %.0f s)%n", (System.nanoTime() - t0) / 1e9);
    }

    static SeedResult seed(Task task, long seed) {
        LearningRateFinder.Builder fb = LearningRateFinder.builder();
        if (Boolean.getBoolean("noStop")) {
            fb.divergenceThreshold(Double.MAX_VALUE).startLossThreshold(Double.MAX_VALUE);
        }
        LearningRateFinderResult f = fb.build()
                .run(task.net().apply(new Nesterovs(0.01, MOMENTUM), seed), iterator(task.train(), task.batch(), seed));
        Map<SuggestionRule, Double> suggestion = new LinkedHashMap<>();
        Map<SuggestionRule, Double> accuracy = new LinkedHashMap<>();
        Map<SuggestionRule, Double> oneCycle = new LinkedHashMap<>();
        int iterations = (task.train().size() + task.batch() - 1) / task.batch();
        for (SuggestionRule rule : SuggestionRule.values()) {
            OptionalDouble lr = f.suggestion(rule);
            suggestion.put(rule, lr.orElse(Double.NaN));
            accuracy.put(rule, lr.isPresent() ? train(task, new Nesterovs(lr.getAsDouble(), MOMENTUM), seed) : Double.NaN);
            if (lr.isPresent()) {
                OneCycleSchedule schedule = f.oneCycle(rule, task.epochs(), iterations).build();
                oneCycle.put(rule, train(task, new Nesterovs(schedule, schedule.momentum()), seed));
            } else {
                oneCycle.put(rule, Double.NaN);
            }
        }
        double[] grid = new double[GRID.length];
        for (int i = 0; i < GRID.length; i++) {
            grid[i] = train(task, new Nesterovs(GRID[i], MOMENTUM), seed);
        }
        return new SeedResult(f, suggestion, accuracy, oneCycle, grid);
    }

    static BatchIterator iterator(Data.Set set, int batch, long seed) {
        return new BatchIterator(set.x(), set.y(), batch, 7919L * seed + 1);
    }

    /** Test accuracy after {@code task.epochs()} epochs with {@code updater} from the seed's initial weights. */
    static double train(Task task, IUpdater updater, long seed) {
        if (Boolean.getBoolean("finderOnly")) {
            return Double.NaN;
        }
        MultiLayerNetwork net = task.net().apply(updater, seed);
        BatchIterator it = iterator(task.train(), task.batch(), seed);
        for (int e = 0; e < task.epochs(); e++) {
            it.reset();
            net.fit(it);
        }
        INDArray out = net.output(Nd4j.create(task.test().x()), false);
        return Convergence.accuracy(out, task.test().y());
    }

    static String describe(SeedResult r) {
        StringBuilder sb = new StringBuilder();
        for (SuggestionRule rule : SuggestionRule.values()) {
            sb.append(String.format(Locale.ROOT, "%s %.3g -> %.4f (one-cycle %.4f)  ", rule, r.suggestion().get(rule),
                    r.accuracyAt().get(rule), r.oneCycleAccuracy().get(rule)));
        }
        return sb.toString().trim();
    }

    static double[] round(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * 1e4) / 1e4;
        }
        return out;
    }

    static void summarise(Task task, List<SeedResult> results) {
        int n = results.size();
        double[] gridMean = new double[GRID.length];
        for (int i = 0; i < GRID.length; i++) {
            double[] acc = new double[n];
            for (int s = 0; s < n; s++) {
                acc[s] = results.get(s).gridAccuracy()[i];
            }
            gridMean[i] = Convergence.mean(acc);
        }
        int best = 0;
        for (int i = 1; i < GRID.length; i++) {
            if (gridMean[i] > gridMean[best]) {
                best = i;
            }
        }
        System.out.println();
        System.out.println("| rule | suggestion per seed | max / min | below min-loss LR | suggestion / best fixed LR"
                + " | test accuracy, fixed LR = suggestion | test accuracy, one-cycle peaking at the suggestion |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (SuggestionRule rule : SuggestionRule.values()) {
            double[] lr = new double[n];
            double[] acc = new double[n];
            double[] cycle = new double[n];
            int below = 0;
            for (int s = 0; s < n; s++) {
                SeedResult r = results.get(s);
                lr[s] = r.suggestion().get(rule);
                acc[s] = r.accuracyAt().get(rule);
                cycle[s] = r.oneCycleAccuracy().get(rule);
                if (lr[s] < r.finder().minLossLearningRate().orElse(Double.NaN)) {
                    below++;
                }
            }
            System.out.println(String.format(Locale.ROOT, "| %s%s | %s | %.1f | %d/%d | %.2f–%.2f | %.4f ± %.4f | %.4f ± %.4f |",
                    rule, rule == LearningRateFinderResult.DEFAULT_RULE ? " (default)" : "", lrs(lr),
                    Convergence.max(lr) / Convergence.min(lr), below, n, Convergence.min(lr) / GRID[best],
                    Convergence.max(lr) / GRID[best], Convergence.mean(acc), Convergence.sd(acc),
                    Convergence.mean(cycle), Convergence.sd(cycle)));
        }
        double[] minLoss = new double[n];
        for (int s = 0; s < n; s++) {
            minLoss[s] = results.get(s).finder().minLossLearningRate().orElse(Double.NaN);
        }
        System.out.println(String.format(Locale.ROOT, "| (min-loss LR) | %s | %.1f | | | | |", lrs(minLoss),
                Convergence.max(minLoss) / Convergence.min(minLoss)));
        System.out.println();
        StringBuilder header = new StringBuilder("| fixed LR |");
        StringBuilder rule = new StringBuilder("|---|");
        StringBuilder row = new StringBuilder("| test accuracy (mean of " + n + ") |");
        for (int i = 0; i < GRID.length; i++) {
            header.append(' ').append(GRID[i]).append(i == best ? " (best)" : "").append(" |");
            rule.append("---:|");
            row.append(String.format(Locale.ROOT, " %.4f |", gridMean[i]));
        }
        System.out.println(header);
        System.out.println(rule);
        System.out.println(row);
    }

    static String lrs(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2g", d));
        }
        return sb.toString();
    }
}
