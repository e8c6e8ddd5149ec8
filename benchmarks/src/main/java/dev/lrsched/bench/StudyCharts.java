package dev.lrsched.bench;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of {@link FashionMnistStudy}, drawn from curves CSVs ({@code policy,key,epoch,mean,sd,seed1..}, written by
 * {@link StudyReport#writeCsv} and by {@code tools/torch/fashion_mnist_study.py}):
 * <ul>
 *   <li>{@link #overview}: one chart, the mean test accuracy of every policy per epoch;</li>
 *   <li>{@link #panels}: one panel per policy, DL4J and torch means with ± sd error bars, and the policy's
 *       baseline (constant SGD, or constant Adam for the Adam policies) as a grey line, so a panel shows at a
 *       glance what the schedule buys and whether the two frameworks agree.</li>
 * </ul>
 */
final class StudyCharts {

    private static final int PANEL_WIDTH = 480;
    private static final int PANEL_HEIGHT = 330;
    private static final int COLUMNS = 3;
    private static final Color DL4J = new Color(31, 119, 180);
    private static final Color TORCH = new Color(255, 127, 14);
    private static final Color BASELINE = new Color(150, 150, 150);

    private StudyCharts() {
    }

    /** One policy's curve in a CSV: its display name, key and per-epoch mean and sd. */
    record Curve(String name, String key, double[] mean, double[] sd) {
    }

    /** Reads a curves CSV, policies in file order. */
    static List<Curve> read(Path csv) {
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                int close = line.indexOf("\",");
                String[] f = line.substring(close + 2).split(",");
                names.putIfAbsent(f[0], line.substring(1, close));
                rows.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        List<Curve> out = new ArrayList<>();
        rows.forEach((key, r) -> out.add(new Curve(names.get(key), key,
                r.stream().mapToDouble(v -> v[0]).toArray(), r.stream().mapToDouble(v -> v[1]).toArray())));
        return out;
    }

    /** The mean column of a curves CSV as one chart (what {@code FashionMnistStudy plot} draws). */
    static Path overview(Path csv, Path png, String title) {
        Map<String, double[]> curves = new LinkedHashMap<>();
        read(csv).forEach(c -> curves.put(c.name(), c.mean()));
        return overview(curves, png, title);
    }

    static Path overview(Map<String, double[]> curves, Path png, String title) {
        headless();
        XYChart chart = new XYChartBuilder().width(1200).height(620).title(title)
                .xAxisTitle("epoch").yAxisTitle("test accuracy (2,000 images)").build();
        XYStyler s = style(chart);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setYAxisDecimalPattern("0.000");
        curves.forEach((name, y) -> chart.addSeries(name, epochs(y.length), y)
                .setMarker(name.startsWith("Adam") ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE));
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }

    /**
     * One panel per policy of {@code dl4jCsv} (matched by key in {@code torchCsv}), three to a row, in one PNG.
     * The baseline of a policy is the curve of key {@code adam} for keys starting with "adam", else {@code const}.
     */
    static Path panels(Path dl4jCsv, Path torchCsv, Path png) {
        headless();
        List<Curve> dl4j = read(dl4jCsv);
        Map<String, Curve> torch = new LinkedHashMap<>();
        read(torchCsv).forEach(c -> torch.put(c.key(), c));
        Map<String, Curve> byKey = new LinkedHashMap<>();
        dl4j.forEach(c -> byKey.put(c.key(), c));
        int rows = (dl4j.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage sheet = new BufferedImage(COLUMNS * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        for (int i = 0; i < dl4j.size(); i++) {
            Curve c = dl4j.get(i);
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT).title(c.name())
                    .xAxisTitle("epoch").yAxisTitle("test accuracy").build();
            XYStyler s = style(chart);
            s.setLegendPosition(Styler.LegendPosition.InsideSE);
            s.setChartTitleFont(s.getChartTitleFont().deriveFont(11f));
            Curve base = byKey.get(c.key().startsWith("adam") ? "adam" : "const");
            if (base != null && base != c) {
                XYSeries b = chart.addSeries("baseline: " + base.key() + " (DL4J)", epochs(base.mean().length), base.mean());
                b.setMarker(SeriesMarkers.NONE).setLineColor(BASELINE).setLineStyle(SeriesLines.DASH_DASH);
            }
            XYSeries d = chart.addSeries("DL4J mean ± sd", epochs(c.mean().length), c.mean(), c.sd());
            d.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(DL4J).setLineColor(DL4J);
            Curve t = torch.get(c.key());
            if (t != null) {
                XYSeries ts = chart.addSeries("torch mean ± sd", epochs(t.mean().length), t.mean(), t.sd());
                ts.setMarker(SeriesMarkers.DIAMOND).setMarkerColor(TORCH).setLineColor(TORCH);
            }
            g.drawImage(BitmapEncoder.getBufferedImage(chart), (i % COLUMNS) * PANEL_WIDTH, (i / COLUMNS) * PANEL_HEIGHT,
                    null);
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(sheet, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return png;
    }

    private static XYStyler style(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setYAxisDecimalPattern("0.00");
        s.setXAxisDecimalPattern("0");
        s.setPlotGridLinesVisible(true);
        s.setYAxisMin(0.70);
        s.setYAxisMax(0.90);
        return s;
    }

    private static double[] epochs(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
