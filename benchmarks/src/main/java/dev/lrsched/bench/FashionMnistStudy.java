package dev.lrsched.bench;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.Schedules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The Fashion-MNIST schedule study of docs/performance.md ("What a schedule buys, on real data"): a
 * 784-256-10 ReLU MLP (softmax, cross-entropy) trained on the first 10,000 training images for 10 epochs,
 * batch 64, under nine LR policies and {@code -Dseeds} seeds (default 5); test accuracy on the first 2,000
 * test images after every epoch. Training images 10,000-11,999 are a validation set that only the plateau
 * policy looks at. {@code tools/torch/fashion_mnist_study.py} runs the same protocol in PyTorch.
 *
 * <p>Per seed {@code s}, shared by all policies (so comparisons are paired): the initial weights (PyTorch's
 * default {@code nn.Linear} init, U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for weights and biases) and the minibatch
 * order of epoch {@code e}, {@link #permutation}(10000, 1000 s + e), which the torch script reproduces exactly.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.FashionMnistStudy}
 * (system properties: {@code seeds}, {@code epochs}, {@code policies} = comma-separated keys, {@code sgdLr} = the
 * SGD policies' base LR (default 0.05), {@code data} = folder of the IDX files, {@code out} = folder for the CSV,
 * {@code chart} = PNG file, {@code finderCurve=true} prints the LR finder's curve). {@code FashionMnistStudy plot
 * <curves.csv> <chart.png> <title>} renders a curves CSV (e.g. the torch script's) with the same chart code;
 * {@code FashionMnistStudy panels <dl4j-curves.csv> <torch-curves.csv> <panels.png>} draws one panel per policy
 * with both frameworks' means and the baseline ({@link StudyCharts#panels}).
 */
public final class FashionMnistStudy {

    static final int TRAIN = 10_000;
    static final int VALIDATION = 2_000;
    static final int TEST = 2_000;
    static final int BATCH = 64;
    static final double SGD_LR = 0.05;
    static final double MOMENTUM = 0.9;
    static final double ONE_CYCLE_FIXED_MAX = 0.2;
    static final double ADAM_LR = 1e-3;

    private FashionMnistStudy() {
    }

    /** How a policy builds its updater, given the run's sizes and the LR finder's suggestion. */
    @FunctionalInterface
    interface UpdaterFactory {
        IUpdater create(int itersPerEpoch, int totalIters, double finderLr);
    }

    /** One LR policy; {@code baseline} is the key of the policy it is compared with (paired, per seed). */
    record Policy(String key, String name, String baseline, boolean finder, boolean plateau, UpdaterFactory updater) {
    }

    /** One run: test accuracy and training milliseconds after each epoch. */
    record Run(double[] accuracy, double[] millis, double finderLr, long reductions) {
    }

    /** The nine policies; the SGD ones use base / peak LR {@code lr} (one-cycle: its own maximum). */
    static List<Policy> policies(double lr) {
        ScheduleType it = ScheduleType.ITERATION;
        return List.of(
                new Policy("const", "SGD+momentum constant " + lr, "const", false, false,
                        (n, t, f) -> sgd(new FixedSchedule(lr))),
                new Policy("step", "SGD+m MultiStepLR([5, 8], 0.1)", "const", false, false,
                        (n, t, f) -> sgd(Schedules.multiStep(ScheduleType.EPOCH, lr, 0.1, 5, 8))),
                new Policy("cos", "SGD+m cosine (per iteration, to 0)", "const", false, false,
                        (n, t, f) -> sgd(Schedules.cosine(it, lr, 0.0, t))),
                new Policy("wcos", "SGD+m warmup 1 epoch + cosine", "const", false, false,
                        (n, t, f) -> sgd(Schedules.warmupCosine(it, lr, n, t))),
                new Policy("1cyc-finder", "SGD+m one-cycle, max = LR finder", "const", true, false,
                        (n, t, f) -> sgd(oneCycle(f, t))),
                new Policy("1cyc-fixed", "SGD+m one-cycle, max = " + ONE_CYCLE_FIXED_MAX, "const", false, false,
                        (n, t, f) -> sgd(oneCycle(ONE_CYCLE_FIXED_MAX, t))),
                new Policy("plateau", "SGD+m constant + plateau (val loss, 0.5, patience 1)", "const", false, true,
                        (n, t, f) -> sgd(new FixedSchedule(lr))),
                new Policy("adam", "Adam constant " + ADAM_LR, "adam", false, false,
                        (n, t, f) -> new Adam(new FixedSchedule(ADAM_LR))),
                new Policy("adam-wcos", "Adam warmup 1 epoch + cosine, peak " + ADAM_LR, "adam", false, false,
                        (n, t, f) -> new Adam(Schedules.warmupCosine(it, ADAM_LR, n, t))));
    }

    /** torch {@code OneCycleLR(max_lr, total_steps)} with its defaults, momentum not cycled (kept at 0.9). */
    private static ISchedule oneCycle(double max, int total) {
        return OneCycleSchedule.builder(max, total).scheduleType(ScheduleType.ITERATION).build();
    }

    /** torch {@code SGD(momentum=0.9, nesterov=True)}; DL4J's only momentum SGD is Nesterov's. */
    private static IUpdater sgd(ISchedule lr) {
        return new Nesterovs(lr, MOMENTUM);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("plot")) {
            System.out.println("wrote " + StudyCharts.overview(Path.of(args[1]), Path.of(args[2]),
                    args.length > 3 ? args[3] : args[1]));
            return;
        }
        if (args.length > 0 && args[0].equals("panels")) {
            System.out.println("wrote " + StudyCharts.panels(Path.of(args[1]), Path.of(args[2]), Path.of(args[3])));
            return;
        }
        int seeds = Integer.getInteger("seeds", 5);
        int epochs = Integer.getInteger("epochs", 10);
        Path dataDir = Path.of(System.getProperty("data", FashionMnist.DEFAULT_DIR.toString()));
        Path out = Path.of(System.getProperty("out", "benchmarks/target/fashion-mnist"));
        List<String> only = Arrays.asList(System.getProperty("policies", "").split(","));
        double lr = Double.parseDouble(System.getProperty("sgdLr", String.valueOf(SGD_LR)));
        List<Policy> policies = policies(lr).stream()
                .filter(p -> only.equals(List.of("")) || only.contains(p.key())).collect(Collectors.toList());

        long t0 = System.currentTimeMillis();
        DataSet train = FashionMnist.load(dataDir, FashionMnist.Part.TRAIN, 0, TRAIN);
        DataSet validation = FashionMnist.load(dataDir, FashionMnist.Part.TRAIN, TRAIN, VALIDATION);
        DataSet test = FashionMnist.load(dataDir, FashionMnist.Part.TEST, 0, TEST);
        System.out.printf(Locale.ROOT, "data: %s, %d train / %d validation / %d test images, read in %d ms%n", dataDir,
                TRAIN, VALIDATION, TEST, System.currentTimeMillis() - t0);
        int perEpoch = (TRAIN + BATCH - 1) / BATCH;

        Run[][] runs = new Run[policies.size()][seeds];
        for (int s = 0; s < seeds; s++) {
            long seed = s + 1;
            List<List<DataSet>> epochBatches = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                epochBatches.add(batches(train, permutation(TRAIN, 1000 * seed + e)));
            }
            double finderLr = Double.NaN;
            if (policies.stream().anyMatch(Policy::finder)) {
                finderLr = findLr(seed, epochBatches.get(0));
                System.out.printf(Locale.ROOT, "seed %d: LR finder suggests %.4g%n", seed, finderLr);
            }
            for (int p = 0; p < policies.size(); p++) {
                runs[p][s] = run(policies.get(p), seed, epochBatches, validation, test, perEpoch, finderLr);
                System.out.printf(Locale.ROOT, "seed %d %-52s acc %s  %.0f ms/epoch%n", seed, policies.get(p).name(),
                        fmt(runs[p][s].accuracy()), median(runs[p][s].millis()));
            }
        }
        StudyReport report = new StudyReport(policies, runs, epochs);
        report.print(System.out);
        report.writeCsv(out.resolve("dl4j-curves.csv"));
        Path png = report.chart(Path.of(System.getProperty("chart", out.resolve("fashion-mnist-dl4j.png").toString())),
                "Fashion-MNIST MLP, DL4J + lrsched: mean test accuracy of " + seeds + " seeds");
        System.out.printf(Locale.ROOT, "wrote %s and %s; total %.1f min%n", out.resolve("dl4j-curves.csv"), png,
                (System.currentTimeMillis() - t0) / 60000.0);
    }

    static Run run(Policy policy, long seed, List<List<DataSet>> epochBatches, DataSet validation, DataSet test,
                   int perEpoch, double finderLr) {
        int epochs = epochBatches.size();
        MultiLayerNetwork net = mlp(policy.updater().create(perEpoch, perEpoch * epochs, finderLr), seed);
        ReduceLROnPlateauListener plateau = null;
        if (policy.plateau()) {
            plateau = ReduceLROnPlateauListener.builder()
                    .validation(new ListDataSetIterator<>(validation.batchBy(500), 1), Metric.LOSS)
                    .factor(0.5).patience(1).build();
            net.addListeners(plateau);
        }
        double[] acc = new double[epochs];
        double[] ms = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            long start = System.nanoTime();
            for (DataSet b : epochBatches.get(e)) {
                net.fit(b);
            }
            if (plateau != null) {
                plateau.step(net); // fit(DataSet) fires no epoch events; this evaluation is part of the policy's cost
            }
            net.incrementEpochCount();
            ms[e] = (System.nanoTime() - start) / 1e6;
            acc[e] = accuracy(net, test);
        }
        return new Run(acc, ms, finderLr, plateau == null ? 0 : plateau.getNumReductions());
    }

    /**
     * LR range test on the seed's initial network with SGD+momentum, over the first 100 minibatches of
     * epoch 0: 1e-5 to 10, exponential, torch-lr-finder's smoothing 0.05 and divergence 5. Returns the
     * steepest descent of the smoothed loss <em>before its minimum</em>: on this curve the smoothed loss
     * never reaches 5x its minimum, so the sweep runs on into divergence, and the default window's steepest
     * descent lands on a dip of the diverged, noisy tail (about 5, which trains nothing).
     */
    static double findLr(long seed, List<DataSet> batches) {
        MultiLayerNetwork net = mlp(sgd(new FixedSchedule(SGD_LR)), seed);
        LearningRateFinderResult r = LearningRateFinder.builder().startValue(1e-5).endValue(10).numIterations(100)
                .build().run(net, new ExistingDataSetIterator(batches));
        if (Boolean.getBoolean("finderCurve")) {
            for (int i = 0; i < r.size(); i++) {
                System.out.printf(Locale.ROOT, "finder %3d lr %.4g loss %.4f smoothed %.4f%n", i, r.learningRates().get(i),
                        r.losses().get(i), r.smoothedLosses().get(i));
            }
        }
        int skipStart = LearningRateFinderResult.defaultSkipStart(r.size());
        int minIndex = r.minLossIndex().orElseThrow(() -> new IllegalStateException("LR finder: no minimum, " + r));
        System.out.printf(Locale.ROOT, "LR finder: default suggestion %.4g, min loss at %.4g, min/10 %.4g%n",
                r.suggestedLearningRate().orElse(Double.NaN), r.minLossLearningRate().orElse(Double.NaN),
                r.minLossOverTen().orElse(Double.NaN));
        return r.suggestion(dev.lrsched.listeners.SuggestionRule.STEEPEST_DESCENT, skipStart, r.size() - minIndex)
                .orElseThrow(() -> new IllegalStateException("LR finder: no descent before the minimum, " + r));
    }

    static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray predicted = Nd4j.argMax(net.output(data.getFeatures()), 1);
        INDArray actual = Nd4j.argMax(data.getLabels(), 1);
        return predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** 784-256-10, ReLU, softmax + MCXENT (= torch CrossEntropyLoss on logits), torch's default init drawn with {@code seed}. */
    static MultiLayerNetwork mlp(IUpdater updater, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightInit(WeightInit.UNIFORM) // U(-1/sqrt(fanIn), 1/sqrt(fanIn))
                .list()
                .layer(new DenseLayer.Builder().nIn(FashionMnist.PIXELS).nOut(256).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(256).nOut(FashionMnist.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Random rnd = new Random(seed); // torch's nn.Linear draws biases from the same range; DL4J starts them at 0
        int[] fanIn = {FashionMnist.PIXELS, 256};
        for (int i = 0; i < 2; i++) {
            INDArray b = net.getLayer(i).getParam("b");
            float[] v = new float[(int) b.length()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) ((2 * rnd.nextDouble() - 1) / Math.sqrt(fanIn[i]));
            }
            b.assign(Nd4j.create(v, b.shape(), b.dataType()));
        }
        return net;
    }

    /** Minibatches of {@link #BATCH} rows in the given row order (the last one smaller). */
    static List<DataSet> batches(DataSet data, int[] order) {
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < order.length; from += BATCH) {
            int[] idx = Arrays.copyOfRange(order, from, Math.min(order.length, from + BATCH));
            out.add(new DataSet(data.getFeatures().getRows(idx), data.getLabels().getRows(idx)));
        }
        return out;
    }

    /** {@code 0..n-1} shuffled by Fisher-Yates from the end with {@code java.util.Random(seed)} (tools/torch/javarandom.py). */
    static int[] permutation(int n, long seed) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        Random rnd = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String fmt(double[] acc) {
        StringBuilder sb = new StringBuilder();
        for (double a : acc) {
            sb.append(String.format(Locale.ROOT, "%.3f ", a));
        }
        return sb.toString().trim();
    }
}
