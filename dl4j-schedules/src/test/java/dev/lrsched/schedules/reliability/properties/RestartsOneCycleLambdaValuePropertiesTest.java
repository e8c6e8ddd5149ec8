package dev.lrsched.schedules.reliability.properties;

import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.valid;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import java.util.Map;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The guarantee of {@link ScheduleValuePropertiesTest} for {@code CosineWarmRestartsSchedule},
 * {@code OneCycleSchedule}, {@code OneCycleMomentumSchedule} and {@code LambdaSchedule}, alone and inside
 * composites of every leaf these generators draw (the classes with precomputed tables and the compiled
 * expression, whose own generators live in {@link ScheduleGenerators#foreignLeaves()}). Replay a failure
 * with its printed {@code seed}: {@code @Property(seed = "...")}.
 */
class RestartsOneCycleLambdaValuePropertiesTest {

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

    @Provide Arbitrary<ISchedule> cosineWarmRestarts() { return valid(ScheduleGenerators.cosineWarmRestarts()); }
    @Provide Arbitrary<ISchedule> oneCycle() { return valid(ScheduleGenerators.oneCycle()); }
    @Provide Arbitrary<ISchedule> oneCycleMomentum() { return valid(ScheduleGenerators.oneCycleMomentum()); }
    @Provide Arbitrary<ISchedule> lambda() { return valid(ScheduleGenerators.lambda()); }

    @Provide
    Arbitrary<ISchedule> composite() {
        return CompositeGenerators.composite(ScheduleGenerators.anyLeaf(ScheduleGenerators.foreignLeaves()), 4);
    }

    @Property void cosineWarmRestarts(@ForAll("cosineWarmRestarts") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void oneCycle(@ForAll("oneCycle") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void oneCycleMomentum(@ForAll("oneCycleMomentum") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void lambda(@ForAll("lambda") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }

    /** Sequential, Scaled, Warmup and Noisy schedules of these classes, nested up to 4 deep. */
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void composite(@ForAll("composite") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) {
        holds(s, a, b);
    }
}
