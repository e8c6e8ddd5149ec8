package dev.lrsched.schedules.reliability.properties;

import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.valid;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The guarantee of docs/reliability.md, "Extreme parameters and counters": every lrsched schedule
 * yields a finite, non-negative value at every pair of DL4J {@code int} counters (read unsigned, so
 * wrapped negatives are steps 2^31 .. 2^32-1) for every parameter set its constructor accepts, and
 * {@code equals}/{@code hashCode} and the values survive DL4J's JSON round trip.
 *
 * <p>One property per schedule class (parameters from {@link ScheduleGenerators}, extremes included),
 * each probed at 0, 1, the int boundary, wrapped negatives, every int parameter +-1 and two random
 * counters. Tries: {@code jqwik.tries.default} (1000) in {@code src/test/resources/junit-platform.properties};
 * a longer search: {@code -Djqwik.tries.default=20000}.
 *
 * <p>The seeds are random. On a failure jqwik prints the shrunk counterexample and its {@code seed}
 * (in {@code target/surefire-reports/<class>-output.txt}); replay it with {@code @Property(seed = "...")}
 * on the failing property (the next run also tries the last failing sample first, from the database
 * under {@code target/}), and add the shrunk parameters as a plain test to {@link PropertyRegressionTest}.
 * Run the suite alone with
 * {@code mvn -pl dl4j-schedules test -Dtest='*PropertiesTest,PropertyRegressionTest,ScheduleGeneratorsAcceptanceTest'}.
 */
class ScheduleValuePropertiesTest {

    @Provide
    Arbitrary<Integer> counter() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, -1),
                Arbitraries.integers(), Arbitraries.integers().between(0, 10_000));
    }

    private static void holds(ISchedule schedule, int a, int b) {
        int[] probes = ScheduleChecks.probes(schedule, a, b);
        ScheduleChecks.assertFiniteNonNegative(schedule, probes, a, b);
        ScheduleChecks.assertJsonRoundTrip(schedule, probes);
    }

    @Provide Arbitrary<ISchedule> linear() { return valid(ScheduleGenerators.linear()); }
    @Provide Arbitrary<ISchedule> polynomial() { return valid(ScheduleGenerators.polynomial()); }
    @Provide Arbitrary<ISchedule> polynomialDecay() { return valid(ScheduleGenerators.polynomialDecay()); }
    @Provide Arbitrary<ISchedule> cosineAnnealing() { return valid(ScheduleGenerators.cosineAnnealing()); }
    @Provide Arbitrary<ISchedule> warmupCosine() { return valid(ScheduleGenerators.warmupCosine()); }
    @Provide Arbitrary<ISchedule> warmupCosineHardRestarts() { return valid(ScheduleGenerators.warmupCosineHardRestarts()); }
    @Provide Arbitrary<ISchedule> cosineDecayRestarts() { return valid(ScheduleGenerators.cosineDecayRestarts()); }
    @Provide Arbitrary<ISchedule> cyclic() { return valid(ScheduleGenerators.cyclic()); }
    @Provide Arbitrary<ISchedule> exponentialDecay() { return valid(ScheduleGenerators.exponentialDecay()); }
    @Provide Arbitrary<ISchedule> inverseTimeDecay() { return valid(ScheduleGenerators.inverseTimeDecay()); }
    @Provide Arbitrary<ISchedule> inverseSqrt() { return valid(ScheduleGenerators.inverseSqrt()); }
    @Provide Arbitrary<ISchedule> piecewiseConstant() { return valid(ScheduleGenerators.piecewiseConstant()); }
    @Provide Arbitrary<ISchedule> warmupStableDecay() { return valid(ScheduleGenerators.warmupStableDecay()); }
    @Provide Arbitrary<ISchedule> function() { return valid(ScheduleGenerators.function()); }
    @Provide Arbitrary<ISchedule> schedulesFactories() { return valid(ScheduleGenerators.schedulesFactories()); }
    @Provide Arbitrary<ISchedule> huggingFace() { return valid(ScheduleGenerators.huggingFace()); }
    @Provide Arbitrary<ISchedule> cosineWarmRestarts() { return valid(ScheduleGenerators.cosineWarmRestarts()); }
    @Provide Arbitrary<ISchedule> oneCycle() { return valid(ScheduleGenerators.oneCycle()); }
    @Provide Arbitrary<ISchedule> oneCycleMomentum() { return valid(ScheduleGenerators.oneCycleMomentum()); }
    @Provide Arbitrary<ISchedule> lambda() { return valid(ScheduleGenerators.lambda()); }

    @Provide
    Arbitrary<ISchedule> composite() {
        return CompositeGenerators.composite(ScheduleGenerators.anyLeaf(ScheduleGenerators.ownLeaves()), 4);
    }

    @Provide
    Arbitrary<ISchedule> compositeOfTabled() {
        return CompositeGenerators.composite(ScheduleGenerators.anyLeaf(ScheduleGenerators.tabledLeaves()), 4);
    }

    @Property void linear(@ForAll("linear") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void polynomial(@ForAll("polynomial") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void polynomialDecay(@ForAll("polynomialDecay") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void cosineAnnealing(@ForAll("cosineAnnealing") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void warmupCosine(@ForAll("warmupCosine") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void warmupCosineHardRestarts(@ForAll("warmupCosineHardRestarts") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void cosineDecayRestarts(@ForAll("cosineDecayRestarts") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void cyclic(@ForAll("cyclic") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void exponentialDecay(@ForAll("exponentialDecay") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void inverseTimeDecay(@ForAll("inverseTimeDecay") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void inverseSqrt(@ForAll("inverseSqrt") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void piecewiseConstant(@ForAll("piecewiseConstant") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void warmupStableDecay(@ForAll("warmupStableDecay") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void function(@ForAll("function") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void schedulesFactories(@ForAll("schedulesFactories") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void huggingFace(@ForAll("huggingFace") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void cosineWarmRestarts(@ForAll("cosineWarmRestarts") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void oneCycle(@ForAll("oneCycle") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void oneCycleMomentum(@ForAll("oneCycleMomentum") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void lambda(@ForAll("lambda") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }

    /** Sequential, Scaled, Warmup and Noisy schedules of random children, nested up to 4 deep. */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void composite(@ForAll("composite") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) {
        holds(s, a, b);
    }

    /** The same, nested, for the classes with precomputed tables (warm restarts, one-cycle) and LambdaSchedule. */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void compositeOfTabled(@ForAll("compositeOfTabled") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) {
        holds(s, a, b);
    }
}
