package dev.lrsched.bench;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineDecayRestartsSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.ExponentialDecaySchedule;
import dev.lrsched.schedules.InverseSqrtSchedule;
import dev.lrsched.schedules.InverseTimeDecaySchedule;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.PiecewiseConstantSchedule;
import dev.lrsched.schedules.PolynomialDecaySchedule;
import dev.lrsched.schedules.WarmupCosineHardRestartsSchedule;
import dev.lrsched.schedules.WarmupStableDecaySchedule;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.schedule.CycleSchedule;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * The schedules every benchmark compares, by name, all over {@link #TOTAL} iteration steps with a base
 * value {@link #LR}. Names starting with {@code nd4j.} are ND4J's own schedules (the baselines).
 */
public final class BenchSchedules {

    /** Schedule length in steps (iterations) used by every benchmark schedule. */
    public static final int TOTAL = 10_000;
    /** Base / peak learning rate. */
    public static final double LR = 1e-2;

    /** Every name {@link #create} knows, baselines first. */
    public static final List<String> NAMES = List.of(
            "nd4j.Fixed", "nd4j.Step", "nd4j.Exponential", "nd4j.Map", "nd4j.Cycle",
            "CosineAnnealing", "Scaled(Cosine)", "Cyclic", "CyclicExpRange", "OneCycle", "Linear",
            "WarmupCosine(Sequential)", "Sequential3", "Function", "Lambda", "Lambda(WarmupCosine)",
            "CosineWarmRestarts", "CosineWarmRestarts(x2)", "Polynomial", "WarmupCosine", "Warmup(Cosine)",
            "WarmupStableDecay", "MultiStep",
            "CosineWarmRestartsDecay(x2)", "OneCycleMomentum", "InverseSqrt", "WarmupStableDecaySchedule",
            "WarmupCosineHardRestarts", "CosineDecayRestarts", "ExponentialDecay", "InverseTimeDecay",
            "PiecewiseConstant", "PolynomialDecay", "Noisy(Cosine)");

    private BenchSchedules() {
    }

    /** The schedule called {@code name} (one of {@link #NAMES}). */
    public static ISchedule create(String name) {
        ScheduleType it = ScheduleType.ITERATION;
        switch (name) {
            case "nd4j.Fixed":
                return new FixedSchedule(LR);
            case "nd4j.Step":
                return new StepSchedule(it, LR, 0.5, TOTAL / 4.0);
            case "nd4j.Exponential":
                return new ExponentialSchedule(it, LR, 0.9997);
            case "nd4j.Map": {
                Map<Integer, Double> m = new TreeMap<>();
                for (int k = 0; k < 10; k++) {
                    m.put(k * TOTAL / 10, LR * Math.pow(0.7, k));
                }
                return new MapSchedule(it, m);
            }
            case "nd4j.Cycle":
                return new CycleSchedule(it, LR / 10, LR, TOTAL, TOTAL / 10, 0.1);
            case "CosineAnnealing":
                return cosine(TOTAL);
            case "Scaled(Cosine)":
                return ScaledSchedule.of(cosine(TOTAL), 0.5);
            case "Cyclic":
                return CyclicSchedule.triangular(it, LR / 10, LR, TOTAL / 8);
            case "CyclicExpRange":
                return new CyclicSchedule(it, LR / 10, LR, TOTAL / 8, TOTAL / 8, CyclicMode.EXP_RANGE, 0.9999);
            case "OneCycle":
                return new OneCycleSchedule(it, LR, TOTAL, 0.3, AnnealStrategy.COS, 25, 1e4, false);
            case "Linear":
                return new LinearSchedule(it, LR, 1.0, 0.01, TOTAL);
            case "WarmupCosine(Sequential)":
                // Linear warm-up over 5% of the steps, then cosine: torch SequentialLR([LinearLR, CosineAnnealingLR]).
                return SequentialSchedule.of(it, new LinearSchedule(it, LR, 0.01, 1.0, TOTAL / 20), TOTAL / 20,
                        cosine(TOTAL - TOTAL / 20));
            case "Sequential3":
                // warm-up, constant, cosine: three phases, two boundaries.
                return new SequentialSchedule(it, List.of(
                        new LinearSchedule(it, LR, 0.01, 1.0, TOTAL / 20),
                        new FixedSchedule(LR),
                        cosine(TOTAL / 2)), new int[] {TOTAL / 20, TOTAL / 2});
            case "Function":
                return new FunctionSchedule(it, LR, new CosineFactor(TOTAL));
            case "Lambda":
                return new LambdaSchedule(it, LR, "max(0, 1 - step / " + TOTAL + ")");
            case "Lambda(WarmupCosine)":
                // Linear warm-up then cosine, as a typical LambdaLR config: six nodes, a cos call.
                return new LambdaSchedule(it, LR, "min(1, step / 500) * 0.5 * (1 + cos(pi * step / " + TOTAL + "))");
            case "CosineWarmRestarts":
                return Schedules.cosineWarmRestarts(it, LR, LR / 100, TOTAL / 8, 1);
            case "CosineWarmRestarts(x2)":
                // T_mult = 2: the cycle index needs a logarithm, not a division.
                return Schedules.cosineWarmRestarts(it, LR, LR / 100, TOTAL / 16, 2);
            case "Polynomial":
                return new PolynomialSchedule(it, LR, LR / 100, 2.0, TOTAL);
            case "WarmupCosine":
                return Schedules.warmupCosine(it, LR, TOTAL / 20, TOTAL);
            case "Warmup(Cosine)":
                // Generic warm-up wrapper over a cosine: WarmupSchedule delegating with a shifted counter.
                return Schedules.warmup(it, TOTAL / 20, 0.0, cosine(TOTAL - TOTAL / 20));
            case "WarmupStableDecay":
                return Schedules.warmupStableDecay(it, LR, LR / 100, TOTAL / 20, TOTAL / 2, TOTAL * 9 / 20,
                        AnnealStrategy.COS);
            case "MultiStep":
                // torch MultiStepLR: a SequentialSchedule of three FixedSchedules.
                return Schedules.multiStep(it, LR, 0.1, TOTAL / 2, TOTAL * 3 / 4);
            case "CosineWarmRestartsDecay(x2)":
                // timm cycle_decay: the peak shrinks by 0.8 per restart (restartDecay != 1), doubling periods.
                return new CosineWarmRestartsSchedule(it, LR, LR / 100, TOTAL / 16, 2, 0.8);
            case "OneCycleMomentum":
                return new OneCycleSchedule(it, LR, TOTAL, 0.3, AnnealStrategy.COS, 25, 1e4, false).momentum();
            case "InverseSqrt":
                return InverseSqrtSchedule.of(it, LR, TOTAL / 20);
            case "WarmupStableDecaySchedule":
                // Hugging Face get_wsd_schedule: linear warm-up, stable, cosine decay (one class, no Sequential).
                return WarmupStableDecaySchedule.builder(LR, TOTAL / 20, TOTAL / 2, TOTAL * 9 / 20).build();
            case "WarmupCosineHardRestarts":
                return new WarmupCosineHardRestartsSchedule(it, LR, TOTAL / 20, TOTAL, 4);
            case "CosineDecayRestarts":
                // Keras CosineDecayRestarts with t_mul = 1.5 (the logarithm path), m_mul = 0.8.
                return new CosineDecayRestartsSchedule(it, LR, TOTAL / 16, 1.5, 0.8, 0.01);
            case "ExponentialDecay":
                return new ExponentialDecaySchedule(it, LR, TOTAL / 10, 0.96, false);
            case "InverseTimeDecay":
                return new InverseTimeDecaySchedule(it, LR, TOTAL / 10, 0.5, false);
            case "PiecewiseConstant":
                return new PiecewiseConstantSchedule(it, new int[] {TOTAL / 4, TOTAL / 2, TOTAL * 3 / 4},
                        new double[] {LR, LR / 2, LR / 10, LR / 100});
            case "PolynomialDecay":
                return new PolynomialDecaySchedule(it, LR, TOTAL, LR / 100, 2.0, false);
            case "Noisy(Cosine)":
                // timm noise_range_t over the middle of the run, defaults noise_pct 0.67, noise_std 1, seed 42.
                return NoisySchedule.builder(it, cosine(TOTAL)).noiseRange(TOTAL / 10, TOTAL * 9 / 10).build();
            default:
                throw new IllegalArgumentException("unknown schedule " + name + "; known: " + NAMES);
        }
    }

    private static CosineAnnealingSchedule cosine(int period) {
        return new CosineAnnealingSchedule(ScheduleType.ITERATION, LR, LR / 100, period);
    }

    /** A named (serializable) cosine factor for {@link FunctionSchedule}, as a user would write one. */
    public static final class CosineFactor implements ScheduleFunction {
        private static final long serialVersionUID = 1L;
        private final int period;

        public CosineFactor(int period) {
            this.period = period;
        }

        @Override
        public double factorAt(long iteration, long epoch) {
            return 0.5 * (1 + Math.cos(Math.PI * Math.min(iteration, period) / period));
        }

        @Override
        public String toString() {
            return "CosineFactor(period=" + period + ")";
        }
    }
}
