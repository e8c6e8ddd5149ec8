package dev.lrsched.samples;

import dev.lrsched.samples.plot.Charts;
import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineDecayRestartsSchedule;
import dev.lrsched.schedules.ExponentialDecaySchedule;
import dev.lrsched.schedules.InverseSqrtSchedule;
import dev.lrsched.schedules.InverseTimeDecaySchedule;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.PiecewiseConstantSchedule;
import dev.lrsched.schedules.PolynomialDecaySchedule;
import dev.lrsched.schedules.WarmupCosineHardRestartsSchedule;
import dev.lrsched.schedules.WarmupStableDecaySchedule;
import dev.lrsched.schedules.WsdShape;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.ScheduleFunction;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.nd4j.linalg.schedule.CycleSchedule;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Renders one PNG per gallery entry, {@code schedule-<name>.png}, into {@code docs/images/} of the
 * repository (or the folder given as first argument). An entry is one schedule or an overlay of
 * several. The parameters are the ones {@code docs/schedules.md} shows next to each image: change
 * both together. Output is deterministic (no randomness, no timestamps), so the committed images
 * are reproduced exactly by {@code mvn -B -o -q test-compile exec:java
 * -Dexec.mainClass=dev.lrsched.samples.ScheduleGallery}.
 */
public final class ScheduleGallery {

    /**
     * One gallery picture: file-name part, the curves (legend label -> schedule, in order), number of
     * steps drawn, chart title.
     */
    public record Entry(String name, Map<String, ISchedule> curves, int steps, String description) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(curves, "curves");
            Objects.requireNonNull(description, "description");
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("name must match [a-z0-9-]+, got '" + name + "'");
            }
            if (curves.isEmpty()) {
                throw new IllegalArgumentException("curves must contain at least 1 schedule, got 0");
            }
            curves.forEach((k, v) -> Objects.requireNonNull(v, "schedule " + k));
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
        }

        /** A single-schedule entry. */
        public Entry(String name, ISchedule schedule, int steps, String description) {
            this(name, Map.of(description, Objects.requireNonNull(schedule, "schedule")), steps, description);
        }

        /** The first (for a single-schedule entry: the only) schedule. */
        public ISchedule schedule() {
            return curves.values().iterator().next();
        }

        public boolean isOverlay() {
            return curves.size() > 1;
        }

        public String fileName() {
            return "schedule-" + name + ".png";
        }
    }

    private static final ScheduleType IT = ScheduleType.ITERATION;

    // ---- the schedules shown in docs/schedules.md (same parameters) ----
    static final CosineAnnealingSchedule COSINE = new CosineAnnealingSchedule(IT, 0.1, 0.001, 800);
    static final CosineWarmRestartsSchedule RESTARTS = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 200, 1);
    static final CosineWarmRestartsSchedule RESTARTS_T2 = CosineWarmRestartsSchedule.of(IT, 0.1, 0.001, 100, 2);
    static final CosineWarmRestartsSchedule RESTARTS_DECAY =
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 100, 2, 0.5);
    static final WarmupSchedule WARMUP_LINEAR = new WarmupSchedule(IT, 200, 0.001, WarmupShape.LINEAR, COSINE);
    static final WarmupSchedule WARMUP_COSINE = new WarmupSchedule(IT, 200, 0.001, WarmupShape.COSINE, COSINE);
    static final WarmupSchedule WARMUP_EXPONENTIAL =
            new WarmupSchedule(IT, 200, 0.001, WarmupShape.EXPONENTIAL, COSINE);
    static final WarmupCosineSchedule WARMUP_COSINE_SCHEDULE = new WarmupCosineSchedule(IT, 0.001, 0.1, 0.001, 200, 900);
    static final PolynomialSchedule POLYNOMIAL = new PolynomialSchedule(IT, 0.1, 0.001, 2.0, 800);
    static final CyclicSchedule CYCLIC_TRIANGULAR = CyclicSchedule.triangular(IT, 0.01, 0.1, 100);
    static final CyclicSchedule CYCLIC_TRIANGULAR2 =
            new CyclicSchedule(IT, 0.01, 0.1, 100, 100, CyclicMode.TRIANGULAR2, 1.0);
    static final CyclicSchedule CYCLIC_EXP_RANGE =
            new CyclicSchedule(IT, 0.01, 0.1, 100, 100, CyclicMode.EXP_RANGE, 0.998);
    static final OneCycleSchedule ONE_CYCLE_COS = OneCycleSchedule.builder(0.1, 900).build();
    static final OneCycleSchedule ONE_CYCLE_LINEAR =
            OneCycleSchedule.builder(0.1, 900).annealStrategy(AnnealStrategy.LINEAR).build();
    static final OneCycleSchedule ONE_CYCLE_THREE_PHASE = OneCycleSchedule.builder(0.1, 900).threePhase(true).build();
    static final LinearSchedule LINEAR = new LinearSchedule(IT, 0.1, 1.0, 0.1, 800);
    static final LambdaSchedule LAMBDA = new LambdaSchedule(IT, 0.1, "min(step / 100, sqrt(100 / max(step, 1)))");
    static final FunctionSchedule FUNCTION = new FunctionSchedule(IT, 0.1, (ScheduleFunction) (it, ep) -> 1.0 / (1 + 0.01 * it));
    static final SequentialSchedule SEQUENTIAL = new SequentialSchedule(IT, List.of(
            new LinearSchedule(IT, 0.1, 0.01, 1.0, 100),
            new ExponentialSchedule(IT, 0.1, 0.995),
            new FixedSchedule(0.01)), new int[] {100, 600});
    static final ScaledSchedule SCALED = new ScaledSchedule(COSINE, 0.5);
    static final SequentialSchedule WSD_COS =
            Schedules.warmupStableDecay(IT, 0.1, 0.001, 100, 500, 300, AnnealStrategy.COS);
    static final SequentialSchedule WSD_LINEAR =
            Schedules.warmupStableDecay(IT, 0.1, 0.001, 100, 500, 300, AnnealStrategy.LINEAR);
    static final SequentialSchedule MULTI_STEP = Schedules.multiStep(IT, 0.1, 0.3, 300, 600, 800);
    // ---- schedule options: past the end, timm, Hugging Face, Keras 3 ----
    static final CosineAnnealingSchedule COSINE_400 = new CosineAnnealingSchedule(IT, 0.1, 0.001, 400);
    static final CosineAnnealingSchedule COSINE_EXTRAPOLATE =
            new CosineAnnealingSchedule(IT, 0.1, 0.001, 400, AfterEnd.EXTRAPOLATE);
    static final CosineWarmRestartsSchedule RESTARTS_TIMM =
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 200, 1, 0.7, 3, 2.0);
    static final CosineWarmRestartsSchedule RESTARTS_LIMIT =
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 200, 1, 0.7, 3, 1.0);
    static final WarmupSchedule WARMUP_PREFIX = new WarmupSchedule(IT, 200, 0.001, WarmupShape.LINEAR,
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 800, 1, 1.0, 1, 1.0), true);
    static final WarmupSchedule WARMUP_OVERLAY = new WarmupSchedule(IT, 200, 0.001, WarmupShape.LINEAR,
            new CosineWarmRestartsSchedule(IT, 0.1, 0.001, 800, 1, 1.0, 1, 1.0), false);
    static final NoisySchedule NOISY = NoisySchedule.builder(IT, COSINE).noiseRange(200, 800).build();
    static final InverseSqrtSchedule INVERSE_SQRT = InverseSqrtSchedule.of(IT, 0.1, 100);
    static final WarmupStableDecaySchedule WSD_1_SQRT = WarmupStableDecaySchedule.builder(0.1, 100, 500, 300)
            .decayShape(WsdShape.ONE_MINUS_SQRT).minLrRatio(0.01).build();
    static final WarmupStableDecaySchedule WSD_HF_COSINE = WarmupStableDecaySchedule.builder(0.1, 100, 500, 300)
            .warmupShape(WsdShape.COSINE).decayShape(WsdShape.COSINE).minLrRatio(0.01).build();
    static final WarmupStableDecaySchedule WSD_HF_LINEAR = WarmupStableDecaySchedule.builder(0.1, 100, 500, 300)
            .decayShape(WsdShape.LINEAR).minLrRatio(0.01).build();
    static final WarmupCosineHardRestartsSchedule HARD_RESTARTS = new WarmupCosineHardRestartsSchedule(IT, 0.1, 100, 900, 3);
    static final ExponentialDecaySchedule EXP_DECAY = new ExponentialDecaySchedule(IT, 0.1, 200, 0.5, false);
    static final ExponentialDecaySchedule EXP_DECAY_STAIRCASE = new ExponentialDecaySchedule(IT, 0.1, 200, 0.5, true);
    static final InverseTimeDecaySchedule INVERSE_TIME = new InverseTimeDecaySchedule(IT, 0.1, 100, 0.5, false);
    static final InverseTimeDecaySchedule INVERSE_TIME_STAIRCASE = new InverseTimeDecaySchedule(IT, 0.1, 100, 0.5, true);
    static final PiecewiseConstantSchedule PIECEWISE = new PiecewiseConstantSchedule(IT, new int[] {300, 600, 800},
            new double[] {0.1, 0.05, 0.02, 0.005});
    static final PolynomialDecaySchedule POLY_CYCLE = new PolynomialDecaySchedule(IT, 0.1, 200, 0.001, 2.0, true);
    static final PolynomialDecaySchedule POLY_NO_CYCLE = new PolynomialDecaySchedule(IT, 0.1, 200, 0.001, 2.0, false);
    static final CosineDecayRestartsSchedule KERAS_RESTARTS =
            new CosineDecayRestartsSchedule(IT, 0.1, 100, 1.5, 0.7, 0.05);

    private static Map<String, ISchedule> curves(Object... labelsAndSchedules) {
        Map<String, ISchedule> m = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndSchedules.length; i += 2) {
            m.put((String) labelsAndSchedules[i], (ISchedule) labelsAndSchedules[i + 1]);
        }
        return m;
    }

    /** The gallery, in output order. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry("cosine-annealing", COSINE, 1000,
                    "CosineAnnealingSchedule(0.1 -> 0.001 over 800), holds after"),
            new Entry("warm-restarts", RESTARTS, 1000,
                    "CosineWarmRestartsSchedule.of(0.1, 0.001, T_0 200, T_mult 1)"),
            new Entry("warm-restarts-tmult2", RESTARTS_T2, 1500,
                    "CosineWarmRestartsSchedule.of(0.1, 0.001, T_0 100, T_mult 2)"),
            new Entry("warm-restarts-decay", RESTARTS_DECAY, 1500,
                    "CosineWarmRestartsSchedule(0.1, 0.001, T_0 100, T_mult 2, restartDecay 0.5)"),
            new Entry("warmup-linear", WARMUP_LINEAR, 1000,
                    "WarmupSchedule(200 steps from 0.001, LINEAR) over cosine(0.1 -> 0.001 over 800)"),
            new Entry("warmup-cosine-shape", WARMUP_COSINE, 1000,
                    "WarmupSchedule(200 steps from 0.001, COSINE) over cosine(0.1 -> 0.001 over 800)"),
            new Entry("warmup-exponential", WARMUP_EXPONENTIAL, 1000,
                    "WarmupSchedule(200 steps from 0.001, EXPONENTIAL) over cosine(0.1 -> 0.001 over 800)"),
            new Entry("warmup-cosine", WARMUP_COSINE_SCHEDULE, 1000,
                    "WarmupCosineSchedule(0.001 -> 0.1 in 200, cosine -> 0.001 at 900)"),
            new Entry("polynomial", POLYNOMIAL, 1000,
                    "PolynomialSchedule(0.1 -> 0.001, power 2, over 800), holds after"),
            new Entry("cyclic-triangular", CYCLIC_TRIANGULAR, 1000,
                    "CyclicSchedule.triangular(0.01 <-> 0.1, step size 100)"),
            new Entry("cyclic-triangular2", CYCLIC_TRIANGULAR2, 1000,
                    "CyclicSchedule(0.01 <-> 0.1, 100 up, 100 down, TRIANGULAR2)"),
            new Entry("cyclic-exp-range", CYCLIC_EXP_RANGE, 1000,
                    "CyclicSchedule(0.01 <-> 0.1, 100 up, 100 down, EXP_RANGE, gamma 0.998)"),
            new Entry("one-cycle-cos", ONE_CYCLE_COS, 1000,
                    "OneCycleSchedule(max 0.1, 900 steps) torch defaults (COS), holds after"),
            new Entry("one-cycle-linear", ONE_CYCLE_LINEAR, 1000,
                    "OneCycleSchedule(max 0.1, 900 steps, LINEAR)"),
            new Entry("one-cycle-three-phase", ONE_CYCLE_THREE_PHASE, 1000,
                    "OneCycleSchedule(max 0.1, 900 steps, threePhase)"),
            new Entry("linear", LINEAR, 1000,
                    "LinearSchedule(0.1, factor 1.0 -> 0.1 over 800), holds after"),
            new Entry("lambda", LAMBDA, 1000,
                    "LambdaSchedule(0.1, \"min(step / 100, sqrt(100 / max(step, 1)))\")"),
            new Entry("function", FUNCTION, 1000,
                    "FunctionSchedule(0.1, (it, ep) -> 1 / (1 + 0.01 * it))"),
            new Entry("sequential", SEQUENTIAL, 1000,
                    "SequentialSchedule(linear warmup | exponential 0.995 | 0.01, at 100, 600)"),
            new Entry("scaled", curves("CosineAnnealingSchedule(0.1 -> 0.001 over 800)", COSINE,
                    "ScaledSchedule(cosine, 0.5)", SCALED), 1000,
                    "ScaledSchedule(cosine, 0.5), as installed by a plateau reduction"),
            new Entry("wsd", WSD_COS, 1000,
                    "Schedules.warmupStableDecay(0.1, 0.001, 100 warmup, 500 stable, 300 decay, COS)"),
            new Entry("multi-step", MULTI_STEP, 1000,
                    "Schedules.multiStep(0.1, gamma 0.3, milestones 300, 600, 800)"),
            new Entry("cosine-after-end", curves(
                    "afterEnd HOLD (default, Keras)", COSINE_400,
                    "afterEnd EXTRAPOLATE (torch CosineAnnealingLR)", COSINE_EXTRAPOLATE), 1000,
                    "CosineAnnealingSchedule(0.1 -> 0.001 over 400) after its end"),
            new Entry("warm-restarts-timm", curves(
                    "cycleLimit 3", RESTARTS_LIMIT,
                    "cycleLimit 3, kDecay 2", RESTARTS_TIMM), 1000,
                    "CosineWarmRestartsSchedule(0.1, 0.001, T_0 200, restartDecay 0.7): timm options"),
            new Entry("warmup-prefix", curves(
                    "warmupPrefix true (timm warmup_prefix=True)", WARMUP_PREFIX,
                    "warmupPrefix false (timm default)", WARMUP_OVERLAY), 1000,
                    "WarmupSchedule(200 steps from 0.001) over a cosine of 800 steps"),
            new Entry("noisy", NOISY, 1000,
                    "NoisySchedule(cosine, NORMAL, noisePct 0.67, seed 42, steps 200-800)"),
            new Entry("inverse-sqrt", INVERSE_SQRT, 1000,
                    "InverseSqrtSchedule.of(0.1, warmup 100) (HF inverse_sqrt)"),
            new Entry("wsd-shapes", curves(
                    "linear warmup, 1-sqrt decay", WSD_1_SQRT,
                    "cosine warmup, cosine decay", WSD_HF_COSINE,
                    "linear warmup, linear decay", WSD_HF_LINEAR), 1000,
                    "WarmupStableDecaySchedule(0.1, 100 / 500 / 300, minLrRatio 0.01)"),
            new Entry("hf-cosine-with-restarts", HARD_RESTARTS, 1000,
                    "WarmupCosineHardRestartsSchedule(0.1, warmup 100, total 900, 3 cycles)"),
            new Entry("keras-exponential-decay", curves(
                    "staircase false", EXP_DECAY,
                    "staircase true", EXP_DECAY_STAIRCASE), 1000,
                    "ExponentialDecaySchedule(0.1, decaySteps 200, decayRate 0.5)"),
            new Entry("keras-inverse-time-decay", curves(
                    "staircase false", INVERSE_TIME,
                    "staircase true", INVERSE_TIME_STAIRCASE), 1000,
                    "InverseTimeDecaySchedule(0.1, decaySteps 100, decayRate 0.5)"),
            new Entry("keras-piecewise-constant", PIECEWISE, 1000,
                    "PiecewiseConstantSchedule(boundaries 300, 600, 800; 0.1, 0.05, 0.02, 0.005)"),
            new Entry("keras-polynomial-cycle", curves(
                    "cycle true", POLY_CYCLE,
                    "cycle false", POLY_NO_CYCLE), 1000,
                    "PolynomialDecaySchedule(0.1 -> 0.001, decaySteps 200, power 2)"),
            new Entry("keras-cosine-decay-restarts", KERAS_RESTARTS, 1000,
                    "CosineDecayRestartsSchedule(0.1, first 100, tMul 1.5, mMul 0.7, alpha 0.05)"),
            // ---- overlays comparing families ----
            new Entry("family-warmup", curves(
                    "WarmupSchedule LINEAR", WARMUP_LINEAR,
                    "WarmupSchedule COSINE", WARMUP_COSINE,
                    "WarmupSchedule EXPONENTIAL", WARMUP_EXPONENTIAL), 400,
                    "WarmupSchedule shapes: first 400 steps, 200 warmup steps from 0.001"),
            new Entry("family-warm-restarts", curves(
                    "T_0 200, T_mult 1", RESTARTS,
                    "T_0 100, T_mult 2", RESTARTS_T2,
                    "T_0 100, T_mult 2, restartDecay 0.5", RESTARTS_DECAY), 1500,
                    "CosineWarmRestartsSchedule variants (0.1 -> 0.001)"),
            new Entry("family-cyclic", curves(
                    "TRIANGULAR", CYCLIC_TRIANGULAR,
                    "TRIANGULAR2", CYCLIC_TRIANGULAR2,
                    "EXP_RANGE, gamma 0.998", CYCLIC_EXP_RANGE), 1000,
                    "CyclicSchedule modes (0.01 <-> 0.1, 100 up, 100 down)"),
            new Entry("family-one-cycle", curves(
                    "COS (torch default)", ONE_CYCLE_COS,
                    "LINEAR", ONE_CYCLE_LINEAR,
                    "COS, threePhase", ONE_CYCLE_THREE_PHASE), 1000,
                    "OneCycleSchedule variants (max 0.1, 900 steps, pctStart 0.3)"),
            new Entry("family-decay", curves(
                    "CosineAnnealingSchedule", COSINE,
                    "PolynomialSchedule power 2", POLYNOMIAL,
                    "LinearSchedule 1.0 -> 0.1", LINEAR,
                    "Schedules.multiStep gamma 0.3", MULTI_STEP), 1000,
                    "Decays from 0.1"),
            new Entry("family-wsd", curves(
                    "warmupStableDecay COS (HF decay_type=cosine)", WSD_COS,
                    "warmupStableDecay LINEAR (HF decay_type=linear)", WSD_LINEAR), 1000,
                    "Warmup-stable-decay (0.1, min 0.001, 100 / 500 / 300)"),
            new Entry("nd4j-poly-vs-polynomial", curves(
                    "ND4J PolySchedule(0.1, power 2, maxIter 800): grows", new PolySchedule(IT, 0.1, 2.0, 800),
                    "lrsched PolynomialSchedule(0.1 -> 0, power 2, 800)", new PolynomialSchedule(IT, 0.1, 0.0, 2.0, 800)),
                    1000, "ND4J PolySchedule vs lrsched PolynomialSchedule (torch PolynomialLR)"),
            new Entry("nd4j-cycle-vs-one-cycle", curves(
                    "ND4J CycleSchedule(max 0.1, cycle 900): repeats", new CycleSchedule(IT, 0.1, 900),
                    "lrsched OneCycleSchedule(max 0.1, 900)", ONE_CYCLE_COS), 1500,
                    "ND4J CycleSchedule vs lrsched OneCycleSchedule (torch OneCycleLR)"),
            new Entry("nd4j-step", new StepSchedule(IT, 0.1, 0.5, 200), 1000,
                    "ND4J StepSchedule(0.1, decay 0.5 every 200)"),
            new Entry("nd4j-exponential", new ExponentialSchedule(IT, 0.1, 0.997), 1000,
                    "ND4J ExponentialSchedule(0.1, gamma 0.997)"),
            new Entry("nd4j-map", new MapSchedule(IT, new TreeMap<>(Map.of(0, 0.1, 300, 0.05, 600, 0.01))), 1000,
                    "ND4J MapSchedule{0: 0.1, 300: 0.05, 600: 0.01}"),
            new Entry("nd4j-inverse", new InverseSchedule(IT, 0.1, 0.01, 1.0), 1000,
                    "ND4J InverseSchedule(0.1, gamma 0.01, power 1)"));

    private ScheduleGallery() {
    }

    public static void main(String[] args) {
        Backends.logBackend();
        Path dir = RepoPaths.outputDir(args, "docs/images");
        for (Path p : render(ENTRIES, dir)) {
            System.out.println("wrote " + p);
        }
    }

    /** Writes every entry's PNG into {@code dir}; returns the files in entry order. */
    public static List<Path> render(List<Entry> entries, Path dir) {
        return entries.stream()
                .map(e -> Charts.savePng(chart(e), dir.resolve(e.fileName())))
                .toList();
    }

    /** The entry's chart; an overlay's legend goes below the plot so it never hides a curve. */
    public static XYChart chart(Entry e) {
        XYChart chart;
        if (e.isOverlay()) {
            chart = Charts.overlay(e.description(), e.curves(), e.steps());
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        } else {
            chart = Charts.scheduleCurve(e.description(), e.schedule(), e.steps());
        }
        // A fixed y range from 0: XChart labels every distinct y value when they are equally spaced
        // (e.g. a triangular cycle), which makes the axis unreadable; explicit bounds avoid that.
        double max = chart.getSeriesMap().values().stream()
                .flatMapToDouble(s -> java.util.Arrays.stream(s.getYData())).max().orElse(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(max > 0 ? max : 1.0);
        return chart;
    }
}
