package dev.lrsched.bench;

import dev.lrsched.bench.FashionMnistStudy.Policy;
import dev.lrsched.bench.FashionMnistStudy.Run;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tables and curves CSV of {@link FashionMnistStudy} (charts: {@link StudyCharts}). Accuracies are fractions in the CSV and percent
 * in the tables; sd is the sample standard deviation over seeds; "paired diff" is policy minus its baseline
 * on the same seed (same initial weights and minibatch order).
 */
final class StudyReport {

    static final double[] THRESHOLDS = {0.85, 0.87};

    private final List<Policy> policies;
    private final Run[][] runs;
    private final int epochs;

    StudyReport(List<Policy> policies, Run[][] runs, int epochs) {
        this.policies = policies;
        this.runs = runs;
        this.epochs = epochs;
    }

    void print(PrintStream out) {
        int seeds = runs[0].length;
        out.println();
        out.printf(Locale.ROOT, "Fashion-MNIST, %d seeds: final test accuracy (%%) after %d epochs%n", seeds, epochs);
        out.println("| policy | final acc mean ± sd | min – max | paired diff vs baseline (mean ± sd) "
                + "| epochs to 85% (reached) | epochs to 87% (reached) | ms/epoch (median) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (int p = 0; p < policies.size(); p++) {
            double[] fin = finals(p);
            int b = baselineIndex(p);
            String diff = "-";
            if (b >= 0 && b != p) {
                double[] d = new double[seeds];
                double[] base = finals(b);
                for (int s = 0; s < seeds; s++) {
                    d[s] = fin[s] - base[s];
                }
                diff = String.format(Locale.ROOT, "%+.2f ± %.2f (vs %s)", 100 * mean(d), 100 * sd(d), policies.get(b).key());
            }
            double[] ms = Arrays.stream(runs[p]).flatMapToDouble(r -> Arrays.stream(r.millis())).toArray();
            out.printf(Locale.ROOT, "| %s | %.2f ± %.2f | %.2f – %.2f | %s | %s | %s | %.0f |%n", label(p), 100 * mean(fin),
                    100 * sd(fin), 100 * min(fin), 100 * max(fin), diff, epochsTo(p, THRESHOLDS[0]),
                    epochsTo(p, THRESHOLDS[1]), FashionMnistStudy.median(ms));
        }
        out.println();
        out.println("Final test accuracy (%) per seed");
        StringBuilder head = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int s = 0; s < seeds; s++) {
            head.append(" seed ").append(s + 1).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (int p = 0; p < policies.size(); p++) {
            StringBuilder row = new StringBuilder("| " + policies.get(p).key() + " |");
            for (double f : finals(p)) {
                row.append(String.format(Locale.ROOT, " %.2f |", 100 * f));
            }
            out.println(row);
        }
    }

    private String label(int p) {
        Policy pol = policies.get(p);
        StringBuilder s = new StringBuilder(pol.name());
        if (pol.finder()) {
            double[] lrs = Arrays.stream(runs[p]).mapToDouble(Run::finderLr).toArray();
            s.append(String.format(Locale.ROOT, " (found %.3g – %.3g)", min(lrs), max(lrs)));
        }
        if (pol.plateau()) {
            s.append(String.format(Locale.ROOT, " (%.1f reductions)",
                    Arrays.stream(runs[p]).mapToLong(Run::reductions).average().orElse(0)));
        }
        return s.toString();
    }

    private int baselineIndex(int p) {
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i).key().equals(policies.get(p).baseline())) {
                return i;
            }
        }
        return -1;
    }

    /** Mean (over the seeds that got there) of the first 1-based epoch at or above {@code threshold}, and how many did. */
    private String epochsTo(int p, double threshold) {
        List<Integer> reached = new ArrayList<>();
        for (Run r : runs[p]) {
            for (int e = 0; e < r.accuracy().length; e++) {
                if (r.accuracy()[e] >= threshold) {
                    reached.add(e + 1);
                    break;
                }
            }
        }
        if (reached.isEmpty()) {
            return "never (0/" + runs[p].length + ")";
        }
        double m = reached.stream().mapToInt(Integer::intValue).average().orElse(0);
        return String.format(Locale.ROOT, "%.1f (%d/%d)", m, reached.size(), runs[p].length);
    }

    private double[] finals(int p) {
        return Arrays.stream(runs[p]).mapToDouble(r -> r.accuracy()[r.accuracy().length - 1]).toArray();
    }

    /** {@code policy,key,epoch,mean,sd,seed1..seedN}: test accuracy after each epoch. */
    void writeCsv(Path file) {
        StringBuilder sb = new StringBuilder("policy,key,epoch,mean,sd");
        for (int s = 0; s < runs[0].length; s++) {
            sb.append(",seed").append(s + 1);
        }
        sb.append('\n');
        for (int p = 0; p < policies.size(); p++) {
            for (int e = 0; e < epochs; e++) {
                final int ep = e;
                double[] a = Arrays.stream(runs[p]).mapToDouble(r -> r.accuracy()[ep]).toArray();
                sb.append('"').append(policies.get(p).name()).append("\",").append(policies.get(p).key()).append(',')
                        .append(e + 1).append(',').append(String.format(Locale.ROOT, "%.6f,%.6f", mean(a), sd(a)));
                for (double v : a) {
                    sb.append(String.format(Locale.ROOT, ",%.4f", v));
                }
                sb.append('\n');
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One chart, the mean test accuracy per epoch of every policy (see {@link StudyCharts#overview}). */
    Path chart(Path png, String title) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        for (int p = 0; p < policies.size(); p++) {
            double[] m = new double[epochs];
            for (int e = 0; e < epochs; e++) {
                final int ep = e;
                m[e] = mean(Arrays.stream(runs[p]).mapToDouble(r -> r.accuracy()[ep]).toArray());
            }
            curves.put(policies.get(p).name(), m);
        }
        return StudyCharts.overview(curves, png, title);
    }

    static double mean(double[] a) {
        return Arrays.stream(a).average().orElse(Double.NaN);
    }

    static double sd(double[] a) {
        if (a.length < 2) {
            return 0;
        }
        double m = mean(a);
        return Math.sqrt(Arrays.stream(a).map(v -> (v - m) * (v - m)).sum() / (a.length - 1));
    }

    private static double min(double[] a) {
        return Arrays.stream(a).min().orElse(Double.NaN);
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(Double.NaN);
    }
}
