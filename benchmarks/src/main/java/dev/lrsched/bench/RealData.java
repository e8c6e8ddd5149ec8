package dev.lrsched.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Minimal readers for the two real data sets of the finder study (no downloads): Fashion-MNIST in
 * its IDX format (Debian {@code dataset-fashion-mnist}: {@code apt-get install dataset-fashion-mnist}
 * puts the four gzipped files in {@code /usr/share/datasets/fashion-mnist}; MIT license, Zalando SE)
 * and the UCI Ionosphere CSV (CC BY 4.0; Sigillito et al., Johns Hopkins APL, 1989).
 */
public final class RealData {

    /** Where Debian's {@code dataset-fashion-mnist} installs the IDX files; {@code -Dfashion.dir} overrides. */
    public static final Path FASHION_DIR = Path.of(System.getProperty("fashion.dir", "/usr/share/datasets/fashion-mnist"));

    private RealData() {
    }

    /**
     * The first {@code count} images of a Fashion-MNIST split: pixels scaled to [0, 1] (784 per row)
     * and one-hot labels (10 classes).
     *
     * @param split "train" or "t10k"
     */
    public static Data.Set fashionMnist(String split, int count) {
        double[][] x = readImages(FASHION_DIR.resolve(split + "-images-idx3-ubyte.gz"), count);
        int[] labels = readLabels(FASHION_DIR.resolve(split + "-labels-idx1-ubyte.gz"), count);
        double[][] y = new double[count][10];
        for (int i = 0; i < count; i++) {
            y[i][labels[i]] = 1;
        }
        return new Data.Set(x, y);
    }

    private static double[][] readImages(Path file, int count) {
        try (DataInputStream in = open(file)) {
            check(file, in.readInt() == 0x00000803, "magic 2051 (images)");
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            check(file, count <= n && rows == 28 && cols == 28, count + " of " + n + " 28x28 images, got " + rows + "x" + cols);
            byte[] pixels = new byte[rows * cols];
            double[][] x = new double[count][rows * cols];
            for (int i = 0; i < count; i++) {
                in.readFully(pixels);
                for (int p = 0; p < pixels.length; p++) {
                    x[i][p] = (pixels[p] & 0xff) / 255.0;
                }
            }
            return x;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (apt-get install dataset-fashion-mnist)", e);
        }
    }

    private static int[] readLabels(Path file, int count) {
        try (DataInputStream in = open(file)) {
            check(file, in.readInt() == 0x00000801, "magic 2049 (labels)");
            int n = in.readInt();
            check(file, count <= n, count + " of " + n + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readUnsignedByte();
                check(file, labels[i] < 10, "labels 0..9, got " + labels[i]);
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (apt-get install dataset-fashion-mnist)", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }

    private static void check(Path file, boolean ok, String expected) {
        if (!ok) {
            throw new IllegalStateException(file + " is not the expected IDX file: expected " + expected);
        }
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

    /** Rows {@code [from, to)} of {@code s}. */
    public static Data.Set rows(Data.Set s, int from, int to) {
        double[][] x = new double[to - from][];
        double[][] y = new double[to - from][];
        System.arraycopy(s.x(), from, x, 0, to - from);
        System.arraycopy(s.y(), from, y, 0, to - from);
        return new Data.Set(x, y);
    }
}
