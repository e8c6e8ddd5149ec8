package dev.lrsched.samples;

import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deterministic generated classification data for the samples and tests (no downloads: the build
 * runs offline). Every generator is a pure function of its arguments: same seed, same numbers.
 * Labels are one-hot ({@code n x classes}), features {@code n x d}, both FLOAT.
 */
public final class SyntheticData {

    /** Rows and features of the UCI ionosphere data set; the class split there is 126 'b' / 225 'g'. */
    public static final int IONOSPHERE_ROWS = 351;
    public static final int IONOSPHERE_FEATURES = 34;
    private static final int IONOSPHERE_BAD = 126;

    private SyntheticData() {
    }

    /** A train / validation pair. */
    public record Split(DataSet train, DataSet validation) {
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(validation, "validation");
        }
    }

    /**
     * Gaussian blobs: class {@code c} of {@code classes} is centred on a point drawn uniformly from
     * {@code [-separation, separation]^features}, with unit-variance isotropic noise. Rows cycle
     * through the classes (row {@code i} has class {@code i % classes}), so classes are balanced.
     *
     * @param rows       number of rows, {@code >= classes}
     * @param classes    number of classes, {@code >= 2}
     * @param features   number of features, {@code >= 1}
     * @param separation half-width of the box the centres are drawn from, finite and {@code > 0}
     * @param seed       random seed
     */
    public static DataSet blobs(int rows, int classes, int features, double separation, long seed) {
        require(classes >= 2, "classes must be >= 2, got " + classes);
        require(rows >= classes, "rows must be >= classes (" + classes + "), got " + rows);
        require(features >= 1, "features must be >= 1, got " + features);
        require(separation > 0 && Double.isFinite(separation), "separation must be finite and > 0, got " + separation);
        Random rnd = new Random(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int j = 0; j < features; j++) {
                c[j] = (2 * rnd.nextDouble() - 1) * separation;
            }
        }
        double[][] x = new double[rows][features];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % classes;
            for (int j = 0; j < features; j++) {
                x[i][j] = centres[y[i]][j] + rnd.nextGaussian();
            }
        }
        return toDataSet(x, y, classes);
    }

    /**
     * Interleaved 2-D spirals (the classic "cs231n" spiral set): class {@code c}, point {@code k} of
     * {@code m = rows / classes}: radius {@code r = k / m}, angle {@code t = 4 (c + r) + noise * N(0, 1)},
     * {@code (x, y) = (r sin t, r cos t)}. Not linearly separable.
     */
    public static DataSet spirals(int pointsPerClass, int classes, double noise, long seed) {
        require(classes >= 2, "classes must be >= 2, got " + classes);
        require(pointsPerClass >= 1, "pointsPerClass must be >= 1, got " + pointsPerClass);
        require(noise >= 0 && Double.isFinite(noise), "noise must be finite and >= 0, got " + noise);
        Random rnd = new Random(seed);
        int rows = pointsPerClass * classes;
        double[][] x = new double[rows][2];
        int[] y = new int[rows];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < pointsPerClass; k++) {
                int i = c * pointsPerClass + k;
                double r = (double) k / pointsPerClass;
                double t = 4 * (c + r) + noise * rnd.nextGaussian();
                x[i][0] = r * Math.sin(t);
                x[i][1] = r * Math.cos(t);
                y[i] = c;
            }
        }
        return toDataSet(x, y, classes);
    }

    /**
     * A generated stand-in with the shape of UCI ionosphere: 351 rows, 34 features, 2 classes
     * (126 rows of class 0 = 'b', 225 of class 1 = 'g', in a seeded random order). Like the real
     * data, feature 0 is binary (0/1), feature 1 is constantly 0 and the rest lie in [-1, 1];
     * each class has its own per-feature mean, with noise, so the task is learnable but not trivial.
     * It is not the real data set: {@link Ionosphere#bundled()} is.
     */
    public static DataSet ionosphereShaped(long seed) {
        Random rnd = new Random(seed);
        double[][] means = new double[2][IONOSPHERE_FEATURES];
        for (int c = 0; c < 2; c++) {
            for (int j = 2; j < IONOSPHERE_FEATURES; j++) {
                means[c][j] = c == 1 ? 0.6 * rnd.nextDouble() - 0.1 : 0.8 * rnd.nextDouble() - 0.4;
            }
        }
        int[] y = new int[IONOSPHERE_ROWS];
        for (int i = IONOSPHERE_BAD; i < IONOSPHERE_ROWS; i++) {
            y[i] = 1;
        }
        shuffle(y, rnd);
        double[][] x = new double[IONOSPHERE_ROWS][IONOSPHERE_FEATURES];
        for (int i = 0; i < IONOSPHERE_ROWS; i++) {
            int c = y[i];
            x[i][0] = c == 1 || rnd.nextDouble() < 0.7 ? 1 : 0;
            x[i][1] = 0;
            double spread = c == 1 ? 0.35 : 0.6;
            for (int j = 2; j < IONOSPHERE_FEATURES; j++) {
                x[i][j] = Math.max(-1, Math.min(1, means[c][j] + spread * rnd.nextGaussian()));
            }
        }
        return toDataSet(x, y, 2);
    }

    /**
     * Deterministic shuffled split: rows are permuted with {@code seed}, the first
     * {@code round(trainFraction * n)} go to training, the rest to validation (each side gets at
     * least one row).
     *
     * @param trainFraction in (0, 1)
     */
    public static Split split(DataSet data, double trainFraction, long seed) {
        Objects.requireNonNull(data, "data");
        require(trainFraction > 0 && trainFraction < 1, "trainFraction must be in (0.0, 1.0), got " + trainFraction);
        int n = data.numExamples();
        require(n >= 2, "data must have at least 2 rows, got " + n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, new Random(seed));
        int nTrain = (int) Math.max(1, Math.min(n - 1, Math.round(trainFraction * n)));
        int[] train = java.util.Arrays.copyOfRange(order, 0, nTrain);
        int[] val = java.util.Arrays.copyOfRange(order, nTrain, n);
        return new Split(rows(data, train), rows(data, val));
    }

    private static DataSet rows(DataSet d, int[] idx) {
        INDArray x = d.getFeatures().getRows(idx);
        INDArray y = d.getLabels().getRows(idx);
        return new DataSet(x, y);
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static DataSet toDataSet(double[][] x, int[] y, int classes) {
        double[][] oneHot = new double[y.length][classes];
        for (int i = 0; i < y.length; i++) {
            oneHot[i][y[i]] = 1;
        }
        return new DataSet(Nd4j.create(x).castTo(DataType.FLOAT), Nd4j.create(oneHot).castTo(DataType.FLOAT));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
