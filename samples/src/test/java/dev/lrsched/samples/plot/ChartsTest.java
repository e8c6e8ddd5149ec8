package dev.lrsched.samples.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.listeners.SuggestionRule;
import dev.lrsched.listeners.LearningRateFinderResult.StopReason;
import dev.lrsched.samples.ScheduleGallery;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class ChartsTest {

    @TempDir
    Path tmp;

    private static void assertPng(Path file) throws IOException {
        assertThat(file).exists();
        assertThat(Files.size(file)).isGreaterThan(1000);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void scheduleCurveWritesANonEmptyPngHeadless() throws IOException {
        ISchedule s = new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 100);
        XYChart chart = Charts.scheduleCurve("cosine", s, 120);
        assertThat(chart.getSeriesMap().get("cosine").getYData()[0]).isEqualTo(0.1);
        assertThat(chart.getSeriesMap().get("cosine").getYData()[119]).isEqualTo(0.001);
        assertPng(Charts.savePng(chart, tmp.resolve("sub/dir/cosine.png")));
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void epochSchedulesAreDrawnAgainstTheirOwnCounter() {
        XYChart chart = Charts.scheduleCurve("exp", new ExponentialSchedule(ScheduleType.EPOCH, 1.0, 0.5), 3);
        assertThat(chart.getSeriesMap().get("exp").getYData()).startsWith(1.0, 0.5, 0.25);
    }

    @Test
    void overlayAndTrainingRunAndSvg() throws IOException {
        Map<String, ISchedule> m = new LinkedHashMap<>();
        m.put("cos", new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0, 50));
        m.put("exp", new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.95));
        XYChart overlay = Charts.overlay("two", m, 60);
        assertThat(overlay.getSeriesMap()).containsOnlyKeys("cos", "exp");
        assertPng(Charts.savePng(overlay, tmp.resolve("overlay.png")));
        Path svg = Charts.saveSvg(overlay, tmp.resolve("overlay.svg"));
        assertThat(Files.readString(svg)).contains("<svg");

        double[] xs = {0, 1, 2, 3};
        XYChart run = Charts.trainingRun("run", xs, new double[] {0.1, 0.1, 0.05, 0.05}, "accuracy", new double[] {0.5, 0.7, 0.8, 0.85});
        assertThat(run.getSeriesMap()).containsOnlyKeys("learning rate", "accuracy");
        assertPng(Charts.savePng(run, tmp.resolve("run.png")));
        assertThatThrownBy(() -> Charts.trainingRun("bad", xs, new double[] {1}, "m", xs))
                .hasMessage("xs, lrs and metrics must have the same length, got 4, 1, 4");
        assertThatThrownBy(() -> Charts.scheduleCurve("t", m.get("cos"), 0)).hasMessage("steps must be >= 1, got 0");
    }

    @Test
    void compareDrawsAllRunsOnOneEpochAxisWithTheLegendOutsideAndReductionsInTheRunsColour() throws IOException {
        Charts.Curve a = new Charts.Curve("constant", new double[] {1, 2, 3}, new double[] {0.5, 0.4, 0.3},
                new double[0]);
        Charts.Curve b = new Charts.Curve("plateau", new double[] {1, 2, 3}, new double[] {0.6, 0.2, 0.1},
                new double[] {1, 2});
        XYChart chart = Charts.compare("loss", "validation loss", 3, List.of(a, b), 300);
        assertThat(chart.getXAxisTitle()).isEqualTo("epoch");
        assertThat(chart.getStyler().getLegendPosition()).isEqualTo(Styler.LegendPosition.OutsideS);
        assertThat(chart.getStyler().getXAxisMin()).isEqualTo(0.0);
        assertThat(chart.getStyler().getXAxisMax()).isEqualTo(3.0);
        assertThat(chart.getSeriesMap()).containsOnlyKeys("constant", "plateau", "plateau: plateau reduction",
                "plateau: plateau reduction 2");
        XYSeries line = chart.getSeriesMap().get("plateau: plateau reduction 2");
        assertThat(line.getXData()).containsExactly(2.0, 2.0);
        assertThat(line.getYData()).containsExactly(chart.getStyler().getYAxisMin(), chart.getStyler().getYAxisMax());
        assertThat(line.getLineColor()).isEqualTo(chart.getSeriesMap().get("plateau").getLineColor());
        assertThat(line.isShowInLegend()).isFalse();
        assertThat(chart.getSeriesMap().get("plateau: plateau reduction").isShowInLegend()).isTrue();
        assertThat(chart.getSeriesMap().get("constant").getLineColor())
                .isNotEqualTo(chart.getSeriesMap().get("plateau").getLineColor());
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(2.0)).isBlank();
        assertThat(chart.getStyler().getxAxisTickLabelsFormattingFunction().apply(5.0)).isEqualTo("5");

        Path stack = Charts.savePngStack(List.of(chart, Charts.compare("acc", "acc", 3, List.of(a), 300)), 300,
                tmp.resolve("stack.png"));
        BufferedImage img = ImageIO.read(stack.toFile());
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(600);
        assertThatThrownBy(() -> Charts.savePngStack(List.of(chart), 250, tmp.resolve("x.png")))
                .hasMessage("chart 0 is 800x300, expected 800x250");
        assertThatThrownBy(() -> Charts.compare("t", "y", 3, List.of(), 300))
                .hasMessage("curves must have 1 to 4 runs, got 0");
        assertThatThrownBy(() -> new Charts.Curve("c", new double[] {1}, new double[0], new double[0]))
                .hasMessage("x and y must have the same, non-zero length, got 1 and 0");
    }

    @Test
    void lrFinderChartMarksTheSuggestion() throws IOException {
        LearningRateFinder f = LearningRateFinder.builder().startValue(1e-4).endValue(1).numIterations(40).build();
        List<Double> lrs = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lrs.add(f.learningRateAt(i));
            double t = i / 39.0;
            loss.add(1 - 0.8 / (1 + Math.exp(-20 * (t - 0.5))) + (t > 0.85 ? 10 * (t - 0.85) : 0));
        }
        LearningRateFinderResult r = new LearningRateFinderResult(lrs, loss, loss, StopReason.COMPLETED, "done");
        XYChart chart = Charts.lrFinder(r);
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getSeriesMap()).containsKeys("loss", "smoothed loss", "steepest descent (suggested)", "min loss / 10");
        assertThat(chart.getSeriesMap().get("steepest descent (suggested)").getXData()[0])
                .isEqualTo(r.suggestedLearningRate().getAsDouble());
        assertThat(chart.getSeriesMap().get("min loss / 10").getXData()[0])
                .isEqualTo(r.suggestion(SuggestionRule.MIN_LOSS_OVER_TEN).getAsDouble());
        assertPng(Charts.savePng(chart, tmp.resolve("lr-finder.png")));

        LearningRateFinderResult empty = new LearningRateFinderResult(List.of(), List.of(), List.of(), StopReason.DATA_EXHAUSTED, "none");
        assertPng(Charts.savePng(Charts.lrFinder(empty), tmp.resolve("empty.png")));
    }

    @Test
    void galleryWritesOneDeterministicallyNamedPngPerEntry() throws IOException {
        List<Path> files = ScheduleGallery.render(ScheduleGallery.ENTRIES.subList(0, 2), tmp);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("schedule-cosine-annealing.png", "schedule-warm-restarts.png");
        for (Path p : files) {
            assertPng(p);
        }
        assertThat(ScheduleGallery.ENTRIES).extracting(ScheduleGallery.Entry::name).doesNotHaveDuplicates();
        assertThatThrownBy(() -> new ScheduleGallery.Entry("Bad Name", ScheduleGallery.ENTRIES.get(0).schedule(), 10, "x"))
                .hasMessage("name must match [a-z0-9-]+, got 'Bad Name'");
    }
}
