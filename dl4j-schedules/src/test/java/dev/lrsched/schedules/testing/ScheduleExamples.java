package dev.lrsched.schedules.testing;

import dev.lrsched.schedules.AfterEnd;
import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineDecayRestartsSchedule;
import dev.lrsched.schedules.ExponentialDecaySchedule;
import dev.lrsched.schedules.HuggingFaceSchedules;
import dev.lrsched.schedules.InverseSqrtSchedule;
import dev.lrsched.schedules.InverseTimeDecaySchedule;
import dev.lrsched.schedules.NoiseType;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.PiecewiseConstantSchedule;
import dev.lrsched.schedules.PolynomialDecaySchedule;
import dev.lrsched.schedules.WarmupCosineHardRestartsSchedule;
import dev.lrsched.schedules.WarmupStableDecaySchedule;
import dev.lrsched.schedules.WsdShape;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.FunctionScheduleTest;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.provider.Arguments;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * One representative, non-trivial instance of every lrsched schedule class (and of each mode/shape
 * where the class has several), sized so that interesting things happen within ~30 iterations or a
 * few epochs. Integration tests run every entry through a real network; adding a class means adding
 * one line here.
 */
public final class ScheduleExamples {

    private ScheduleExamples() {
    }

    /** Name -> schedule, in a stable order. */
    public static Map<String, ISchedule> all() {
        Map<String, ISchedule> m = new LinkedHashMap<>();
        m.put("cosine", new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 20));
        m.put("cosine-epoch", new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.01, 3));
        m.put("scaled-cosine", new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.2, 0.0, 15), 0.5));
        m.put("cyclic-triangular2", new CyclicSchedule(ScheduleType.ITERATION, 0.01, 0.1, 3, 5, CyclicMode.TRIANGULAR2, 1.0));
        m.put("cyclic-exp-range-inverse", new CyclicSchedule(ScheduleType.ITERATION, 0.2, 0.05, 4, 4, CyclicMode.EXP_RANGE, 0.97));
        m.put("one-cycle", OneCycleSchedule.builder(0.1, 16).pctStart(0.25).build());
        m.put("one-cycle-three-phase-linear", OneCycleSchedule.builder(0.1, 14).pctStart(0.3)
                .annealStrategy(AnnealStrategy.LINEAR).threePhase(true).build());
        m.put("linear", new LinearSchedule(ScheduleType.ITERATION, 0.1, 1.0, 0.5, 10));
        m.put("lambda-epoch", new LambdaSchedule(ScheduleType.EPOCH, 0.1, "1 / (1 + 0.5 * epoch)"));
        m.put("function", new FunctionSchedule(ScheduleType.EPOCH, 0.1, new FunctionScheduleTest.InverseTimeDecay(0.5)));
        m.put("sequential", new SequentialSchedule(ScheduleType.ITERATION,
                List.of(new LinearSchedule(ScheduleType.ITERATION, 0.1, 0.1, 1.0, 4),
                        new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 8),
                        new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.9)),
                new int[] {4, 12}));
        m.put("warm-restarts", new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 0.001, 3, 2, 0.5));
        m.put("warmup-exponential-over-cosine", new WarmupSchedule(ScheduleType.ITERATION, 5, 0.001, WarmupShape.EXPONENTIAL,
                new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.0, 10)));
        m.put("warmup-cosine-epoch", new WarmupSchedule(ScheduleType.EPOCH, 2, 0.0, WarmupShape.COSINE,
                new StepSchedule(ScheduleType.EPOCH, 0.1, 0.5, 1)));
        m.put("warmup-cosine-decay", new WarmupCosineSchedule(ScheduleType.ITERATION, 0.01, 0.1, 0.001, 4, 14));
        m.put("polynomial", new PolynomialSchedule(ScheduleType.ITERATION, 0.1, 0.001, 2.0, 12));
        m.put("warmup-stable-decay", Schedules.warmupStableDecay(ScheduleType.ITERATION, 0.1, 0.01, 3, 4, 6, AnnealStrategy.COS));
        m.put("multi-step-epoch", Schedules.multiStep(ScheduleType.EPOCH, 0.1, 0.5, 1, 3));
        // torch / HF past the end, timm options
        m.put("cosine-extrapolate", new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 5, AfterEnd.EXTRAPOLATE));
        m.put("warmup-cosine-extrapolate-epoch",
                new WarmupCosineSchedule(ScheduleType.EPOCH, 0.01, 0.1, 0.001, 1, 2, AfterEnd.EXTRAPOLATE));
        m.put("warm-restarts-cycle-limit-k-decay",
                new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 0.001, 3, 2, 0.5, 2, 2.0));
        m.put("warmup-overlay-timm", new WarmupSchedule(ScheduleType.ITERATION, 3, 0.001, WarmupShape.LINEAR,
                new CosineWarmRestartsSchedule(ScheduleType.ITERATION, 0.1, 0.001, 10, 1, 1.0, 1, 1.0), false));
        m.put("noisy-normal", NoisySchedule.builder(ScheduleType.ITERATION,
                new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 16)).noiseRange(2, 12).build());
        m.put("noisy-uniform-epoch", NoisySchedule.builder(ScheduleType.EPOCH, new StepSchedule(ScheduleType.EPOCH, 0.1, 0.5, 1))
                .noiseType(NoiseType.UNIFORM).noisePct(0.3).noiseSeed(7).build());
        // Hugging Face
        m.put("inverse-sqrt", new InverseSqrtSchedule(ScheduleType.ITERATION, 0.1, 4, 2));
        m.put("wsd-1-sqrt", WarmupStableDecaySchedule.builder(0.1, 3, 4, 6).warmupShape(WsdShape.COSINE)
                .decayShape(WsdShape.ONE_MINUS_SQRT).minLrRatio(0.1).build());
        m.put("hf-cosine-with-restarts", new WarmupCosineHardRestartsSchedule(ScheduleType.ITERATION, 0.1, 2, 14, 3));
        m.put("hf-cosine-warmup-with-min-lr", HuggingFaceSchedules.getScheduler("cosine_warmup_with_min_lr", 0.1, 3, 8,
                Map.of("min_lr_rate", 0.1)));
        // Keras 3
        m.put("keras-exponential-staircase", new ExponentialDecaySchedule(ScheduleType.ITERATION, 0.1, 3, 0.5, true));
        m.put("keras-inverse-time-epoch", new InverseTimeDecaySchedule(ScheduleType.EPOCH, 0.1, 1, 0.5, false));
        m.put("keras-piecewise-constant", new PiecewiseConstantSchedule(ScheduleType.ITERATION, new int[] {3, 7},
                new double[] {0.1, 0.05, 0.01}));
        m.put("keras-polynomial-cycle", new PolynomialDecaySchedule(ScheduleType.ITERATION, 0.1, 5, 0.001, 2.0, true));
        m.put("keras-cosine-decay-restarts", new CosineDecayRestartsSchedule(ScheduleType.ITERATION, 0.1, 3, 1.5, 0.7, 0.05));
        return Collections.unmodifiableMap(m);
    }

    /** {@link #all()} as JUnit arguments (name, schedule). */
    public static List<Arguments> arguments() {
        List<Arguments> out = new ArrayList<>();
        all().forEach((name, s) -> out.add(Arguments.of(name, s)));
        return out;
    }
}
