package dev.lrsched.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH CSV result file ({@code -rf csv -rff file}) into a Markdown table with the ratio of every
 * row to a baseline row of the same benchmark method: the baseline is the row whose parameter value (or,
 * for benchmarks without parameters, method name) equals the second argument. The ratio's error is the
 * two relative errors added in quadrature. {@code gc.alloc.rate.norm} rows (from {@code -prof gc}) become
 * a B/op column.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.lrsched.bench.Ratios results.csv nd4j.Step}
 */
public final class Ratios {

    private Ratios() {
    }

    private record Row(String method, String label, double score, double error, String unit) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Ratios <jmh-results.csv> <baseline param value or method name>");
            System.exit(2);
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        List<String> header = parse(lines.get(0));
        Map<String, Row> primary = new LinkedHashMap<>();
        Map<String, Double> alloc = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = parse(line);
            String bench = cells.get(0);
            StringBuilder params = new StringBuilder();
            for (int c = 7; c < cells.size() && c < header.size(); c++) {
                if (!cells.get(c).isEmpty()) {
                    params.append(params.length() == 0 ? "" : ",").append(cells.get(c));
                }
            }
            String secondary = bench.contains(":") ? bench.substring(bench.indexOf(':') + 1) : null;
            String method = bench.contains(":") ? bench.substring(0, bench.indexOf(':')) : bench;
            String shortMethod = method.substring(method.lastIndexOf('.', method.lastIndexOf('.') - 1) + 1);
            String label = params.length() > 0 ? params.toString() : shortMethod;
            String group = params.length() > 0 ? method : method.substring(0, method.lastIndexOf('.'));
            String key = group + "|" + label;
            if (secondary == null) {
                primary.put(key, new Row(group, label, num(cells.get(4)), num(cells.get(5)), cells.get(6)));
            } else if (secondary.equals("gc.alloc.rate.norm")) {
                alloc.put(key, num(cells.get(4)));
            }
        }
        Map<String, Row> baselines = new LinkedHashMap<>();
        for (Row r : primary.values()) {
            if (r.label().equals(args[1]) || r.label().endsWith("." + args[1])) {
                baselines.put(r.method(), r);
            }
        }
        boolean hasAlloc = !alloc.isEmpty();
        String currentGroup = null;
        for (Map.Entry<String, Row> e : primary.entrySet()) {
            Row r = e.getValue();
            if (!r.method().equals(currentGroup)) {
                currentGroup = r.method();
                System.out.println();
                System.out.println("`" + currentGroup + "`, baseline " + args[1]);
                System.out.println();
                System.out.println("| benchmark | score (" + r.unit() + ") | ± 99.9% | " + (hasAlloc ? "B/op | " : "")
                        + "ratio | ± |");
                System.out.println("|---|---:|---:|" + (hasAlloc ? "---:|" : "") + "---:|---:|");
            }
            Row b = baselines.get(r.method());
            String ratio = "n/a";
            String ratioErr = "";
            if (b != null) {
                double q = r.score() / b.score();
                double rel = Math.sqrt(sq(rel(r)) + sq(rel(b)));
                ratio = String.format(Locale.ROOT, "%.3f", q);
                ratioErr = Double.isNaN(rel) ? "" : String.format(Locale.ROOT, "%.3f", q * rel);
            }
            Double bytes = alloc.get(e.getKey());
            System.out.println("| " + r.label() + " | " + fmt(r.score()) + " | " + fmt(r.error()) + " | "
                    + (hasAlloc ? (bytes == null ? "" : bytes < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", bytes))
                    + " | " : "") + ratio + " | " + ratioErr + " |");
        }
    }

    private static double rel(Row r) {
        return r.error() / r.score();
    }

    private static double sq(double v) {
        return v * v;
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.1f" : v >= 10 ? "%.2f" : "%.3f", v);
    }

    private static double num(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Minimal CSV: comma separated, fields optionally in double quotes (no embedded quotes in JMH output). */
    private static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
