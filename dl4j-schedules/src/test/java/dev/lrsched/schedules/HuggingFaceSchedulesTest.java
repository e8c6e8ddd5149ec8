package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * {@link HuggingFaceSchedules#getScheduler}: every HF {@code SchedulerType} name. Reference values:
 * {@code tools/reference/hf_reference.py} (HF's lambdas from optimization.py @ 005edacb under torch's LambdaLR),
 * one array per call, index = step.
 */
class HuggingFaceSchedulesTest {

    private static ISchedule hf(String name, Integer w, Integer t, Map<String, ?> kwargs) {
        return HuggingFaceSchedules.getScheduler(name, 0.1, w, t, kwargs);
    }

    private static void assertSteps(ISchedule s, double... expected) {
        for (int t = 0; t < expected.length; t++) {
            assertRelClose(expected[t], s.valueAt(t, 0), s + " t=" + t);
        }
    }

    @Test
    void everyHfSchedulerTypeIsListedAndEitherMappedOrExplained() {
        // transformers' SchedulerType (trainer_utils.py @ 005edacb), in its order
        assertThat(HuggingFaceSchedules.SCHEDULER_NAMES).containsExactly("linear", "cosine", "cosine_with_restarts",
                "polynomial", "constant", "constant_with_warmup", "inverse_sqrt", "reduce_lr_on_plateau",
                "cosine_with_min_lr", "cosine_warmup_with_min_lr", "warmup_stable_decay");
        Map<String, Map<String, Object>> kwargs = Map.of(
                "cosine_with_min_lr", Map.of("min_lr_rate", 0.1),
                "cosine_warmup_with_min_lr", Map.of("min_lr_rate", 0.1),
                "warmup_stable_decay", Map.of("num_decay_steps", 3));
        for (String name : HuggingFaceSchedules.SCHEDULER_NAMES) {
            if (name.equals("reduce_lr_on_plateau")) {
                continue;
            }
            ISchedule s = hf(name, 2, 10, kwargs.getOrDefault(name, Map.of()));
            assertThat(s.valueAt(2, 0)).as(name).isGreaterThan(0.0).isLessThanOrEqualTo(0.1);
        }
    }

    /** HF: get_linear_schedule_with_warmup(SGD(lr=0.1), 2, 10), and with num_warmup_steps=0. */
    @Test
    void linear() {
        assertSteps(hf("linear", 2, 10, null), 0.0, 0.05, 0.1, 0.08750000000000001, 0.07500000000000001, 0.0625, 0.05,
                0.037500000000000006, 0.025, 0.0125, 0.0, 0.0);
        assertSteps(hf("linear", 0, 10, null), 0.1, 0.09000000000000001, 0.08000000000000002, 0.06999999999999999, 0.06,
                0.05, 0.04000000000000001, 0.03, 0.020000000000000004, 0.010000000000000002, 0.0, 0.0);
    }

    /** HF: get_cosine_schedule_with_warmup(SGD(lr=0.1), 2, 10): it keeps following the cosine after T. */
    @Test
    void cosine() {
        ISchedule s = hf("cosine", 2, 10, Map.of("num_cycles", 0.5));
        assertThat(s).isEqualTo(new WarmupCosineSchedule(ScheduleType.ITERATION, 0, 0.1, 0, 2, 10, AfterEnd.EXTRAPOLATE));
        assertSteps(s, 0.0, 0.05, 0.1, 0.09619397662556434, 0.08535533905932738, 0.0691341716182545, 0.05,
                0.030865828381745515, 0.014644660940672627, 0.0038060233744356634, 0.0, 0.003806023374435658,
                0.014644660940672617, 0.030865828381745487, 0.04999999999999999);
    }

    /** HF: get_cosine_with_hard_restarts_schedule_with_warmup(SGD(lr=0.1), 2, 14, num_cycles=3). */
    @Test
    void cosineWithRestarts() {
        assertSteps(hf("cosine_with_restarts", 2, 14, Map.of("num_cycles", 3)), 0.0, 0.05, 0.1, 0.08535533905932738,
                0.05, 0.014644660940672627, 0.1, 0.08535533905932738, 0.05, 0.014644660940672627, 0.1,
                0.08535533905932738, 0.05, 0.014644660940672627, 0.0, 0.0);
        assertThat(hf("cosine_with_restarts", 2, 14, null))
                .isEqualTo(new WarmupCosineHardRestartsSchedule(ScheduleType.ITERATION, 0.1, 2, 14, 1));
    }

    /** HF: get_polynomial_decay_schedule_with_warmup(SGD(lr=0.1), 2, 10, lr_end=0.001, power=2.0). */
    @Test
    void polynomial() {
        assertSteps(hf("polynomial", 2, 10, Map.of("lr_end", 0.001, "power", 2.0)), 0.0, 0.05, 0.1, 0.076796875,
                0.0566875, 0.039671875, 0.025750000000000002, 0.014921875000000001, 0.0071874999999999994, 0.002546875,
                0.001, 0.001);
        assertRelClose(1e-7, hf("polynomial", 2, 10, null).valueAt(10, 0)); // HF's default lr_end
    }

    /** HF: get_constant_schedule(SGD(lr=0.1)) and get_constant_schedule_with_warmup(SGD(lr=0.1), 3). */
    @Test
    void constantAndConstantWithWarmup() {
        assertThat(hf("constant", null, null, null)).isEqualTo(new FixedSchedule(0.1));
        assertSteps(hf("constant_with_warmup", 3, null, null), 0.0, 0.03333333333333333, 0.06666666666666667, 0.1, 0.1);
        assertThat(hf("constant_with_warmup", 0, null, null)).isEqualTo(new FixedSchedule(0.1));
    }

    /** HF: get_inverse_sqrt_schedule(SGD(lr=0.1), 4) and with timescale=10 (which HF's get_scheduler would drop). */
    @Test
    void inverseSqrt() {
        assertThat(hf("inverse_sqrt", 4, null, null)).isEqualTo(new InverseSqrtSchedule(ScheduleType.ITERATION, 0.1, 4, 4));
        assertThat(hf("inverse_sqrt", 0, null, null)).isEqualTo(new InverseSqrtSchedule(ScheduleType.ITERATION, 0.1, 0, 10_000));
        assertSteps(hf("inverse_sqrt", 4, null, Map.of("timescale", 10)), 0.0, 0.025, 0.05, 0.07500000000000001, 0.1,
                0.09534625892455922, 0.09128709291752769);
    }

    @Test
    void reduceLrOnPlateauPointsToTheListener() {
        assertRejected("'reduce_lr_on_plateau' is not a schedule of the step counter: use a constant learning rate"
                + " (or any schedule) with dev.lrsched.listeners.ReduceLROnPlateauListener from the dl4j-listeners module,"
                + " which reduces it when a metric stops improving", () -> hf("reduce_lr_on_plateau", null, null, null));
    }

    /** HF: get_cosine_with_min_lr_schedule_with_warmup(SGD(lr=0.1), 2, 10, min_lr_rate=0.1) (and min_lr=0.01). */
    @Test
    void cosineWithMinLr() {
        double[] expected = {0.0, 0.05, 0.1, 0.09657457896300792, 0.08681980515339464, 0.07222075445642905,
                0.05500000000000001, 0.03777924554357096, 0.023180194846605367, 0.013425421036992097, 0.010000000000000002,
                0.013425421036992092, 0.023180194846605356};
        assertSteps(hf("cosine_with_min_lr", 2, 10, Map.of("min_lr_rate", 0.1)), expected);
        assertSteps(hf("cosine_with_min_lr", 2, 10, Map.of("min_lr", 0.01)), expected);
    }

    /**
     * HF: get_cosine_with_min_lr_schedule_with_warmup_lr_rate(SGD(lr=0.1), 3, 10, min_lr_rate=0.1), without and with
     * warmup_lr_rate=0.2, and (SGD(lr=0.1), 1, 6, min_lr=0.01): warmup and cosine one step ahead.
     */
    @Test
    void cosineWarmupWithMinLr() {
        assertSteps(hf("cosine_warmup_with_min_lr", 3, 10, Map.of("min_lr_rate", 0.1)), 0.03333333333333333,
                0.06666666666666667, 0.1, 0.09554359905560886, 0.08305704108364302, 0.06501344202803415,
                0.04498655797196586, 0.026942958916356997, 0.014456400944391146, 0.010000000000000002,
                0.014456400944391141, 0.026942958916356986, 0.04498655797196585, 0.06501344202803415,
                0.08305704108364301, 0.09554359905560886, 0.1, 0.09554359905560887);
        assertSteps(hf("cosine_warmup_with_min_lr", 3, 10, Map.of("min_lr_rate", 0.1, "warmup_lr_rate", 0.2)),
                0.020000000000000004, 0.06000000000000001, 0.1, 0.09554359905560886, 0.08305704108364302);
        assertSteps(hf("cosine_warmup_with_min_lr", 1, 6, Map.of("min_lr", 0.01)), 0.1, 0.09140576474687263,
                0.06890576474687264, 0.04109423525312737, 0.01859423525312737, 0.01, 0.01859423525312736,
                0.04109423525312736, 0.06890576474687263);
        assertRejected("num_warmup_steps must be >= 2 for 'cosine_warmup_with_min_lr' (its cosine starts one step early),"
                + " got 0", () -> hf("cosine_warmup_with_min_lr", 0, 10, Map.of("min_lr_rate", 0.1)));
        assertRejected("num_warmup_steps must be >= 2 for 'cosine_warmup_with_min_lr' with warmup_lr_rate (its cosine"
                + " starts one step early), got 1",
                () -> hf("cosine_warmup_with_min_lr", 1, 10, Map.of("min_lr_rate", 0.1, "warmup_lr_rate", 0.5)));
    }

    /**
     * HF: get_scheduler('warmup_stable_decay', SGD(lr=0.1), num_warmup_steps=2, num_training_steps=12,
     * scheduler_specific_kwargs={'num_decay_steps': 5, 'decay_type': '1-sqrt', 'min_lr_ratio': 0.2}).
     */
    @Test
    void warmupStableDecay() {
        double[] expected = {0.020000000000000004, 0.06000000000000001, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                0.06422291236000337, 0.049403557437305935, 0.038032266460681335, 0.028445824720006736,
                0.020000000000000004, 0.020000000000000004};
        Map<String, Object> kw = new HashMap<>(Map.of("num_decay_steps", 5, "decay_type", "1-sqrt", "min_lr_ratio", 0.2));
        assertSteps(hf("warmup_stable_decay", 2, 12, kw), expected);
        kw.put("num_stable_steps", 5); // HF: num_stable_steps wins over num_training_steps
        assertSteps(hf("warmup_stable_decay", 2, null, kw), expected);
        assertSteps(hf("warmup_stable_decay", 2, 99, kw), expected);
        assertRejected("Either num_training_steps or num_stable_steps must be specified.",
                () -> hf("warmup_stable_decay", 2, null, Map.of("num_decay_steps", 5)));
        assertRejected("'warmup_stable_decay' requires num_decay_steps in scheduler_specific_kwargs",
                () -> hf("warmup_stable_decay", 2, 12, Map.of()));
        assertRejected("num_training_steps - num_warmup_steps - num_decay_steps must be >= 0, got 6 - 2 - 5 = -1",
                () -> hf("warmup_stable_decay", 2, 6, Map.of("num_decay_steps", 5)));
        assertRejected("decay_type must be 'linear', 'cosine' or '1-sqrt', got 'exp'",
                () -> hf("warmup_stable_decay", 2, 12, Map.of("num_decay_steps", 5, "decay_type", "exp")));
    }

    @Test
    void badArgumentsAreRejectedWithHfsNames() {
        assertRejected("name must not be null", () -> hf(null, 1, 2, null));
        assertRejected("name must be one of " + HuggingFaceSchedules.SCHEDULER_NAMES + ", got 'cosine_annealing'",
                () -> hf("cosine_annealing", 1, 2, null));
        assertRejected("learningRate must be finite and >= 0, got -0.1",
                () -> HuggingFaceSchedules.getScheduler("constant", -0.1, null, null));
        assertRejected("'linear' requires num_warmup_steps, please provide that argument", () -> hf("linear", null, 10, null));
        assertRejected("'cosine' requires num_training_steps, please provide that argument", () -> hf("cosine", 2, null, null));
        assertRejected("num_warmup_steps must be >= 0, got -1", () -> hf("linear", -1, 10, null));
        assertRejected("num_training_steps must be > num_warmup_steps (10) for 'linear', got 10", () -> hf("linear", 10, 10, null));
        assertRejected("scheduler_specific_kwargs for 'linear' may contain only [], got 'num_cycles'",
                () -> hf("linear", 2, 10, Map.of("num_cycles", 1)));
        assertRejected("scheduler_specific_kwargs for 'cosine' may contain only [num_cycles], got 'min_lr'",
                () -> hf("cosine", 2, 10, Map.of("min_lr", 0.01)));
        assertRejected("num_cycles must be 0.5 for 'cosine' (other values are not provided), got 1.0",
                () -> hf("cosine", 2, 10, Map.of("num_cycles", 1.0)));
        assertRejected("num_cycles must be an integer for 'cosine_with_restarts', got 2.5",
                () -> hf("cosine_with_restarts", 2, 10, Map.of("num_cycles", 2.5)));
        assertRejected("num_cycles must be a number, got String two",
                () -> hf("cosine_with_restarts", 2, 10, Map.of("num_cycles", "two")));
        assertRejected("Only one of min_lr or min_lr_rate should be set",
                () -> hf("cosine_with_min_lr", 2, 10, Map.of("min_lr", 0.01, "min_lr_rate", 0.1)));
        assertRejected("One of min_lr or min_lr_rate should be set through the scheduler_specific_kwargs",
                () -> hf("cosine_with_min_lr", 2, 10, Map.of()));
        assertRejected("min_lr_rate must be in [0.0, 1.0], got 1.5",
                () -> hf("cosine_with_min_lr", 2, 10, Map.of("min_lr_rate", 1.5)));
        assertRejected("lr_end (0.1) must be smaller than initial lr (0.1)",
                () -> hf("polynomial", 2, 10, Map.of("lr_end", 0.1)));
        assertRejected("timescale must be > 0, got 0", () -> hf("inverse_sqrt", 2, null, Map.of("timescale", 0)));
        assertRejected("scheduler_specific_kwargs for 'constant' may contain only [], got 'factor'",
                () -> hf("constant", null, null, Map.of("factor", 0.5)));
    }

    @Test
    void everyReturnedScheduleReadsTheIterationCounter() {
        for (ISchedule s : List.of(hf("linear", 2, 10, null), hf("cosine", 2, 10, null), hf("inverse_sqrt", 2, null, null),
                hf("warmup_stable_decay", 2, 12, Map.of("num_decay_steps", 5)))) {
            assertThat(s.valueAt(5, 0)).as("%s", s).isEqualTo(s.valueAt(5, 77));
        }
    }
}
