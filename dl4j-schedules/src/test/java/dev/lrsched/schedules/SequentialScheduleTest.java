package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class SequentialScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final ScheduleType EP = ScheduleType.EPOCH;

    private static SequentialSchedule warmupThenCosine() {
        return SequentialSchedule.of(IT, new LinearSchedule(IT, 0.1, 0.1, 1.0, 5), 5,
                new CosineAnnealingSchedule(IT, 0.1, 0.001, 10));
    }

    /**
     * torch 1.13: SequentialLR(SGD(lr=0.1), [LinearLR(start_factor=0.1, end_factor=1.0, total_iters=5),
     * CosineAnnealingLR(T_max=10, eta_min=0.001)], milestones=[5]). Expected values are the closed forms of the
     * two children (LinearLR._get_closed_form_lr, then the CosineAnnealingLR closed form at t - 5); torch's
     * recursive get_last_lr() agrees bit for bit up to t = 15, then its chainable cosine turns back up
     * (t=16: 0.0034227024433899004, t=19: 0.035203658778440255) while CosineAnnealingSchedule holds eta_min.
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.010000000000000002",
            "1, 0.028000000000000004",
            "4, 0.082",
            "5, 0.1",
            "6, 0.09757729755661011",
            "10, 0.0505",
            "14, 0.0034227024433899004",
            "15, 0.001",
            "16, 0.001",
            "19, 0.001"})
    void matchesTorchSequentialLrWarmupThenCosine(int t, double expected) {
        assertRelClose(expected, warmupThenCosine().valueAt(t, 0));
    }

    /**
     * torch 1.13: SequentialLR(SGD(lr=0.1), [ConstantLR(factor=0.5, total_iters=3), ExponentialLR(gamma=0.9)],
     * milestones=[3]); closed forms 0.1 * 0.5 then 0.1 * 0.9^(t-3) (torch's recursive values agree to 3e-16).
     */
    @ParameterizedTest(name = "t={0} -> {1}")
    @CsvSource({
            "0, 0.05",
            "2, 0.05",
            "3, 0.1",
            "4, 0.09000000000000001",
            "5, 0.08100000000000002",
            "6, 0.0729",
            "9, 0.05314410000000001"})
    void matchesTorchSequentialLrConstantThenExponentialWithNd4jBuiltIns(int t, double expected) {
        SequentialSchedule s = SequentialSchedule.of(IT, new FixedSchedule(0.05), 3, new ExponentialSchedule(IT, 0.1, 0.9));
        assertRelClose(expected, s.valueAt(t, 0));
    }

    @Test
    void boundaryStepBelongsToTheNextPhaseWhichStartsAtLocalStepZero() {
        SequentialSchedule s = warmupThenCosine();
        assertRelClose(0.082, s.valueAt(4, 0));   // last warm-up step: factor 0.1 + 0.9 * 4/5
        assertThat(s.valueAt(5, 0)).isEqualTo(0.1); // cosine at its own step 0
    }

    @Test
    void milestoneAtOneRunsTheFirstScheduleForExactlyOneStep() {
        // torch 1.13 SequentialLR([ConstantLR(factor=0.5, total_iters=1), ExponentialLR(gamma=0.9)], milestones=[1]):
        // 0.05, 0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002 (closed form 0.0729).
        SequentialSchedule s = SequentialSchedule.of(IT, new FixedSchedule(0.05), 1, new ExponentialSchedule(IT, 0.1, 0.9));
        assertThat(s.valueAt(0, 0)).isEqualTo(0.05);
        assertThat(s.valueAt(1, 0)).isEqualTo(0.1);
        assertRelClose(0.09000000000000001, s.valueAt(2, 0));
        assertRelClose(0.0729, s.valueAt(4, 0));
    }

    @Test
    void threePhasesEachSeeTheirOwnLocalStep() {
        SequentialSchedule s = new SequentialSchedule(IT, List.of(
                new LinearSchedule(IT, 1.0, 0.0, 1.0, 10),
                new FixedSchedule(1.0),
                new CosineAnnealingSchedule(IT, 1.0, 0.0, 100)), new int[] {10, 30});
        assertThat(s.valueAt(0, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(5, 0)).isEqualTo(0.5);
        assertThat(s.valueAt(10, 0)).isEqualTo(1.0);
        assertThat(s.valueAt(29, 0)).isEqualTo(1.0);
        assertThat(s.valueAt(30, 0)).isEqualTo(1.0);
        assertRelClose(0.5, s.valueAt(80, 0));
        assertThat(s.valueAt(130, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(-1, 0)).isEqualTo(0.0);
        assertFiniteNonNegativeEverywhere(s);
    }

    @Test
    void binarySearchAgreesWithALinearScanOverManyBoundaries() {
        int n = 50;
        List<ISchedule> phases = new ArrayList<>();
        int[] boundaries = new int[n - 1];
        for (int k = 0; k < n; k++) {
            phases.add(new LinearSchedule(IT, k + 1, 1.0, 2.0, 1000)); // value = (k+1) * (1 + local/1000)
            if (k > 0) {
                boundaries[k - 1] = k * k * 7 + 3;
            }
        }
        SequentialSchedule s = new SequentialSchedule(IT, phases, boundaries);
        for (int t = 0; t < 20_000; t += 3) {
            int k = 0;
            while (k < boundaries.length && boundaries[k] <= t) {
                k++;
            }
            long local = t - (k == 0 ? 0 : boundaries[k - 1]);
            assertThat(s.valueAt(t, 0)).as("t=%s", t).isEqualTo(phases.get(k).valueAt((int) local, 0));
        }
    }

    @Test
    void nestedSequentialSchedulesComposeLocalSteps() {
        SequentialSchedule inner = SequentialSchedule.of(IT, new FixedSchedule(0.3), 2, new LinearSchedule(IT, 1.0, 0.0, 1.0, 4));
        SequentialSchedule outer = SequentialSchedule.of(IT, new FixedSchedule(0.7), 10, inner);
        assertThat(outer.valueAt(9, 0)).isEqualTo(0.7);
        assertThat(outer.valueAt(10, 0)).isEqualTo(0.3);
        assertThat(outer.valueAt(11, 0)).isEqualTo(0.3);
        assertThat(outer.valueAt(12, 0)).isEqualTo(0.0);
        assertThat(outer.valueAt(14, 0)).isEqualTo(0.5);
        assertThat(outer.valueAt(100, 0)).isEqualTo(1.0);
        assertSurvivesDl4j(outer);
    }

    @Test
    void epochTypeShiftsTheEpochCounterAndPassesTheIterationThrough() {
        SequentialSchedule s = SequentialSchedule.of(EP, new LinearSchedule(EP, 1.0, 0.0, 1.0, 4), 4,
                new LambdaSchedule(EP, 1.0, "iteration + epoch / 1000"));
        assertThat(s.valueAt(999, 2)).isEqualTo(0.5);
        assertThat(s.valueAt(7, 4)).isEqualTo(7.0);
        assertThat(s.valueAt(7, 6)).isEqualTo(7.002);
    }

    @Test
    void largeBoundariesAndWrappedCounters() {
        SequentialSchedule s = SequentialSchedule.of(IT, new FixedSchedule(0.2), Integer.MAX_VALUE,
                new LambdaSchedule(IT, 1.0, "step"));
        assertThat(s.valueAt(Integer.MAX_VALUE - 1, 0)).isEqualTo(0.2);
        assertThat(s.valueAt(Integer.MAX_VALUE, 0)).isEqualTo(0.0);
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(1.0); // unsigned 2^31: local step 1
        assertThat(s.valueAt(-1, 0)).isEqualTo(2147483648.0);     // unsigned 2^32-1: local step 2^31
    }

    @Test
    void storesDefensiveUnmodifiableCopies() {
        List<ISchedule> list = new ArrayList<>(List.of(new FixedSchedule(0.1), new FixedSchedule(0.2)));
        int[] boundaries = {5};
        SequentialSchedule s = new SequentialSchedule(IT, list, boundaries);
        list.set(1, new FixedSchedule(0.9));
        boundaries[0] = 1;
        assertThat(s.valueAt(3, 0)).isEqualTo(0.1);
        assertThat(s.valueAt(5, 0)).isEqualTo(0.2);
        assertThatThrownBy(() -> s.getSchedules().add(new FixedSchedule(1))).isInstanceOf(UnsupportedOperationException.class);
        s.getBoundaries()[0] = 99;
        assertThat(s.getBoundaries()).containsExactly(5);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        ISchedule a = new FixedSchedule(0.1);
        assertRejected("scheduleType must not be null", () -> new SequentialSchedule(null, List.of(a), new int[0]));
        assertRejected("schedules must not be null", () -> new SequentialSchedule(IT, null, new int[0]));
        assertRejected("schedules must contain at least 1 schedule, got 0",
                () -> new SequentialSchedule(IT, Collections.emptyList(), new int[0]));
        assertRejected("schedules[1] must not be null", () -> new SequentialSchedule(IT, Arrays.asList(a, null), new int[] {3}));
        assertRejected("boundaries must not be null", () -> new SequentialSchedule(IT, List.of(a), null));
        assertRejected("boundaries must have schedules.size() - 1 = 1 elements, got 0: []",
                () -> new SequentialSchedule(IT, List.of(a, a), new int[0]));
        assertRejected("boundaries must have schedules.size() - 1 = 0 elements, got 1: [5]",
                () -> new SequentialSchedule(IT, List.of(a), new int[] {5}));
        assertRejected("boundaries[0] must be > 0, got 0", () -> SequentialSchedule.of(IT, a, 0, a));
        assertRejected("boundaries[0] must be > 0, got -3", () -> SequentialSchedule.of(IT, a, -3, a));
        assertRejected("boundaries must be strictly increasing, got boundaries[1]=10 after boundaries[0]=10",
                () -> new SequentialSchedule(IT, List.of(a, a, a), new int[] {10, 10}));
        assertRejected("boundaries must be strictly increasing, got boundaries[2]=5 after boundaries[1]=20",
                () -> new SequentialSchedule(IT, List.of(a, a, a, a), new int[] {10, 20, 5}));
    }

    @Test
    void aSingleScheduleWithoutBoundariesIsThatSchedule() {
        CosineAnnealingSchedule cos = new CosineAnnealingSchedule(IT, 0.1, 0.0, 10);
        SequentialSchedule s = new SequentialSchedule(IT, List.of(cos), new int[0]);
        for (int t = 0; t < 15; t++) {
            assertThat(s.valueAt(t, 4)).isEqualTo(cos.valueAt(t, 4));
        }
        assertSurvivesDl4j(s);
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        ISchedule a = new FixedSchedule(0.1);
        ISchedule b = new CosineAnnealingSchedule(IT, 0.1, 0.0, 10);
        new EqualsTester()
                .addEqualityGroup(SequentialSchedule.of(IT, a, 5, b), SequentialSchedule.of(IT, new FixedSchedule(0.1), 5,
                        new CosineAnnealingSchedule(IT, 0.1, 0.0, 10)), new SequentialSchedule(IT, new ArrayList<>(List.of(a, b)), new int[] {5}))
                .addEqualityGroup(SequentialSchedule.of(EP, a, 5, b))
                .addEqualityGroup(SequentialSchedule.of(IT, a, 6, b))
                .addEqualityGroup(SequentialSchedule.of(IT, b, 5, a))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(SequentialSchedule.of(IT, new LinearSchedule(IT, 0.1, 0.1, 1.0, 5), 5,
                new CosineAnnealingSchedule(IT, 0.1, 0.001, 10)).toString())
                .isEqualTo("SequentialSchedule(scheduleType=ITERATION, schedules=[LinearSchedule(scheduleType=ITERATION,"
                        + " initialValue=0.1, startFactor=0.1, endFactor=1.0, totalIters=5), CosineAnnealingSchedule("
                        + "scheduleType=ITERATION, initialValue=0.1, minValue=0.001, period=10, afterEnd=HOLD)], boundaries=[5])");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(warmupThenCosine());
        assertSurvivesDl4j(SequentialSchedule.of(IT, new FixedSchedule(0.05), 3, new ExponentialSchedule(IT, 0.1, 0.9)));
        assertSurvivesDl4j(new SequentialSchedule(EP, List.of(
                new LinearSchedule(EP, 0.1, 0.1, 1.0, 3),
                SequentialSchedule.of(EP, OneCycleSchedule.builder(0.1, 10).scheduleType(EP).build(), 10,
                        new LambdaSchedule(EP, 0.001, "0.9 ^ epoch")),
                CyclicSchedule.triangular(EP, 1e-4, 1e-3, 2)), new int[] {3, 50}));
    }
}
