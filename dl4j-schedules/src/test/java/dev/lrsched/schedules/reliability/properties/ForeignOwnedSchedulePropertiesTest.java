package dev.lrsched.schedules.reliability.properties;

import static dev.lrsched.schedules.reliability.properties.ScheduleGenerators.valid;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Disabled;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import java.util.Map;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The guarantee of {@link ScheduleValuePropertiesTest} for {@code CosineWarmRestartsSchedule},
 * {@code OneCycleSchedule}, {@code OneCycleMomentumSchedule} and {@code LambdaSchedule} (kept apart
 * because their arithmetic is maintained separately), alone and inside composites. A property
 * disabled here names the counterexample it found; enable it once that schedule is fixed. Replay a
 * failure with its printed {@code seed}: {@code @Property(seed = "...")}.
 */
class ForeignOwnedSchedulePropertiesTest {

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

    /** Composites of the foreign-owned leaves whose own property holds (OneCycleMomentum, Lambda). */
    @Provide
    Arbitrary<ISchedule> compositeOfPassingLeaves() {
        Map<String, Arbitrary<ScheduleGenerators.Attempt>> leaves = ScheduleGenerators.foreignLeaves();
        leaves.remove("OneCycle");
        leaves.remove("CosineWarmRestarts");
        return CompositeGenerators.composite(ScheduleGenerators.anyLeaf(leaves), 4);
    }

    @Disabled("CosineWarmRestartsSchedule(ITERATION, initialValue=1.7976931348623157E308, minValue=4.674002150642021E307,"
            + " firstPeriod=1, periodMultiplier=1, restartDecay=4.9E-324, cycleLimit=0, kDecay=4.9E-324).valueAt(0, 0)"
            + " is Infinity (minValue + (initialValue - minValue) * k rounds past Double.MAX_VALUE)")
    @Property void cosineWarmRestarts(@ForAll("cosineWarmRestarts") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Disabled("OneCycleSchedule(ITERATION, maxValue=4.9E-324, totalSteps=2, pctStart=0.9999999999999999, COS,"
            + " divFactor=4.9E-324, finalDivFactor=4.9E-324, threePhase=false).valueAt(-2147483648, -2147483648) is NaN")
    @Property void oneCycle(@ForAll("oneCycle") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void oneCycleMomentum(@ForAll("oneCycleMomentum") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }
    @Property void lambda(@ForAll("lambda") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) { holds(s, a, b); }

    /** Sequential, Scaled, Warmup and Noisy schedules of the foreign-owned classes, nested up to 4 deep. */
    @Disabled("fails through OneCycleSchedule and CosineWarmRestartsSchedule (see their properties), e.g. ScaledSchedule(OneCycleSchedule(ITERATION,"
            + " maxValue=4.9E-324, totalSteps=3, pctStart=0.5, COS, divFactor=4.9E-324, finalDivFactor=4.9E-324,"
            + " threePhase=true), factor=0.0).valueAt(-2147483648, -2147483648) is NaN")
    @Property(shrinking = ShrinkingMode.BOUNDED)
    void composite(@ForAll("composite") ISchedule s, @ForAll("counter") int a, @ForAll("counter") int b) {
        holds(s, a, b);
    }

    @Property(shrinking = ShrinkingMode.BOUNDED)
    void compositeOfPassingLeaves(@ForAll("compositeOfPassingLeaves") ISchedule s, @ForAll("counter") int a,
                                  @ForAll("counter") int b) {
        holds(s, a, b);
    }
}
