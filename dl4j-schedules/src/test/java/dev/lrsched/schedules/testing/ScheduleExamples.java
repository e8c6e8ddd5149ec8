package dev.lrsched.schedules.testing;

import dev.lrsched.schedules.AnnealStrategy;
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
        m.put("one-cycle-momentum", OneCycleSchedule.builder(0.1, 16).pctStart(0.25).build().momentum());
        m.put("one-cycle-momentum-three-phase-linear", OneCycleSchedule.builder(0.1, 14).pctStart(0.3)
                .annealStrategy(AnnealStrategy.LINEAR).threePhase(true).build().momentum(0.8, 0.9));
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
        return Collections.unmodifiableMap(m);
    }

    /** {@link #all()} as JUnit arguments (name, schedule). */
    public static List<Arguments> arguments() {
        List<Arguments> out = new ArrayList<>();
        all().forEach((name, s) -> out.add(Arguments.of(name, s)));
        return out;
    }
}
