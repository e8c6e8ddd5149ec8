package dev.lrsched.samples;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.Schedules;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The classic "learning rate schedules in PyTorch" experiment, in DL4J, on the real UCI Ionosphere data
 * (shipped with this module, see {@link Ionosphere}): a 34-34-1 ReLU/sigmoid MLP, binary cross-entropy,
 * SGD with lr 0.1, batch 24, 50 epochs, a 70/30 split, once per LR policy:
 *
 * <pre>
 *   PyTorch 1.13 (scheduler.step() once per epoch)                lrsched / ND4J (ScheduleType.EPOCH)
 *   (no scheduler)                                                FixedSchedule(0.1)
 *   LinearLR(start_factor=1.0, end_factor=0.5, total_iters=30)    LinearSchedule(EPOCH, 0.1, 1.0, 0.5, 30)
 *   ExponentialLR(gamma=0.99)                                     ExponentialSchedule(EPOCH, 0.1, 0.99)
 *   LambdaLR(lambda e: 1 / (1 + 0.01 * e))                        LambdaSchedule(EPOCH, 0.1, "1 / (1 + 0.01 * epoch)")
 *   CosineAnnealingLR(T_max=50)                                   Schedules.cosine(EPOCH, 0.1, 0, 50)
 *   LambdaLR: linear 0.1 -> 1 over 5 epochs, then half cosine     Schedules.warmupCosine(EPOCH, 0.01, 0.1, 0, 5, 50)
 *   ReduceLROnPlateau(factor=0.5, patience=5) on the epoch's      ReduceLROnPlateauListener, factor 0.5, patience 5,
 *     mean training loss                                            no metric source (= mean training score)
 * </pre>
 *
 * <p>The protocol has no validation set, so the plateau listener watches the training loss (it never sees
 * the test rows). In 50 epochs at lr 0.1 that loss falls every epoch, so the listener (almost) never
 * reduces: the row shows what ReduceLROnPlateau does for an under-trained model, which is nothing.
 *
 * <p>The article reports one run on one split, but with 106 test rows one row is 0.94 points, and the
 * split alone moves the accuracy by several points. So this demo prints the article's per-epoch
 * {@code Epoch N: SGD lr a -> b} lines for the first split, then repeats every policy on {@code --splits}
 * random splits (default 10) and prints each split's test accuracy and, per policy, the mean, standard
 * deviation, min and max, and the paired difference to the constant LR on the same splits.
 *
 * <p>Protocol details, all as in the article's script unless noted: split {@code k} (seed {@code k}) is a
 * Fisher-Yates permutation driven by {@code java.util.Random(k)}, the first {@code floor(0.7 n)} = 245
 * rows train, the other 106 test (sklearn's {@code train_test_split(train_size=0.7)} sizes); minibatches
 * in that fixed order every epoch; weights and biases drawn from U(-1/sqrt(fanIn), 1/sqrt(fanIn)), i.e.
 * PyTorch's default {@code nn.Linear} initialisation, seeded with {@code k} and shared by all policies of
 * the split; test accuracy = fraction of {@code sigmoid > 0.5} predictions that match. The PyTorch
 * version of the same protocol is {@code tools/torch/ionosphere_schedules.py} (same splits: it reimplements
 * {@code java.util.Random}).
 *
 * <p>Arguments (all optional): a CSV path in the UCI layout (default: the shipped copy),
 * {@code --splits=N}, {@code --epochs=N}. Run:
 * {@code mvn -B -q -Djavacpp.platform=linux-x86_64 test-compile exec:java -Dexec.mainClass=dev.lrsched.samples.SeedArticleDemo}.
 */
public final class SeedArticleDemo {

    static final int EPOCHS = 50;
    static final int BATCH = 24;
    static final double LR = 0.1;
    static final double TRAIN_FRACTION = 0.7;
    static final int DEFAULT_SPLITS = 10;

    private SeedArticleDemo() {
    }

    /** An LR policy of the comparison: a schedule for {@code Sgd}, optionally the plateau listener. */
    record Policy(String name, String shortName, ISchedule schedule, boolean plateau) {
    }

    /** What one training run ended with. */
    record Run(double finalLr, double trainAccuracy, double testAccuracy, long reductions) {
    }

    /** Test accuracies of every policy on every split: {@code testAccuracy[policy][split]}. */
    record Study(List<Policy> policies, long[] splitSeeds, double[][] testAccuracy, long[][] reductions,
                 int epochs, int testRows, long millis) {
    }

    /** A train / test split of the rows. */
    record Split(DataSet train, DataSet test) {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        DataSet data = null;
        int splits = DEFAULT_SPLITS;
        int epochs = EPOCHS;
        for (String a : args) {
            if (a.startsWith("--splits=")) {
                splits = positiveInt(a);
            } else if (a.startsWith("--epochs=")) {
                epochs = positiveInt(a);
            } else if (!a.isBlank()) {
                data = Ionosphere.readCsv(Path.of(a));
                System.out.println("data: " + a + " (" + data.numExamples() + " rows)");
            }
        }
        if (data == null) {
            data = Ionosphere.bundled();
            System.out.println("data: UCI Ionosphere, shipped copy (351 rows, 34 features; Sigillito et al. 1989, "
                    + "UCI Machine Learning Repository, CC BY 4.0)");
        }
        Study s = study(data, splits, epochs, System.out);
        printTables(s, System.out);
    }

    private static int positiveInt(String arg) {
        String v = arg.substring(arg.indexOf('=') + 1);
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(arg.substring(0, arg.indexOf('=')) + " must be an integer >= 1, got '" + v + "'");
    }

    /** The seven policies of the comparison, for a run of {@code epochs} epochs. */
    static List<Policy> policies(int epochs) {
        ScheduleType e = ScheduleType.EPOCH;
        int warmup = Math.min(5, epochs - 1);
        return List.of(
                new Policy("constant", "const", new FixedSchedule(LR), false),
                new Policy("LinearLR(1.0 -> 0.5, 30)", "Linear", new LinearSchedule(e, LR, 1.0, 0.5, 30), false),
                new Policy("ExponentialLR(0.99)", "Exp", new ExponentialSchedule(e, LR, 0.99), false),
                new Policy("LambdaLR(1/(1+0.01 e))", "Lambda", new LambdaSchedule(e, LR, "1 / (1 + 0.01 * epoch)"),
                        false),
                new Policy("CosineAnnealingLR(" + epochs + ")", "Cos", Schedules.cosine(e, LR, 0.0, epochs), false),
                new Policy("warmup " + warmup + " + cosine", "WCos",
                        Schedules.warmupCosine(e, LR / 10, LR, 0.0, warmup, epochs), false),
                new Policy("constant + ReduceLROnPlateau(0.5, 5)", "Plat", new FixedSchedule(LR), true));
    }

    /**
     * Runs every policy on {@code splits} splits (seeds 1..splits), printing the per-epoch LR lines of the
     * first split and one progress line per later split to {@code out}.
     */
    static Study study(DataSet data, int splits, int epochs, PrintStream out) {
        List<Policy> policies = policies(epochs);
        long[] seeds = new long[splits];
        double[][] acc = new double[policies.size()][splits];
        long[][] red = new long[policies.size()][splits];
        long start = System.currentTimeMillis();
        int testRows = 0;
        for (int k = 0; k < splits; k++) {
            seeds[k] = k + 1;
            Split split = split(data, seeds[k]);
            testRows = split.test().numExamples();
            if (k == 0) {
                out.printf(Locale.ROOT, "split 1 (seed 1): %d training rows, %d test rows%n", split.train().numExamples(),
                        split.test().numExamples());
            }
            for (int p = 0; p < policies.size(); p++) {
                if (k == 0) {
                    out.println("== " + policies.get(p).name());
                }
                Run r = run(policies.get(p), split, epochs, seeds[k], k == 0 ? out : null);
                acc[p][k] = r.testAccuracy();
                red[p][k] = r.reductions();
                if (k == 0) {
                    out.printf(Locale.ROOT, "train accuracy %.2f%%, test accuracy %.2f%%%n", 100 * r.trainAccuracy(),
                            100 * r.testAccuracy());
                }
            }
            if (k > 0) {
                out.printf(Locale.ROOT, "split %d (seed %d) done%n", k + 1, seeds[k]);
            }
        }
        return new Study(policies, seeds, acc, red, epochs, testRows, System.currentTimeMillis() - start);
    }

    /** Trains one network; prints {@code Epoch N: SGD lr a -> b} per epoch to {@code lrLog} unless it is null. */
    static Run run(Policy policy, Split split, int epochs, long seed, PrintStream lrLog) {
        MultiLayerNetwork net = network(policy.schedule(), seed);
        ReduceLROnPlateauListener plateau = null;
        if (policy.plateau()) {
            // no metric source: the mean training score since the previous step, i.e. the epoch's mean loss
            plateau = ReduceLROnPlateauListener.builder().factor(0.5).patience(5).build();
            net.addListeners(plateau);
        }
        List<DataSet> batches = split.train().batchBy(BATCH);
        for (int epoch = 0; epoch < epochs; epoch++) {
            double before = net.getLearningRate(0);
            for (DataSet b : batches) {
                net.fit(b);
            }
            if (plateau != null) {
                plateau.step(net); // fit(DataSet) fires no epoch events
            }
            net.incrementEpochCount();
            double after = net.getLearningRate(0);
            if (lrLog != null) {
                lrLog.printf(Locale.ROOT, "Epoch %d: SGD lr %.4f -> %.4f%n", epoch, before, after);
            }
        }
        return new Run(net.getLearningRate(0), accuracy(net, split.train()), accuracy(net, split.test()),
                plateau == null ? 0 : plateau.getNumReductions());
    }

    /**
     * Split {@code seed}: rows permuted by {@link #permutation(int, long)}, the first
     * {@code floor(0.7 n)} for training, the rest for testing.
     */
    static Split split(DataSet data, long seed) {
        int n = data.numExamples();
        int[] order = permutation(n, seed);
        int nTrain = (int) Math.floor(TRAIN_FRACTION * n);
        return new Split(rows(data, Arrays.copyOfRange(order, 0, nTrain)), rows(data, Arrays.copyOfRange(order, nTrain, n)));
    }

    /**
     * {@code 0..n-1} shuffled by Fisher-Yates from the end with {@code java.util.Random(seed)}:
     * {@code for i = n-1 .. 1: swap(a[i], a[nextInt(i + 1)])}. tools/torch reimplements exactly this.
     */
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

    private static DataSet rows(DataSet d, int[] idx) {
        return new DataSet(d.getFeatures().getRows(idx), d.getLabels().getRows(idx));
    }

    static double accuracy(MultiLayerNetwork net, DataSet data) {
        INDArray p = net.output(data.getFeatures());
        INDArray predicted = p.gt(0.5).castTo(data.getLabels().dataType());
        return predicted.eq(data.getLabels()).castTo(p.dataType()).meanNumber().doubleValue();
    }

    /** 34-34-1, ReLU then sigmoid, XENT (= torch BCELoss), PyTorch's default initialisation drawn with {@code seed}. */
    static MultiLayerNetwork network(ISchedule schedule, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(new Sgd(schedule)).weightInit(WeightInit.UNIFORM) // U(-1/sqrt(fanIn), 1/sqrt(fanIn))
                .list()
                .layer(new DenseLayer.Builder().nIn(Ionosphere.FEATURES).nOut(34).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(34).nOut(1).activation(Activation.SIGMOID).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // torch nn.Linear also draws its bias from U(-1/sqrt(fanIn), 1/sqrt(fanIn)); DL4J starts biases at 0
        Random rnd = new Random(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray b = net.getLayer(i).getParam("b");
            double bound = 1.0 / Math.sqrt(i == 0 ? Ionosphere.FEATURES : 34);
            double[] v = new double[(int) b.length()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (2 * rnd.nextDouble() - 1) * bound;
            }
            b.assign(Nd4j.create(v).reshape(b.shape()).castTo(b.dataType()));
        }
        return net;
    }

    /** The per-split table and the summary table (accuracies in percent; sd is the sample standard deviation). */
    static void printTables(Study s, PrintStream out) {
        List<Policy> ps = s.policies();
        int n = s.splitSeeds().length;
        out.println();
        out.printf(Locale.ROOT, "Test accuracy (%%) per split, %d epochs, %d test rows (one row = %.2f points)%n", s.epochs(),
                s.testRows(), 100.0 / s.testRows());
        StringBuilder head = new StringBuilder("| split |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (Policy p : ps) {
            head.append(String.format(Locale.ROOT, " %6s |", p.shortName()));
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (int k = 0; k < n; k++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %5d |", s.splitSeeds()[k]));
            for (int p = 0; p < ps.size(); p++) {
                row.append(String.format(Locale.ROOT, " %6.2f |", 100 * s.testAccuracy()[p][k]));
            }
            out.println(row);
        }
        out.println();
        out.printf(Locale.ROOT, "Summary over %d splits (paired difference = policy - constant on the same split)%n", n);
        out.println("| policy | mean | sd | min | max | paired diff mean | paired diff sd | better / same / worse |");
        out.println("|---|---:|---:|---:|---:|---:|---:|:---:|");
        double[] constant = s.testAccuracy()[0];
        for (int p = 0; p < ps.size(); p++) {
            double[] a = s.testAccuracy()[p];
            double[] d = new double[n];
            int better = 0;
            int same = 0;
            for (int k = 0; k < n; k++) {
                d[k] = a[k] - constant[k];
                if (Math.abs(d[k]) < 1e-9) {
                    same++;
                } else if (d[k] > 0) {
                    better++;
                }
            }
            String name = ps.get(p).name();
            if (ps.get(p).plateau()) {
                name += String.format(Locale.ROOT, " (%.1f reductions)", Arrays.stream(s.reductions()[p]).average().orElse(0));
            }
            out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |%n", name, 100 * mean(a), 100 * sd(a),
                    100 * Arrays.stream(a).min().orElse(0), 100 * Arrays.stream(a).max().orElse(0),
                    p == 0 ? "-" : String.format(Locale.ROOT, "%+.2f", 100 * mean(d)),
                    p == 0 ? "-" : String.format(Locale.ROOT, "%.2f", 100 * sd(d)),
                    p == 0 ? "-" : better + " / " + same + " / " + (n - better - same));
        }
        out.printf(Locale.ROOT, "%d policies x %d splits x %d epochs in %.1f s%n", ps.size(), n, s.epochs(), s.millis() / 1000.0);
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1); 0 for a single value. */
    static double sd(double[] a) {
        if (a.length < 2) {
            return 0;
        }
        double m = mean(a);
        double ss = 0;
        for (double v : a) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (a.length - 1));
    }
}
