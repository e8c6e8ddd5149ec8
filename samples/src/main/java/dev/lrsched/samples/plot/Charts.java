package dev.lrsched.samples.plot;

import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.SuggestionRule;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * XChart charts of schedules, training runs and LR range tests, written as PNG (and SVG). Lives in
 * the samples module only: the library modules do not depend on XChart. Headless-safe: loading this
 * class sets {@code java.awt.headless=true} unless the property was set explicitly.
 *
 * <p>Usage: {@code Charts.savePng(Charts.scheduleCurve("cosine", schedule, 1000), Path.of("cosine.png"))}.
 */
public final class Charts {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Default image size in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private Charts() {
    }

    /**
     * The schedule's value at steps {@code 0 .. steps-1}. Each step {@code s} is evaluated as
     * {@code valueAt(s, s)}: iteration and epoch both equal the step, so ITERATION and EPOCH
     * schedules alike are drawn against their own counter.
     */
    public static XYChart scheduleCurve(String title, ISchedule schedule, int steps) {
        return overlay(title, Map.of(Objects.requireNonNull(title, "title"), schedule), steps);
    }

    /** Several schedules on one chart (legend = map keys, in the map's iteration order). */
    public static XYChart overlay(String title, Map<String, ? extends ISchedule> schedules, int steps) {
        Objects.requireNonNull(schedules, "schedules");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        XYChart chart = base(title, "step (iteration = epoch = step)", "learning rate");
        chart.getStyler().setLegendVisible(schedules.size() > 1);
        chart.getStyler().setYAxisDecimalPattern("0.0####");
        // XChart labels every k-th data point when the x values are equally spaced (crowded, odd
        // ticks like 0, 39, 78...). Holding the last value for half a step more (x = steps - 0.5)
        // breaks the equal spacing, so it uses its normal "nice number" ticks.
        double[] x = new double[steps + 1];
        for (int i = 0; i < steps; i++) {
            x[i] = i;
        }
        x[steps] = steps - 0.5;
        for (Map.Entry<String, ? extends ISchedule> e : schedules.entrySet()) {
            ISchedule s = Objects.requireNonNull(e.getValue(), "schedule " + e.getKey());
            double[] y = new double[steps + 1];
            for (int i = 0; i < steps; i++) {
                y[i] = s.valueAt(i, i);
            }
            y[steps] = y[steps - 1];
            line(chart.addSeries(e.getKey(), x, y), 2f);
        }
        return chart;
    }

    /**
     * A training run: the learning rate (left axis) and a metric (right axis) against the same x
     * (iterations or epochs).
     */
    public static XYChart trainingRun(String title, double[] xs, double[] lrs, String metricName, double[] metrics) {
        Objects.requireNonNull(xs, "xs");
        Objects.requireNonNull(metricName, "metricName");
        if (lrs.length != xs.length || metrics.length != xs.length) {
            throw new IllegalArgumentException("xs, lrs and metrics must have the same length, got "
                    + xs.length + ", " + lrs.length + ", " + metrics.length);
        }
        XYChart chart = base(title, "step", "learning rate");
        chart.getStyler().setXAxisTickMarkSpacingHint(90);
        line(chart.addSeries("learning rate", xs, lrs), 2f).setYAxisGroup(0);
        line(chart.addSeries(metricName, xs, metrics), 2f).setYAxisGroup(1);
        chart.setYAxisGroupTitle(0, "learning rate");
        chart.setYAxisGroupTitle(1, metricName);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        return chart;
    }

    /**
     * One run's curve for {@link #compare}: x in epochs, y values, and the epochs at which a plateau reduction
     * happened (drawn as dashed vertical lines in the run's colour; empty for none).
     */
    public record Curve(String name, double[] x, double[] y, double[] reductions) {
        public Curve {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("x and y must have the same, non-zero length, got " + x.length
                        + " and " + y.length);
            }
            Objects.requireNonNull(reductions, "reductions");
        }
    }

    /** Run colours of {@link #compare}, in order. */
    static final Color[] RUN_COLORS = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(148, 103, 189)};

    /**
     * Several runs of one quantity on one chart: the same axes (x from 0 to {@code epochs}, titled "epoch"), one
     * colour per run, each run's plateau reductions as dashed vertical lines in its colour, the legend below the
     * plot (never on the data); {@link #WIDTH} x {@code height} pixels.
     */
    public static XYChart compare(String title, String yTitle, int epochs, List<Curve> curves, int height) {
        Objects.requireNonNull(curves, "curves");
        if (curves.isEmpty() || curves.size() > RUN_COLORS.length) {
            throw new IllegalArgumentException("curves must have 1 to " + RUN_COLORS.length + " runs, got "
                    + curves.size());
        }
        XYChart chart = base(title, "epoch", yTitle, height);
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) epochs);
        // equally spaced x values make XChart put a tick on every epoch: label only every 5th (10th) epoch
        int every = epochs <= 40 ? 5 : 10;
        chart.getStyler().setxAxisTickLabelsFormattingFunction(
                x -> Math.abs(x - Math.rint(x)) < 1e-9 && Math.rint(x) % every == 0 ? String.valueOf((long) Math.rint(x)) : " ");
        chart.getStyler().setYAxisDecimalPattern("0.0###");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : curves) {
            for (double v : c.y()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double pad = 0.05 * Math.max(hi - lo, 1e-12);
        double yMin = Math.max(0, lo - pad);
        double yMax = hi + pad;
        chart.getStyler().setYAxisMin(yMin);
        chart.getStyler().setYAxisMax(yMax);
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            Color color = RUN_COLORS[i];
            line(chart.addSeries(c.name(), c.x(), c.y()), 2f).setLineColor(color);
            for (int r = 0; r < c.reductions().length; r++) {
                double x = c.reductions()[r];
                XYSeries v = chart.addSeries(c.name() + ": plateau reduction" + (r == 0 ? "" : " " + (r + 1)),
                        new double[] {x, x}, new double[] {yMin, yMax});
                v.setMarker(SeriesMarkers.NONE);
                v.setLineColor(color);
                v.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {5f, 4f}, 0f));
                v.setShowInLegend(r == 0);
            }
        }
        return chart;
    }

    /**
     * {@code charts} stacked top to bottom into one PNG, each {@code panelHeight} pixels high and
     * {@link #WIDTH} wide (e.g. learning rate, loss and accuracy over the same epochs); returns the file.
     */
    public static Path savePngStack(List<XYChart> charts, int panelHeight, Path file) {
        Objects.requireNonNull(charts, "charts");
        if (charts.isEmpty() || panelHeight < 100) {
            throw new IllegalArgumentException("need at least one chart and panelHeight >= 100, got " + charts.size()
                    + " charts, panelHeight " + panelHeight);
        }
        BufferedImage out = new BufferedImage(WIDTH, panelHeight * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            for (int i = 0; i < charts.size(); i++) {
                XYChart c = charts.get(i);
                if (c.getWidth() != WIDTH || c.getHeight() != panelHeight) {
                    throw new IllegalArgumentException("chart " + i + " is " + c.getWidth() + "x" + c.getHeight()
                            + ", expected " + WIDTH + "x" + panelHeight);
                }
                g.drawImage(BitmapEncoder.getBufferedImage(c), 0, i * panelHeight, null);
            }
        } finally {
            g.dispose();
        }
        try {
            createParent(file);
            ImageIO.write(out, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * An LR range test: raw and smoothed loss against the learning rate on a log axis, the
     * steepest-descent point marked and fastai's min-loss / 10 drawn as a dashed line; the default rule's
     * legend entry says "(suggested)".
     */
    private static String label(SuggestionRule rule, String name) {
        return rule == LearningRateFinderResult.DEFAULT_RULE ? name + " (suggested)" : name;
    }

    public static XYChart lrFinder(LearningRateFinderResult result) {
        Objects.requireNonNull(result, "result");
        String title = "LR range test" + result.suggestedLearningRate().stream()
                .mapToObj(lr -> String.format(" (suggested lr = %.2e)", lr)).findFirst().orElse("");
        XYChart chart = base(title, "learning rate (log scale)", "loss");
        if (result.size() == 0) {
            chart.addSeries("no points recorded", new double[] {1}, new double[] {0});
            return chart;
        }
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW); // the flat start leaves room there
        double[] lrs = toArray(result.learningRates());
        XYSeries raw = line(chart.addSeries("loss", lrs, toArray(result.losses())), 1f);
        raw.setLineColor(new Color(150, 170, 220));
        line(chart.addSeries("smoothed loss", lrs, toArray(result.smoothedLosses())), 2.5f)
                .setLineColor(new Color(30, 70, 170));
        OptionalDouble steepest = result.suggestion(SuggestionRule.STEEPEST_DESCENT);
        mark(chart, label(SuggestionRule.STEEPEST_DESCENT, "steepest descent"), result, steepest.isPresent()
                ? OptionalInt.of(result.learningRates().indexOf(steepest.getAsDouble())) : OptionalInt.empty(),
                new Color(200, 30, 30));
        // The raw loss spikes near divergence; scale the y axis to the smoothed curve (raw is clipped).
        double lo = Math.min(min(result.smoothedLosses()), min(result.losses()));
        double hi = max(result.smoothedLosses());
        double pad = 0.08 * Math.max(hi - lo, 1e-12);
        chart.getStyler().setYAxisMin(lo - pad);
        chart.getStyler().setYAxisMax(hi + pad);
        OptionalInt minIdx = result.minLossIndex();
        if (minIdx.isPresent()) {
            double lr = result.minLossOverTen().getAsDouble();
            // min-loss / 10 is usually not a recorded point: draw a dashed vertical line.
            if (lr >= lrs[0]) {
                XYSeries v = chart.addSeries(label(SuggestionRule.MIN_LOSS_OVER_TEN, "min loss / 10"), new double[] {lr, lr},
                        new double[] {lo - pad, hi + pad});
                v.setMarker(SeriesMarkers.NONE);
                v.setLineColor(new Color(40, 150, 60));
                v.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        return chart;
    }

    private static void mark(XYChart chart, String name, LearningRateFinderResult r, OptionalInt idx, Color c) {
        if (idx.isEmpty()) {
            return;
        }
        int i = idx.getAsInt();
        XYSeries s = chart.addSeries(name, new double[] {r.learningRates().get(i)},
                new double[] {r.smoothedLosses().get(i)});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(c);
    }

    /** Writes {@code chart} as PNG to {@code file} (parent directories created); returns the file. */
    public static Path savePng(XYChart chart, Path file) {
        try {
            createParent(file);
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes {@code chart} as SVG (VectorGraphics2D, pulled in by XChart) to {@code file}; returns the file. */
    public static Path saveSvg(XYChart chart, Path file) {
        try {
            createParent(file);
            VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static XYChart base(String title, String xTitle, String yTitle) {
        return base(title, xTitle, yTitle, HEIGHT);
    }

    private static XYChart base(String title, String xTitle, String yTitle, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height)
                .title(Objects.requireNonNull(title, "title")).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    private static XYSeries line(XYSeries s, float width) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(width);
        return s;
    }

    private static double min(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
