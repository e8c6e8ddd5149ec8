package dev.lrsched.bench;

import java.util.SplittableRandom;

/** Deterministic generated data sets (no downloads): features and one-hot labels as double[][]. */
public final class Data {

    /** Features, one-hot labels. */
    public record Set(double[][] x, double[][] y) {
        public int size() {
            return x.length;
        }
    }

    /** A train / validation split. */
    public record Split(Set train, Set validation) {
    }

    private Data() {
    }

    /**
     * {@code classes} interleaved noisy spiral arms in the plane (the classic "spirals" toy problem):
     * not linearly separable, so a small MLP needs a few dozen epochs and the LR schedule matters.
     * Row {@code i} of arm {@code c}: radius {@code r = i / perClass}, angle
     * {@code 5 r + 2 pi c / classes + noise * N(0,1)}, point {@code (r sin a, r cos a)}.
     */
    public static Set spirals(int classes, int perClass, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = classes * perClass;
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                double r = (double) (i + 1) / perClass;
                double a = 5.0 * r + 2 * Math.PI * c / classes + noise * gaussian(rnd);
                int row = c * perClass + i;
                x[row] = new double[] {r * Math.sin(a), r * Math.cos(a)};
                y[row] = oneHot(c, classes);
            }
        }
        return shuffled(new Set(x, y), rnd);
    }

    /**
     * An "ionosphere-shaped" binary set: {@code rows} rows of 34 features in [-1, 1] like the UCI
     * Ionosphere radar data (feature 0 binary, feature 1 constant 0, features 2..33 pairs of real /
     * imaginary autocorrelation values), about 64% "good" (label 1). Good returns are a damped complex
     * sinusoid with a random phase and frequency plus noise; bad returns are mostly noise with a weak
     * random structure; 6% of labels are flipped, so about 94% is the best achievable accuracy.
     * The label is a single 0/1 column (sigmoid output, binary cross-entropy).
     */
    public static Set ionosphereLike(int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] x = new double[rows][34];
        double[][] y = new double[rows][1];
        for (int r = 0; r < rows; r++) {
            boolean good = rnd.nextDouble() < 0.64;
            double[] f = x[r];
            f[0] = good || rnd.nextDouble() < 0.8 ? 1.0 : 0.0;
            f[1] = 0.0;
            double phase = rnd.nextDouble() * 2 * Math.PI;
            double freq = 0.2 + 0.3 * rnd.nextDouble();
            double amp = good ? 0.7 + 0.3 * rnd.nextDouble() : 0.25 * rnd.nextDouble();
            double noise = good ? 0.25 : 0.55;
            for (int k = 0; k < 16; k++) {
                double damp = Math.exp(-0.06 * k);
                double a = phase + freq * k;
                f[2 + 2 * k] = clip(amp * damp * Math.cos(a) + noise * gaussian(rnd));
                f[3 + 2 * k] = clip(amp * damp * Math.sin(a) + noise * gaussian(rnd));
            }
            boolean label = rnd.nextDouble() < 0.06 ? !good : good;
            y[r][0] = label ? 1.0 : 0.0;
        }
        return new Set(x, y);
    }

    /** First {@code round(fraction * n)} rows for training, the rest for validation (no reshuffle). */
    public static Split split(Set s, double trainFraction) {
        int nTrain = (int) Math.round(trainFraction * s.size());
        double[][] tx = new double[nTrain][];
        double[][] ty = new double[nTrain][];
        double[][] vx = new double[s.size() - nTrain][];
        double[][] vy = new double[s.size() - nTrain][];
        System.arraycopy(s.x(), 0, tx, 0, nTrain);
        System.arraycopy(s.y(), 0, ty, 0, nTrain);
        System.arraycopy(s.x(), nTrain, vx, 0, vx.length);
        System.arraycopy(s.y(), nTrain, vy, 0, vy.length);
        return new Split(new Set(tx, ty), new Set(vx, vy));
    }

    private static Set shuffled(Set s, SplittableRandom rnd) {
        double[][] x = s.x().clone();
        double[][] y = s.y().clone();
        for (int i = x.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            double[] t = x[i];
            x[i] = x[j];
            x[j] = t;
            t = y[i];
            y[i] = y[j];
            y[j] = t;
        }
        return new Set(x, y);
    }

    private static double[] oneHot(int c, int classes) {
        double[] v = new double[classes];
        v[c] = 1.0;
        return v;
    }

    private static double clip(double v) {
        return Math.max(-1.0, Math.min(1.0, v));
    }

    /** Box-Muller standard normal. */
    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
