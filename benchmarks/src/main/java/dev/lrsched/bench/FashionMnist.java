package dev.lrsched.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads Fashion-MNIST (Xiao, Rasul and Vollgraf 2017, Zalando SE, MIT license) from its four gzipped IDX
 * files, as Debian's {@code dataset-fashion-mnist} package installs them
 * ({@code apt-get install dataset-fashion-mnist}, into {@link #DEFAULT_DIR}) or as
 * github.com/zalandoresearch/fashion-mnist distributes them.
 *
 * <p>IDX: a big-endian int magic ({@code 0x00000803} for images, {@code 0x00000801} for labels), the
 * dimension sizes as big-endian ints (count, rows, columns / count), then unsigned bytes. Images become
 * {@code n x 784} FLOAT rows scaled to [0, 1] (torchvision {@code ToTensor()}), labels {@code n x 10} one-hot.
 */
public final class FashionMnist {

    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final int PIXELS = 28 * 28;
    public static final int CLASSES = 10;

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private FashionMnist() {
    }

    /** The training or test file pair. */
    public enum Part {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Part(String prefix) {
            this.prefix = prefix;
        }

        Path images(Path dir) {
            return dir.resolve(prefix + "-images-idx3-ubyte.gz");
        }

        Path labels(Path dir) {
            return dir.resolve(prefix + "-labels-idx1-ubyte.gz");
        }
    }

    /** Rows of a part as read from the files: {@code count * 784} unsigned pixel bytes and {@code count} labels in [0, 9]. */
    public record Raw(byte[] pixels, int[] labels) {

        /** Number of rows. */
        public int count() {
            return labels.length;
        }

        /** Pixel {@code p} of row {@code i}, in [0, 255]. */
        public int pixel(int i, int p) {
            return pixels[i * PIXELS + p] & 0xFF;
        }
    }

    /**
     * Rows {@code from .. from + count - 1} of a part as FLOAT features scaled to [0, 1] and one-hot labels.
     *
     * @throws IllegalArgumentException if the files are not IDX image/label files or hold fewer rows
     * @throws UncheckedIOException     if a file is missing (the message names the install command) or unreadable
     */
    public static DataSet load(Path dir, Part part, int from, int count) {
        Raw raw = read(dir, part, from, count);
        float[] x = new float[count * PIXELS];
        float[] y = new float[count * CLASSES];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < PIXELS; p++) {
                x[i * PIXELS + p] = raw.pixel(i, p) / 255f;
            }
            y[i * CLASSES + raw.labels()[i]] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {count, PIXELS}, DataType.FLOAT),
                Nd4j.create(y, new long[] {count, CLASSES}, DataType.FLOAT));
    }

    /**
     * Rows {@code from .. from + count - 1} of a part, unscaled (the files are read from the start and only as far
     * as needed).
     *
     * @throws IllegalArgumentException if the files are not IDX image/label files or hold fewer rows
     * @throws UncheckedIOException     if a file is missing (the message names the install command) or unreadable
     */
    public static Raw read(Path dir, Part part, int from, int count) {
        if (from < 0 || count < 1) {
            throw new IllegalArgumentException("from must be >= 0 and count >= 1, got from=" + from + ", count=" + count);
        }
        byte[] pixels = new byte[count * PIXELS];
        int[] labelValues = new int[count];
        Path imagesFile = part.images(dir);
        Path labelsFile = part.labels(dir);
        try (DataInputStream images = open(imagesFile); DataInputStream labels = open(labelsFile)) {
            header(images, imagesFile, IMAGES_MAGIC, from + count, 28, 28);
            header(labels, labelsFile, LABELS_MAGIC, from + count);
            images.skipNBytes((long) from * PIXELS);
            labels.skipNBytes(from);
            images.readFully(pixels);
            for (int i = 0; i < count; i++) {
                int label = labels.readUnsignedByte();
                if (label >= CLASSES) {
                    throw new IllegalArgumentException(labelsFile + ": label " + label + " at row " + (from + i)
                            + " is not in [0, 9]");
                }
                labelValues[i] = label;
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("Fashion-MNIST file " + e.getFile() + " not found: install it with "
                    + "'apt-get install dataset-fashion-mnist' (Debian/Ubuntu) or pass the folder holding the four "
                    + "*-ubyte.gz files of github.com/zalandoresearch/fashion-mnist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir, e);
        }
        return new Raw(pixels, labelValues);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    }

    /** Checks the magic and that the file has at least {@code rowsNeeded} rows of the expected shape. */
    private static void header(DataInputStream in, Path file, int magic, int rowsNeeded, int... dims) throws IOException {
        int m = in.readInt();
        if (m != magic) {
            throw new IllegalArgumentException(file + ": IDX magic must be 0x" + Integer.toHexString(magic)
                    + ", got 0x" + Integer.toHexString(m));
        }
        int n = in.readInt();
        if (n < rowsNeeded) {
            throw new IllegalArgumentException(file + " holds " + n + " rows, " + rowsNeeded + " needed");
        }
        for (int d : dims) {
            int v = in.readInt();
            if (v != d) {
                throw new IllegalArgumentException(file + ": image size must be 28 x 28, got a dimension of " + v);
            }
        }
    }
}
