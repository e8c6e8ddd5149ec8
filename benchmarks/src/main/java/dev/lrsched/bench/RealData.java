package dev.lrsched.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two real data sets of the finder study as double-precision {@link Data.Set}s (no downloads):
 * Fashion-MNIST through {@link FashionMnist} (Debian {@code dataset-fashion-mnist}; MIT license, Zalando SE)
 * and the UCI Ionosphere CSV (CC BY 4.0; Sigillito et al., Johns Hopkins APL, 1989).
 */
public final class RealData {

    /** Where Debian's {@code dataset-fashion-mnist} installs the IDX files; {@code -Dfashion.dir} overrides. */
    public static final Path FASHION_DIR = Path.of(System.getProperty("fashion.dir", "/usr/share/datasets/fashion-mnist"));

    private RealData() {
    }

    /**
     * The first {@code count} images of a Fashion-MNIST split (read by {@link FashionMnist#read}): pixels scaled
     * to [0, 1] in double precision (784 per row) and one-hot labels (10 classes).
     *
     * @param split "train" or "t10k"
     */
    public static Data.Set fashionMnist(String split, int count) {
        FashionMnist.Raw raw = FashionMnist.read(FASHION_DIR, split.equals("train") ? FashionMnist.Part.TRAIN
                : FashionMnist.Part.TEST, 0, count);
        double[][] x = new double[count][FashionMnist.PIXELS];
        double[][] y = new double[count][FashionMnist.CLASSES];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < FashionMnist.PIXELS; p++) {
                x[i][p] = raw.pixel(i, p) / 255.0;
            }
            y[i][raw.labels()[i]] = 1;
        }
        return new Data.Set(x, y);
    }

    /**
     * The UCI Ionosphere data in file order: 351 rows of 34 features in [-1, 1], label 1 for "g"
     * (good), 0 for "b", as a single column (sigmoid output).
     */
    public static Data.Set ionosphere(Path csv) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(csv)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(",");
                check(csv, f.length == 35, "35 columns, got " + f.length + " in '" + line + "'");
                double[] x = new double[34];
                for (int i = 0; i < 34; i++) {
                    x[i] = Double.parseDouble(f[i]);
                }
                check(csv, f[34].equals("g") || f[34].equals("b"), "class g or b, got " + f[34]);
                xs.add(x);
                ys.add(new double[] {f[34].equals("g") ? 1 : 0});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        return new Data.Set(xs.toArray(new double[0][]), ys.toArray(new double[0][]));
    }

    private static void check(Path file, boolean ok, String expected) {
        if (!ok) {
            throw new IllegalStateException(file + " is not the expected file: expected " + expected);
        }
    }

    /** Rows {@code [from, to)} of {@code s}. */
    public static Data.Set rows(Data.Set s, int from, int to) {
        double[][] x = new double[to - from][];
        double[][] y = new double[to - from][];
        System.arraycopy(s.x(), from, x, 0, to - from);
        System.arraycopy(s.y(), from, y, 0, to - from);
        return new Data.Set(x, y);
    }
}
