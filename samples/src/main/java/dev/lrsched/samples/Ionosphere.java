package dev.lrsched.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The UCI Ionosphere data set (Sigillito et al. 1989, UCI Machine Learning Repository, CC BY 4.0):
 * 351 radar returns, 34 features, class {@code g} (good, label 1) or {@code b} (bad, label 0). A copy
 * ships in this module ({@code dev/lrsched/samples/data/ionosphere.csv}, attribution in the README next
 * to it); {@link #readCsv(Path)} reads the same layout from any file.
 *
 * <p>Features are {@code n x 34}, labels {@code n x 1} (1 = good), both FLOAT: one sigmoid output, as
 * in the PyTorch article {@link SeedArticleDemo} reproduces ({@code LabelEncoder} maps b to 0, g to 1).
 */
public final class Ionosphere {

    /** Rows and features of the data set; the class split is 126 'b' / 225 'g'. */
    public static final int ROWS = 351;
    public static final int FEATURES = 34;
    /** Class-path location of the shipped copy. */
    public static final String RESOURCE = "/dev/lrsched/samples/data/ionosphere.csv";

    private Ionosphere() {
    }

    /** The shipped copy of the data set (351 rows). */
    public static DataSet bundled() {
        try (InputStream in = Ionosphere.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return parse(r.lines().collect(Collectors.toList()), "ionosphere.csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * Reads the UCI ionosphere layout: one row per line, 34 numeric columns then a class label,
     * comma separated. The label is {@code g}/{@code b} (good = 1, bad = 0, case insensitive) or
     * {@code 1}/{@code 0}. Blank lines and lines starting with {@code #} are skipped; a first line
     * whose first field is not a number is taken as a header and skipped.
     *
     * @throws IllegalArgumentException naming the line number and the problem for a malformed row
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static DataSet readCsv(Path csv) {
        Objects.requireNonNull(csv, "csv");
        try {
            return parse(Files.readAllLines(csv, StandardCharsets.UTF_8), csv.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    private static DataSet parse(List<String> lines, String name) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        boolean first = true;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (first) {
                first = false;
                if (!isNumber(f[0].strip())) {
                    continue; // header
                }
            }
            int lineNo = ln + 1;
            require(f.length == FEATURES + 1, name + " line " + lineNo + ": expected "
                    + (FEATURES + 1) + " columns (34 features + label), got " + f.length);
            double[] x = new double[FEATURES];
            for (int j = 0; j < FEATURES; j++) {
                String v = f[j].strip();
                require(isNumber(v), name + " line " + lineNo + ": column " + (j + 1)
                        + " is not a number: '" + v + "'");
                x[j] = Double.parseDouble(v);
            }
            rows.add(x);
            labels.add(parseLabel(f[FEATURES].strip(), name, lineNo));
        }
        require(!rows.isEmpty(), name + " has no data rows");
        double[][] y = new double[labels.size()][1];
        for (int i = 0; i < y.length; i++) {
            y[i][0] = labels.get(i);
        }
        return new DataSet(Nd4j.create(rows.toArray(new double[0][])).castTo(DataType.FLOAT),
                Nd4j.create(y).castTo(DataType.FLOAT));
    }

    private static int parseLabel(String s, String name, int lineNo) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "g":
            case "1":
                return 1;
            case "b":
            case "0":
                return 0;
            default:
                throw new IllegalArgumentException(name + " line " + lineNo
                        + ": label must be g, b, 1 or 0, got '" + s + "'");
        }
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
