package dev.lrsched.listeners.plateau;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import dev.lrsched.listeners.plateau.PlateauPolicy.State;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every expected LR sequence below was produced by PyTorch 1.13 ({@code /usr/bin/python3}):
 * <pre>
 *   p = torch.nn.Parameter(torch.zeros(1)); opt = torch.optim.SGD([p], lr=1.0)
 *   s = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, **kwargs)
 *   for m in metrics: s.step(m); print(repr(opt.param_groups[0]['lr']))
 * </pre>
 * and pasted verbatim (they are compared exactly: the arithmetic is the same IEEE double arithmetic).
 */
class PlateauPolicyTest {

    private static final double NAN = Double.NaN;

    /** Replays {@code metrics} from LR 1.0, returning the LR after each step (torch's param_group lr). */
    private static List<Double> replay(PlateauPolicy policy, double... metrics) {
        double lr = 1.0;
        List<Double> out = new ArrayList<>();
        for (double m : metrics) {
            if (policy.step(m)) {
                lr = policy.reduce(lr);
            }
            out.add(lr);
        }
        return out;
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.5, patience=2)
    @Test
    void minRelReducesAfterMoreThanPatienceBadSteps() {
        PlateauPolicy p = PlateauPolicy.builder().mode(Mode.MIN).factor(0.5).patience(2).build();
        assertThat(replay(p, 1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.9, 0.8, 0.85, 0.85, 0.85, 0.85))
                .containsExactly(1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25);
        assertThat(p.getBest()).isEqualTo(0.8);
        assertThat(p.getNumReductions()).isEqualTo(2);
        assertThat(p.getLastEpoch()).isEqualTo(12);
        assertThat(p.getNumBadEpochs()).isEqualTo(1);
    }

    // torch: ReduceLROnPlateau(mode='max', factor=0.1, patience=1, threshold=0.01)
    @Test
    void maxRelNeedsRelativeImprovementOverBestEver() {
        PlateauPolicy p = PlateauPolicy.builder().mode(Mode.MAX).factor(0.1).patience(1).threshold(0.01).build();
        assertThat(replay(p, 0.1, 0.2, 0.2, 0.19, 0.25, 0.25, 0.2501, 0.24, 0.24, 0.3, 0.3, 0.3))
                .containsExactly(1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002,
                        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                        0.00010000000000000003);
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.5, patience=1, threshold=0.05, threshold_mode='abs')
    @Test
    void minAbsNeedsImprovementLargerThanThreshold() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.5).patience(1).threshold(0.05)
                .thresholdMode(ThresholdMode.ABS).build();
        assertThat(replay(p, 1.0, 0.95, 0.94, 0.945, 0.9, 0.89, 0.885, 0.8, 0.79, 0.795, 0.7))
                .containsExactly(1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25);
    }

    // torch: ReduceLROnPlateau(mode='max', factor=0.5, patience=0, threshold=0.05, threshold_mode='abs')
    @Test
    void maxAbsWithZeroPatienceReducesOnEveryBadStep() {
        PlateauPolicy p = PlateauPolicy.builder().mode(Mode.MAX).factor(0.5).patience(0).threshold(0.05)
                .thresholdMode(ThresholdMode.ABS).build();
        assertThat(replay(p, 0.5, 0.55, 0.56, 0.6, 0.61, 0.62, 0.7, 0.7, 0.7))
                .containsExactly(1.0, 0.5, 0.5, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.03125);
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.5, patience=1, cooldown=2), constant metric
    @Test
    void cooldownIgnoresBadStepsAfterEachReduction() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.5).patience(1).cooldown(2).build();
        double[] metrics = new double[15];
        java.util.Arrays.fill(metrics, 1.0);
        List<Double> lrs = new ArrayList<>();
        List<Boolean> cooling = new ArrayList<>();
        double lr = 1.0;
        for (double m : metrics) {
            if (p.step(m)) {
                lr = p.reduce(lr);
            }
            lrs.add(lr);
            cooling.add(p.isInCooldown());
        }
        assertThat(lrs).containsExactly(1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125,
                0.125, 0.0625);
        // reductions at steps 3, 7, 11, 15: 2 cooldown steps + patience 1 + 1 bad step
        assertThat(cooling).containsExactly(false, false, true, true, false, false, true, true, false, false, true,
                true, false, false, true);
        assertThat(p.getCooldownCounter()).isEqualTo(2);
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.1, patience=0, min_lr=0.001)
    @Test
    void minValueFloorsTheLearningRate() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.1).patience(0).minValue(0.001).build();
        assertThat(replay(p, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0))
                .containsExactly(1.0, 0.1, 0.010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                        0.0010000000000000002, 0.0010000000000000002, 0.0010000000000000002,
                        0.0010000000000000002);
        // torch keeps 0.0010000000000000002 (> min_lr): the change to 0.001 is smaller than eps
        assertThat(p.reduce(0.0010000000000000002)).isEqualTo(0.0010000000000000002);
        assertThat(p.reduce(0.005)).isEqualTo(0.001);
        assertThat(p.reduce(0.0005)).isEqualTo(0.0005); // already below the floor: never raised
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.5, patience=0, eps=0.1)
    @Test
    void changesOfAtMostEpsAreSkipped() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.5).patience(0).eps(0.1).build();
        assertThat(replay(p, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0)).containsExactly(1.0, 0.5, 0.25, 0.125, 0.125, 0.125);
        assertThat(p.getNumReductions()).isEqualTo(5); // step() still says "reduce"; reduce() skips
    }

    // torch: ReduceLROnPlateau(mode='min', factor=0.1, patience=1); NaN compares false in torch too
    @Test
    void nanCountsAsBadStepAndNeverBecomesBest() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.1).patience(1).build();
        assertThat(replay(p, 1.0, NAN, NAN, 0.5, NAN, NAN, NAN))
                .containsExactly(1.0, 1.0, 0.1, 0.1, 0.1, 0.010000000000000002, 0.010000000000000002);
        assertThat(p.getBest()).isEqualTo(0.5);
    }

    // torch: same settings, NaN before the first finite metric
    @Test
    void nanFirstMetricDoesNotBlockLaterImprovement() {
        PlateauPolicy p = PlateauPolicy.builder().factor(0.1).patience(1).build();
        assertThat(replay(p, NAN, NAN, 2.0, 1.0, 1.0, 1.0))
                .containsExactly(1.0, 0.1, 0.1, 0.1, 0.1, 0.010000000000000002);
        assertThat(p.getBest()).isEqualTo(1.0);
    }

    @Test
    void infiniteMetricsNeverBecomeBest() {
        // deliberate difference: torch would take -inf as best in MIN mode and never improve again
        PlateauPolicy min = PlateauPolicy.builder().patience(5).build();
        min.step(Double.NEGATIVE_INFINITY);
        assertThat(min.getBest()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(min.getNumBadEpochs()).isEqualTo(1);
        min.step(3.0);
        assertThat(min.getBest()).isEqualTo(3.0);
        PlateauPolicy max = PlateauPolicy.builder().mode(Mode.MAX).patience(5).build();
        max.step(Double.POSITIVE_INFINITY);
        assertThat(max.getBest()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(max.getNumBadEpochs()).isEqualTo(1);
    }

    @Test
    void nanPolicyFailThrowsNamingTheStepAndLeavesStateUnchanged() {
        PlateauPolicy p = PlateauPolicy.builder().nanPolicy(NanPolicy.FAIL).build();
        p.step(1.0);
        p.step(2.0);
        State before = p.state();
        assertThatThrownBy(() -> p.step(NAN)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metric must be finite, got NaN at step 3 (nanPolicy=FAIL)");
        assertThatThrownBy(() -> p.step(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalStateException.class)
                .hasMessage("metric must be finite, got Infinity at step 3 (nanPolicy=FAIL)");
        assertThat(p.state()).isEqualTo(before);
    }

    // torch: ReduceLROnPlateau(opt) with all defaults, constant metric: first reduction at step 12
    @Test
    void torchDefaultsReduceAtStep12And23() {
        PlateauPolicy p = PlateauPolicy.builder().build();
        double[] m = new double[25];
        java.util.Arrays.fill(m, 1.0);
        List<Double> lrs = replay(p, m);
        assertThat(lrs.subList(0, 11)).containsOnly(1.0);
        assertThat(lrs.subList(11, 22)).containsOnly(0.1);
        assertThat(lrs.subList(22, 25)).containsOnly(0.010000000000000002);
        assertThat(p.toString()).isEqualTo("PlateauPolicy(mode=MIN, factor=0.1, patience=10, threshold=1.0E-4,"
                + " thresholdMode=REL, cooldown=0, minValue=0.0, eps=1.0E-8, nanPolicy=COUNT_AS_BAD, best=1.0,"
                + " numBadEpochs=2, cooldownCounter=0, lastEpoch=25, numReductions=2)");
    }

    @Test
    void kerasPatienceIsTorchPatiencePlusOne() {
        // Keras ReduceLROnPlateau(patience=2): wait >= 2 -> reduce at steps 3, 5, 7 (implemented from its
        // documented rule in python: wait += 1; if wait >= patience: reduce, wait = 0)
        PlateauPolicy p = PlateauPolicy.builder().patience(1).build();
        List<Integer> reducedAt = new ArrayList<>();
        for (int step = 1; step <= 7; step++) {
            if (p.step(1.0)) {
                reducedAt.add(step);
            }
        }
        assertThat(reducedAt).containsExactly(3, 5, 7);
        PlateauPolicy p2 = PlateauPolicy.builder().patience(2).build();
        List<Integer> reducedAt2 = new ArrayList<>();
        for (int step = 1; step <= 7; step++) {
            if (p2.step(1.0)) {
                reducedAt2.add(step);
            }
        }
        assertThat(reducedAt2).containsExactly(4, 7);
    }

    @Test
    void negativeBestWithRelThresholdFollowsTorchFormula() {
        // torch _is_better(min, rel): a < best * (1 - threshold); for best=-1, threshold=0.1 -> a < -0.9
        PlateauPolicy p = PlateauPolicy.builder().threshold(0.1).build();
        p.step(-1.0);
        assertThat(p.isBetter(-0.95)).isTrue();
        assertThat(p.isBetter(-0.9)).isFalse();
    }

    @Test
    void initialBestIsTheWorstValueForTheMode() {
        assertThat(PlateauPolicy.builder().build().getBest()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PlateauPolicy.builder().mode(Mode.MAX).build().getBest()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void rejectsInvalidSettingsWithNameRangeAndValue() {
        assertRejected("factor must be in (0.0, 1.0), got 1.0", () -> PlateauPolicy.builder().factor(1.0).build());
        assertRejected("factor must be in (0.0, 1.0), got 0.0", () -> PlateauPolicy.builder().factor(0).build());
        assertRejected("factor must be in (0.0, 1.0), got -0.5", () -> PlateauPolicy.builder().factor(-0.5).build());
        assertRejected("factor must be in (0.0, 1.0), got NaN", () -> PlateauPolicy.builder().factor(NAN).build());
        assertRejected("factor must be in (0.0, 1.0), got Infinity",
                () -> PlateauPolicy.builder().factor(Double.POSITIVE_INFINITY).build());
        assertRejected("patience must be >= 0, got -1", () -> PlateauPolicy.builder().patience(-1).build());
        assertRejected("threshold must be finite and >= 0, got -1.0E-4",
                () -> PlateauPolicy.builder().threshold(-1e-4).build());
        assertRejected("threshold must be finite and >= 0, got NaN",
                () -> PlateauPolicy.builder().threshold(NAN).build());
        assertRejected("threshold must be finite and >= 0, got Infinity",
                () -> PlateauPolicy.builder().threshold(Double.POSITIVE_INFINITY).build());
        assertRejected("cooldown must be >= 0, got -2", () -> PlateauPolicy.builder().cooldown(-2).build());
        assertRejected("minValue must be finite and >= 0, got -1.0", () -> PlateauPolicy.builder().minValue(-1).build());
        assertRejected("minValue must be finite and >= 0, got NaN", () -> PlateauPolicy.builder().minValue(NAN).build());
        assertRejected("minValue must be finite and >= 0, got -Infinity",
                () -> PlateauPolicy.builder().minValue(Double.NEGATIVE_INFINITY).build());
        assertRejected("eps must be finite and >= 0, got -1.0E-8", () -> PlateauPolicy.builder().eps(-1e-8).build());
        assertRejected("eps must be finite and >= 0, got Infinity",
                () -> PlateauPolicy.builder().eps(Double.POSITIVE_INFINITY).build());
        assertRejected("mode must not be null", () -> PlateauPolicy.builder().mode(null).build());
        assertRejected("thresholdMode must not be null", () -> PlateauPolicy.builder().thresholdMode(null).build());
        assertRejected("nanPolicy must not be null", () -> PlateauPolicy.builder().nanPolicy(null).build());
        assertRejected("state must not be null", () -> PlateauPolicy.restore(null));
    }

    @Test
    void restoredPolicyContinuesExactlyLikeTheUninterruptedOne() {
        double[] metrics = {1.0, 0.9, 0.95, 0.92, 0.91, 0.9, 0.9, 0.8, 0.85, 0.85, 0.85, 0.85, 0.84, 0.86, 0.9};
        PlateauPolicy full = PlateauPolicy.builder().factor(0.5).patience(1).cooldown(2).build();
        List<Boolean> expected = new ArrayList<>();
        for (double m : metrics) {
            expected.add(full.step(m));
        }
        for (int cut = 0; cut <= metrics.length; cut++) {
            PlateauPolicy first = PlateauPolicy.builder().factor(0.5).patience(1).cooldown(2).build();
            List<Boolean> actual = new ArrayList<>();
            for (int i = 0; i < cut; i++) {
                actual.add(first.step(metrics[i]));
            }
            PlateauPolicy resumed = PlateauPolicy.restore(State.fromJson(first.state().toJson()));
            for (int i = cut; i < metrics.length; i++) {
                actual.add(resumed.step(metrics[i]));
            }
            assertThat(actual).as("cut at %d", cut).isEqualTo(expected);
            assertThat(resumed.state()).isEqualTo(full.state());
        }
    }

    @Test
    void stateJsonRoundTripsInfiniteBestAsStrings() {
        State fresh = PlateauPolicy.builder().build().state();
        String json = fresh.toJson();
        assertThat(json).contains("\"best\" : \"Infinity\"");
        assertThat(State.fromJson(json)).isEqualTo(fresh);
        State freshMax = PlateauPolicy.builder().mode(Mode.MAX).build().state();
        assertThat(freshMax.toJson()).contains("\"best\" : \"-Infinity\"");
        assertThat(State.fromJson(freshMax.toJson()).getBest()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void stateJsonRoundTripsEveryField() throws Exception {
        State s = new State(Mode.MAX, 0.25, 4, 0.003, ThresholdMode.ABS, 3, 1e-6, 1e-9, NanPolicy.FAIL,
                0.123456789012345678, 2, 1, 17, 3);
        assertThat(State.fromJson(s.toJson())).isEqualTo(s);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
        PlateauPolicy p = PlateauPolicy.restore(s);
        assertThat(p.getBest()).isEqualTo(0.123456789012345678);
        assertThat(p.getNumBadEpochs()).isEqualTo(2);
        assertThat(p.getCooldownCounter()).isEqualTo(1);
        assertThat(p.isInCooldown()).isTrue();
        assertThat(p.getLastEpoch()).isEqualTo(17);
        assertThat(p.getNumReductions()).isEqualTo(3);
        assertThat(p.state()).isEqualTo(s);
    }

    @Test
    void stateRejectsInconsistentCountersAndBadJson() {
        assertRejected("best must be finite or Infinity for mode MIN, got -Infinity",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        Double.NEGATIVE_INFINITY, 0, 0, 0, 0));
        assertRejected("best must be finite or Infinity for mode MIN, got NaN",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        NAN, 0, 0, 0, 0));
        assertRejected("numBadEpochs must be in [0, 10], got 11",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        1.0, 11, 0, 12, 0));
        assertRejected("cooldownCounter must be in [0, 0], got 1",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        1.0, 0, 1, 12, 0));
        assertRejected("lastEpoch must be >= 0, got -1",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        1.0, 0, 0, -1, 0));
        assertRejected("numReductions must be in [0, 2], got 3",
                () -> new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        1.0, 0, 0, 2, 3));
        assertRejected("factor must be in (0.0, 1.0), got 2.0",
                () -> new State(Mode.MIN, 2.0, 10, 1e-4, ThresholdMode.REL, 0, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                        1.0, 0, 0, 2, 0));
        String json = PlateauPolicy.builder().build().state().toJson();
        assertRejected("factor must be in (0.0, 1.0), got 1.5",
                () -> State.fromJson(json.replace("\"factor\" : 0.1", "\"factor\" : 1.5")));
        assertThatThrownBy(() -> State.fromJson(json.replace("\"eps\"", "\"bogus\" : 1, \"eps\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid PlateauPolicy.State JSON");
        assertThatThrownBy(() -> State.fromJson(json.replaceAll("\\s*\"lastEpoch\" : 0,", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastEpoch");
        assertThatThrownBy(() -> State.fromJson("{}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid PlateauPolicy.State JSON");
        assertThatThrownBy(() -> State.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid PlateauPolicy.State JSON");
    }

    @Test
    void stateEqualsOverEveryField() {
        State base = new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD,
                1.0, 3, 1, 12, 1);
        new EqualsTester()
                .addEqualityGroup(base, new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8,
                        NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1), State.fromJson(base.toJson()))
                .addEqualityGroup(new State(Mode.MAX, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.2, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 11, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-3, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.ABS, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 3, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0.5, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-7, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.FAIL, 1.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 2.0, 3, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 4, 1, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 2, 12, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 13, 1))
                .addEqualityGroup(new State(Mode.MIN, 0.1, 10, 1e-4, ThresholdMode.REL, 2, 0, 1e-8, NanPolicy.COUNT_AS_BAD, 1.0, 3, 1, 12, 2))
                .testEquals();
        assertThat(base.toString()).isEqualTo("State(mode=MIN, factor=0.1, patience=10, threshold=1.0E-4,"
                + " thresholdMode=REL, cooldown=2, minValue=0.0, eps=1.0E-8, nanPolicy=COUNT_AS_BAD, best=1.0,"
                + " numBadEpochs=3, cooldownCounter=1, lastEpoch=12, numReductions=1)");
    }
}
