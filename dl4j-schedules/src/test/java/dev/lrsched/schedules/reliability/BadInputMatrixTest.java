package dev.lrsched.schedules.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lrsched.schedules.AnnealStrategy;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.CosineWarmRestartsSchedule;
import dev.lrsched.schedules.CyclicMode;
import dev.lrsched.schedules.CyclicSchedule;
import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.OneCycleMomentumSchedule;
import dev.lrsched.schedules.OneCycleSchedule;
import dev.lrsched.schedules.PolynomialSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.Schedules;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupCosineSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Specification: every public constructor, builder and factory of dl4j-schedules rejects every
 * meaningless argument <em>at construction</em> with an {@link IllegalArgumentException} whose message
 * names the field, the value received and the allowed range. Each row below is one bad input and the
 * exact message a user sees.
 *
 * <p>Rows are generated per field: a finite {@code >= 0} double field is tried with NaN, +Infinity,
 * -Infinity and a negative number; a positive int field with 0 and -1; a reference field with null; and
 * the cross-field rules (min &gt; max, empty / unordered lists, an expression that cannot be evaluated at
 * step 0) by hand.
 */
class BadInputMatrixTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final ISchedule COS = new CosineAnnealingSchedule(IT, 0.1, 0.0, 10);

    /** One bad input: a readable id, the exact message, the call. */
    static final class Case {
        final String id;
        final String message;
        final Executable call;

        Case(String id, String message, Executable call) {
            this.id = id;
            this.message = message;
            this.call = call;
        }
    }

    /** Every bad input of dl4j-schedules; {@code docs/reliability.md} reports this table's size. */
    static List<Case> cases() {
        List<Case> c = new ArrayList<>();

        // CosineAnnealingSchedule(type, initialValue, minValue, period)
        nullField(c, "CosineAnnealingSchedule", "scheduleType", () -> new CosineAnnealingSchedule(null, 0.1, 0, 10));
        nonNegative(c, "CosineAnnealingSchedule", "initialValue", v -> new CosineAnnealingSchedule(IT, v, 0, 10));
        closedRange(c, "CosineAnnealingSchedule", "minValue", 0.1, v -> new CosineAnnealingSchedule(IT, 0.1, v, 10));
        positiveInt(c, "CosineAnnealingSchedule", "period", p -> new CosineAnnealingSchedule(IT, 0.1, 0, p));
        positiveInt(c, "Schedules.cosine", "period", p -> Schedules.cosine(IT, 0.1, 0, p));

        // CosineWarmRestartsSchedule(type, initialValue, minValue, firstPeriod, periodMultiplier, restartDecay)
        nullField(c, "CosineWarmRestartsSchedule", "scheduleType",
                () -> new CosineWarmRestartsSchedule(null, 0.1, 0, 10, 2, 1));
        nonNegative(c, "CosineWarmRestartsSchedule", "initialValue",
                v -> new CosineWarmRestartsSchedule(IT, v, 0, 10, 2, 1));
        closedRange(c, "CosineWarmRestartsSchedule", "minValue", 0.1,
                v -> new CosineWarmRestartsSchedule(IT, 0.1, v, 10, 2, 1));
        positiveInt(c, "CosineWarmRestartsSchedule", "firstPeriod",
                p -> new CosineWarmRestartsSchedule(IT, 0.1, 0, p, 2, 1));
        add(c, "CosineWarmRestartsSchedule periodMultiplier 0", "periodMultiplier must be >= 1, got 0",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 0, 1));
        add(c, "CosineWarmRestartsSchedule periodMultiplier -2", "periodMultiplier must be >= 1, got -2",
                () -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, -2, 1));
        leftOpenUnit(c, "CosineWarmRestartsSchedule", "restartDecay",
                v -> new CosineWarmRestartsSchedule(IT, 0.1, 0, 10, 2, v));
        add(c, "Schedules.cosineWarmRestarts firstPeriod 0", "firstPeriod must be > 0, got 0",
                () -> Schedules.cosineWarmRestarts(IT, 0.1, 0, 0, 2));

        // CyclicSchedule(type, baseValue, maxValue, stepSizeUp, stepSizeDown, mode, gamma)
        nullField(c, "CyclicSchedule", "scheduleType",
                () -> new CyclicSchedule(null, 0.01, 0.1, 5, 5, CyclicMode.TRIANGULAR, 1));
        nonNegative(c, "CyclicSchedule", "baseValue",
                v -> new CyclicSchedule(IT, v, 0.1, 5, 5, CyclicMode.TRIANGULAR, 1));
        nonNegative(c, "CyclicSchedule", "maxValue",
                v -> new CyclicSchedule(IT, 0.01, v, 5, 5, CyclicMode.TRIANGULAR, 1));
        positiveInt(c, "CyclicSchedule", "stepSizeUp",
                p -> new CyclicSchedule(IT, 0.01, 0.1, p, 5, CyclicMode.TRIANGULAR, 1));
        positiveInt(c, "CyclicSchedule", "stepSizeDown",
                p -> new CyclicSchedule(IT, 0.01, 0.1, 5, p, CyclicMode.TRIANGULAR, 1));
        nullField(c, "CyclicSchedule", "mode", () -> new CyclicSchedule(IT, 0.01, 0.1, 5, 5, null, 1));
        leftOpenUnit(c, "CyclicSchedule", "gamma",
                v -> new CyclicSchedule(IT, 0.01, 0.1, 5, 5, CyclicMode.EXP_RANGE, v));
        positiveInt(c, "Schedules.cyclic", "stepSizeUp", p -> Schedules.cyclic(IT, 0.01, 0.1, p));

        // LinearSchedule(type, initialValue, startFactor, endFactor, totalIters)
        nullField(c, "LinearSchedule", "scheduleType", () -> new LinearSchedule(null, 0.1, 0.1, 1, 10));
        nonNegative(c, "LinearSchedule", "initialValue", v -> new LinearSchedule(IT, v, 0.1, 1, 10));
        nonNegative(c, "LinearSchedule", "startFactor", v -> new LinearSchedule(IT, 0.1, v, 1, 10));
        nonNegative(c, "LinearSchedule", "endFactor", v -> new LinearSchedule(IT, 0.1, 0.1, v, 10));
        positiveInt(c, "LinearSchedule", "totalIters", p -> new LinearSchedule(IT, 0.1, 0.1, 1, p));
        add(c, "LinearSchedule overflowing product",
                "initialValue * max(startFactor, endFactor) must be a finite number, got Infinity",
                () -> new LinearSchedule(IT, 1e200, 1, 1e200, 10));
        positiveInt(c, "Schedules.linear", "totalIters", p -> Schedules.linear(IT, 0.1, 0.1, 1, p));

        // PolynomialSchedule(type, initialValue, endValue, power, totalSteps)
        nullField(c, "PolynomialSchedule", "scheduleType", () -> new PolynomialSchedule(null, 0.1, 0, 2, 10));
        nonNegative(c, "PolynomialSchedule", "initialValue", v -> new PolynomialSchedule(IT, v, 0, 2, 10));
        closedRange(c, "PolynomialSchedule", "endValue", 0.1, v -> new PolynomialSchedule(IT, 0.1, v, 2, 10));
        positive(c, "PolynomialSchedule", "power", v -> new PolynomialSchedule(IT, 0.1, 0, v, 10));
        positiveInt(c, "PolynomialSchedule", "totalSteps", p -> new PolynomialSchedule(IT, 0.1, 0, 2, p));
        positive(c, "Schedules.polynomial", "power", v -> Schedules.polynomial(IT, 0.1, 0, v, 10));

        // WarmupCosineSchedule(type, warmupStartValue, peakValue, minValue, warmupSteps, totalSteps)
        nullField(c, "WarmupCosineSchedule", "scheduleType", () -> new WarmupCosineSchedule(null, 0, 0.1, 0, 2, 10));
        nonNegative(c, "WarmupCosineSchedule", "peakValue", v -> new WarmupCosineSchedule(IT, 0, v, 0, 2, 10));
        closedRange(c, "WarmupCosineSchedule", "warmupStartValue", 0.1,
                v -> new WarmupCosineSchedule(IT, v, 0.1, 0, 2, 10));
        closedRange(c, "WarmupCosineSchedule", "minValue", 0.1, v -> new WarmupCosineSchedule(IT, 0, 0.1, v, 2, 10));
        add(c, "WarmupCosineSchedule warmupSteps -1", "warmupSteps must be >= 0, got -1",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, -1, 10));
        add(c, "WarmupCosineSchedule totalSteps == warmupSteps", "totalSteps must be > warmupSteps (10), got 10",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, 10, 10));
        add(c, "WarmupCosineSchedule totalSteps 0", "totalSteps must be > warmupSteps (0), got 0",
                () -> new WarmupCosineSchedule(IT, 0, 0.1, 0, 0, 0));
        add(c, "Schedules.warmupCosine totalSteps < warmupSteps", "totalSteps must be > warmupSteps (5), got 3",
                () -> Schedules.warmupCosine(IT, 0.1, 5, 3));

        // WarmupSchedule(type, warmupSteps, warmupStartValue, shape, schedule)
        nullField(c, "WarmupSchedule", "scheduleType",
                () -> new WarmupSchedule(null, 5, 0, WarmupShape.LINEAR, COS));
        positiveInt(c, "WarmupSchedule", "warmupSteps", p -> new WarmupSchedule(IT, p, 0, WarmupShape.LINEAR, COS));
        nonNegative(c, "WarmupSchedule", "warmupStartValue",
                v -> new WarmupSchedule(IT, 5, v, WarmupShape.LINEAR, COS));
        nullField(c, "WarmupSchedule", "shape", () -> new WarmupSchedule(IT, 5, 0, null, COS));
        nullField(c, "WarmupSchedule", "schedule", () -> new WarmupSchedule(IT, 5, 0, WarmupShape.LINEAR, null));
        add(c, "WarmupSchedule EXPONENTIAL from 0", "warmupStartValue must be > 0 for shape EXPONENTIAL, got 0.0",
                () -> new WarmupSchedule(IT, 5, 0, WarmupShape.EXPONENTIAL, COS));
        nullField(c, "Schedules.warmup", "schedule", () -> Schedules.warmup(IT, 5, 0, null));
        add(c, "Schedules.warmupLinear totalSteps <= warmupSteps", "totalSteps must be > warmupSteps (5), got 5",
                () -> Schedules.warmupLinear(IT, 0.1, 5, 5));

        // OneCycleSchedule via its builder and Schedules.oneCycle
        nonNegative(c, "OneCycleSchedule.builder", "maxValue", v -> OneCycleSchedule.builder(v, 100).build());
        positiveInt(c, "OneCycleSchedule.builder", "totalSteps", p -> OneCycleSchedule.builder(0.1, p).build());
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, 1.0, -0.3}) {
            add(c, "OneCycleSchedule pctStart " + v, "pctStart must be in (0.0, 1.0), got " + v,
                    () -> OneCycleSchedule.builder(0.1, 100).pctStart(v).build());
        }
        positive(c, "OneCycleSchedule.builder", "divFactor", v -> OneCycleSchedule.builder(0.1, 100).divFactor(v).build());
        add(c, "OneCycleSchedule divFactor 0", "divFactor must be finite and > 0, got 0.0",
                () -> OneCycleSchedule.builder(0.1, 100).divFactor(0).build());
        positive(c, "OneCycleSchedule.builder", "finalDivFactor",
                v -> OneCycleSchedule.builder(0.1, 100).finalDivFactor(v).build());
        nullField(c, "OneCycleSchedule.builder", "scheduleType",
                () -> OneCycleSchedule.builder(0.1, 100).scheduleType(null).build());
        nullField(c, "OneCycleSchedule.builder", "annealStrategy",
                () -> OneCycleSchedule.builder(0.1, 100).annealStrategy(null).build());
        add(c, "OneCycleSchedule maxValue / divFactor underflow-free but tiny divFactor overflows",
                "maxValue / divFactor must be a finite number, got Infinity",
                () -> OneCycleSchedule.builder(1e300, 100).divFactor(1e-300).build());
        add(c, "OneCycleSchedule warm-up shorter than one step",
                "totalSteps * pctStart must be > 1 so that the warm-up phase (ending at step totalSteps * pctStart - 1)"
                        + " has a positive length, got totalSteps=3, pctStart=0.3",
                () -> OneCycleSchedule.builder(0.1, 3).build());
        add(c, "Schedules.oneCycle totalSteps 0", "totalSteps must be > 0, got 0", () -> Schedules.oneCycle(IT, 0.1, 0));

        // OneCycleMomentumSchedule(type, totalSteps, pctStart, annealStrategy, threePhase, baseMomentum, maxMomentum)
        // and the momentum() factories of OneCycleSchedule and CyclicSchedule
        nullField(c, "OneCycleMomentumSchedule", "scheduleType",
                () -> new OneCycleMomentumSchedule(null, 100, 0.3, AnnealStrategy.COS, false, 0.85, 0.95));
        positiveInt(c, "OneCycleMomentumSchedule", "totalSteps",
                p -> new OneCycleMomentumSchedule(IT, p, 0.3, AnnealStrategy.COS, false, 0.85, 0.95));
        nullField(c, "OneCycleMomentumSchedule", "annealStrategy",
                () -> new OneCycleMomentumSchedule(IT, 100, 0.3, null, false, 0.85, 0.95));
        closedUnit(c, "OneCycleSchedule.momentum", "baseMomentum", v -> OneCycleSchedule.builder(0.1, 100).build().momentum(v, 0.95));
        closedUnit(c, "OneCycleSchedule.momentum", "maxMomentum", v -> OneCycleSchedule.builder(0.1, 100).build().momentum(0.85, v));
        closedUnit(c, "CyclicSchedule.momentum", "baseMomentum",
                v -> CyclicSchedule.triangular(IT, 0.01, 0.1, 5).momentum(v, 0.9));
        closedUnit(c, "CyclicSchedule.momentum", "maxMomentum",
                v -> CyclicSchedule.triangular(IT, 0.01, 0.1, 5).momentum(0.8, v));

        // LambdaSchedule(type, initialValue, expression)
        nullField(c, "LambdaSchedule", "scheduleType", () -> new LambdaSchedule(null, 0.1, "1"));
        nonNegative(c, "LambdaSchedule", "initialValue", v -> new LambdaSchedule(IT, v, "1"));
        nullField(c, "LambdaSchedule", "expression", () -> new LambdaSchedule(IT, 0.1, null));
        add(c, "LambdaSchedule blank expression", "expression must not be blank, got \" \"",
                () -> new LambdaSchedule(IT, 0.1, " "));
        add(c, "LambdaSchedule unknown variable", "expression \"lr * 0.9 ^ epoch\" uses unknown variable or function"
                + " 'lr'; allowed variables: iteration, epoch, step", () -> new LambdaSchedule(IT, 0.1, "lr * 0.9 ^ epoch"));
        add(c, "LambdaSchedule unknown function", "expression \"exec(step)\" uses unknown variable or function"
                + " 'exec'; allowed variables: iteration, epoch, step", () -> new LambdaSchedule(IT, 0.1, "exec(step)"));
        add(c, "LambdaSchedule Java call", "expression \"Runtime.getRuntime()\" uses unknown variable or function"
                + " 'Runtime.getRuntime'; allowed variables: iteration, epoch, step",
                () -> new LambdaSchedule(IT, 0.1, "Runtime.getRuntime()"));
        add(c, "LambdaSchedule dangling operator", "expression \"1 +\" cannot be parsed: Too many operators",
                () -> new LambdaSchedule(IT, 0.1, "1 +"));
        add(c, "LambdaSchedule division by zero at step 0", "expression \"1 / step\" must give a finite value >= 0"
                + " at iteration 0, epoch 0, got Division by zero!", () -> new LambdaSchedule(IT, 0.1, "1 / step"));
        add(c, "LambdaSchedule NaN at step 0", "expression \"sqrt(-1 - step)\" must give a finite value >= 0"
                + " at iteration 0, epoch 0, got NaN", () -> new LambdaSchedule(IT, 0.1, "sqrt(-1 - step)"));
        add(c, "LambdaSchedule negative at step 0", "expression \"step - 1\" must give a finite value >= 0"
                + " at iteration 0, epoch 0, got -1.0", () -> new LambdaSchedule(IT, 0.1, "step - 1"));
        add(c, "LambdaSchedule infinite at step 0", "expression \"exp(1000)\" must give a finite value >= 0"
                + " at iteration 0, epoch 0, got Infinity", () -> new LambdaSchedule(IT, 0.1, "exp(1000)"));
        add(c, "Schedules.lambda unknown variable", "expression \"x\" uses unknown variable or function 'x';"
                + " allowed variables: iteration, epoch, step", () -> Schedules.lambda(IT, 0.1, "x"));

        // FunctionSchedule(type, initialValue, function)
        nullField(c, "FunctionSchedule", "scheduleType", () -> new FunctionSchedule(null, 0.1, (i, e) -> 1));
        nonNegative(c, "FunctionSchedule", "initialValue", v -> new FunctionSchedule(IT, v, (i, e) -> 1));
        nullField(c, "FunctionSchedule", "function", () -> new FunctionSchedule(IT, 0.1, null));
        for (double f0 : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1.0}) {
            NamedFunction fn = new NamedFunction(f0);
            add(c, "FunctionSchedule factor " + f0 + " at step 0",
                    "function " + fn + " must give a finite value >= 0 at iteration 0, epoch 0, got " + f0,
                    () -> new FunctionSchedule(IT, 0.1, fn));
        }

        // ScaledSchedule(schedule, factor), scaledBy, Schedules.scaled
        nullField(c, "ScaledSchedule", "schedule", () -> new ScaledSchedule(null, 0.5));
        nonNegative(c, "ScaledSchedule", "factor", v -> new ScaledSchedule(COS, v));
        nonNegative(c, "ScaledSchedule.scaledBy", "multiplier", v -> ScaledSchedule.of(COS, 0.5).scaledBy(v));
        nonNegative(c, "Schedules.scaled", "factor", v -> Schedules.scaled(COS, v));
        add(c, "ScaledSchedule of ScaledSchedule overflowing factor", "factor must be finite and >= 0, got Infinity",
                () -> new ScaledSchedule(new ScaledSchedule(COS, 1e200), 1e200));
        add(c, "ScaledSchedule.scaledBy overflowing factor", "factor must be finite and >= 0, got Infinity",
                () -> ScaledSchedule.of(COS, 1e200).scaledBy(1e200));

        // SequentialSchedule(type, schedules, boundaries) and Schedules.sequential
        nullField(c, "SequentialSchedule", "scheduleType",
                () -> new SequentialSchedule(null, List.of(COS, COS), new int[] {5}));
        nullField(c, "SequentialSchedule", "schedules", () -> new SequentialSchedule(IT, null, new int[0]));
        add(c, "SequentialSchedule null element", "schedules[1] must not be null",
                () -> new SequentialSchedule(IT, Arrays.asList(COS, null), new int[] {5}));
        add(c, "SequentialSchedule empty list", "schedules must contain at least 1 schedule, got 0",
                () -> new SequentialSchedule(IT, List.of(), new int[0]));
        nullField(c, "SequentialSchedule", "boundaries", () -> new SequentialSchedule(IT, List.of(COS, COS), null));
        add(c, "SequentialSchedule too few boundaries",
                "boundaries must have schedules.size() - 1 = 2 elements, got 1: [5]",
                () -> new SequentialSchedule(IT, List.of(COS, COS, COS), new int[] {5}));
        add(c, "SequentialSchedule boundary 0", "boundaries[0] must be > 0, got 0",
                () -> new SequentialSchedule(IT, List.of(COS, COS), new int[] {0}));
        add(c, "SequentialSchedule negative boundary", "boundaries[0] must be > 0, got -5",
                () -> new SequentialSchedule(IT, List.of(COS, COS), new int[] {-5}));
        add(c, "SequentialSchedule unordered boundaries",
                "boundaries must be strictly increasing, got boundaries[1]=3 after boundaries[0]=7",
                () -> new SequentialSchedule(IT, List.of(COS, COS, COS), new int[] {7, 3}));
        add(c, "Schedules.sequential repeated boundary",
                "boundaries must be strictly increasing, got boundaries[1]=7 after boundaries[0]=7",
                () -> Schedules.sequential(IT, List.of(COS, COS, COS), 7, 7));

        // Schedules factories returning ND4J built-ins or composites
        nonNegative(c, "Schedules.constant", "value", Schedules::constant);
        nonNegative(c, "Schedules.step", "initialValue", v -> Schedules.step(IT, v, 0.5, 10));
        closedUnit(c, "Schedules.step", "gamma", v -> Schedules.step(IT, 0.1, v, 10));
        positiveInt(c, "Schedules.step", "stepSize", p -> Schedules.step(IT, 0.1, 0.5, p));
        nonNegative(c, "Schedules.exponential", "initialValue", v -> Schedules.exponential(IT, v, 0.9));
        closedUnit(c, "Schedules.exponential", "gamma", v -> Schedules.exponential(IT, 0.1, v));
        nonNegative(c, "Schedules.multiStep", "initialValue", v -> Schedules.multiStep(IT, v, 0.5, 3));
        closedUnit(c, "Schedules.multiStep", "gamma", v -> Schedules.multiStep(IT, 0.1, v, 3));
        nullField(c, "Schedules.multiStep", "milestones", () -> Schedules.multiStep(IT, 0.1, 0.5, (int[]) null));
        add(c, "Schedules.multiStep unordered milestones",
                "milestones must be strictly increasing and > 0, got milestones[1]=2 after 5",
                () -> Schedules.multiStep(IT, 0.1, 0.5, 5, 2));
        add(c, "Schedules.multiStep milestone 0", "milestones must be strictly increasing and > 0, got milestones[0]=0",
                () -> Schedules.multiStep(IT, 0.1, 0.5, 0));
        nonNegative(c, "Schedules.warmupStableDecay", "peakValue",
                v -> Schedules.warmupStableDecay(IT, v, 0, 2, 2, 2, AnnealStrategy.COS));
        closedRange(c, "Schedules.warmupStableDecay", "minValue", 0.1,
                v -> Schedules.warmupStableDecay(IT, 0.1, v, 2, 2, 2, AnnealStrategy.COS));
        add(c, "Schedules.warmupStableDecay warmupSteps -1", "warmupSteps must be >= 0, got -1",
                () -> Schedules.warmupStableDecay(IT, 0.1, 0, -1, 2, 2, AnnealStrategy.COS));
        add(c, "Schedules.warmupStableDecay stableSteps -1", "stableSteps must be >= 0, got -1",
                () -> Schedules.warmupStableDecay(IT, 0.1, 0, 2, -1, 2, AnnealStrategy.COS));
        positiveInt(c, "Schedules.warmupStableDecay", "decaySteps",
                p -> Schedules.warmupStableDecay(IT, 0.1, 0, 2, 2, p, AnnealStrategy.COS));
        nullField(c, "Schedules.warmupStableDecay", "decayShape",
                () -> Schedules.warmupStableDecay(IT, 0.1, 0, 2, 2, 2, null));
        add(c, "Schedules.warmupStableDecay total > Integer.MAX_VALUE",
                "warmupSteps + stableSteps + decaySteps must be <= 2147483647, got 2147483649",
                () -> Schedules.warmupStableDecay(IT, 0.1, 0, Integer.MAX_VALUE, 1, 1, AnnealStrategy.COS));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRejectedAtConstructionWithAMessageNamingFieldValueAndRange() {
        return cases().stream().map(k -> DynamicTest.dynamicTest(k.id + " -> " + k.message, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, k.call, k.id);
            assertEquals(k.message, e.getMessage(), k.id);
        }));
    }

    @Test
    void theMatrixCoversEveryPublicScheduleClassAndFactory() {
        List<Case> all = cases();
        // Reported in docs/reliability.md.
        assertThat(all).hasSize(EXPECTED_CASES);
        for (String owner : List.of("CosineAnnealingSchedule", "CosineWarmRestartsSchedule", "CyclicSchedule",
                "LinearSchedule", "PolynomialSchedule", "WarmupCosineSchedule", "WarmupSchedule", "OneCycleSchedule",
                "OneCycleMomentumSchedule", "OneCycleSchedule.momentum", "CyclicSchedule.momentum",
                "LambdaSchedule", "FunctionSchedule", "ScaledSchedule", "SequentialSchedule", "Schedules.constant",
                "Schedules.step", "Schedules.exponential", "Schedules.multiStep", "Schedules.warmupStableDecay",
                "Schedules.cosineWarmRestarts", "Schedules.cyclic", "Schedules.linear", "Schedules.oneCycle",
                "Schedules.lambda", "Schedules.sequential", "Schedules.scaled", "Schedules.warmup",
                "Schedules.warmupLinear", "Schedules.warmupCosine", "Schedules.cosine", "Schedules.polynomial")) {
            assertThat(all).as(owner).anyMatch(k -> k.id.startsWith(owner + " ") || k.id.startsWith(owner + "."));
        }
    }

    static final int EXPECTED_CASES = 291;

    // ---- row generators ------------------------------------------------------------------------

    private static void add(List<Case> c, String id, String message, Executable call) {
        c.add(new Case(id, message, call));
    }

    private static void nullField(List<Case> c, String owner, String field, Executable call) {
        add(c, owner + " " + field + " null", field + " must not be null", call);
    }

    private static final double[] NOT_FINITE_OR_NEGATIVE = {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -1e-9};

    private static void nonNegative(List<Case> c, String owner, String field, DoubleFunction<?> ctor) {
        for (double v : NOT_FINITE_OR_NEGATIVE) {
            add(c, owner + " " + field + " " + v, field + " must be finite and >= 0, got " + v, () -> ctor.apply(v));
        }
    }

    private static void positive(List<Case> c, String owner, String field, DoubleFunction<?> ctor) {
        for (double v : NOT_FINITE_OR_NEGATIVE) {
            add(c, owner + " " + field + " " + v, field + " must be finite and > 0, got " + v, () -> ctor.apply(v));
        }
    }

    private static void positiveInt(List<Case> c, String owner, String field, IntFunction<?> ctor) {
        for (int v : new int[] {0, -1, Integer.MIN_VALUE}) {
            add(c, owner + " " + field + " " + v, field + " must be > 0, got " + v, () -> ctor.apply(v));
        }
    }

    /** A value that must lie in [0, max]: NaN, infinities, negative, and just above max. */
    private static void closedRange(List<Case> c, String owner, String field, double max, DoubleFunction<?> ctor) {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1e-9,
                max * 2}) {
            add(c, owner + " " + field + " " + v, field + " must be in [0.0, " + max + "], got " + v,
                    () -> ctor.apply(v));
        }
    }

    /** A factor in (0, 1]. */
    private static void leftOpenUnit(List<Case> c, String owner, String field, DoubleFunction<?> ctor) {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.5,
                1.5}) {
            add(c, owner + " " + field + " " + v, field + " must be in (0.0, 1.0], got " + v, () -> ctor.apply(v));
        }
    }

    /** A decay factor in [0, 1]. */
    private static void closedUnit(List<Case> c, String owner, String field, DoubleFunction<?> ctor) {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.5, 1.5}) {
            add(c, owner + " " + field + " " + v, field + " must be in [0.0, 1.0], got " + v, () -> ctor.apply(v));
        }
    }

    /** A named (savable) function with a fixed factor, for FunctionSchedule rows. */
    public static final class NamedFunction implements dev.lrsched.schedules.ScheduleFunction {
        private static final long serialVersionUID = 1L;
        private final double factor;

        NamedFunction(double factor) {
            this.factor = factor;
        }

        @Override
        public double factorAt(long iteration, long epoch) {
            return factor;
        }

        @Override
        public String toString() {
            return "NamedFunction(" + factor + ")";
        }
    }
}
