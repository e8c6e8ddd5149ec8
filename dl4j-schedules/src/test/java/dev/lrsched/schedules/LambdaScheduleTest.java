package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static dev.lrsched.schedules.testing.ScheduleAssertions.javaSerializationRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class LambdaScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final ScheduleType EP = ScheduleType.EPOCH;

    /** torch 1.13: LambdaLR(SGD(lr=0.1), lr_lambda=lambda e: 1 / (1 + 0.01 * e)); lr before the t-th step(). */
    @ParameterizedTest(name = "epoch={0} -> {1}")
    @CsvSource({
            "0, 0.1",
            "1, 0.09900990099009901",
            "2, 0.09803921568627451",
            "10, 0.09090909090909091",
            "50, 0.06666666666666667",
            "100, 0.05",
            "119, 0.04566210045662101"})
    void matchesTorchLambdaLrInverseTimeDecay(int epoch, double expected) {
        LambdaSchedule s = new LambdaSchedule(EP, 0.1, "1 / (1 + 0.01 * epoch)");
        assertRelClose(expected, s.valueAt(12345, epoch));
    }

    /** torch 1.13: LambdaLR(SGD(lr=0.05), lr_lambda=lambda e: 0.95 ** e). */
    @ParameterizedTest(name = "step={0} -> {1}")
    @CsvSource({"0, 0.05", "1, 0.0475", "7, 0.03491686480468749", "29, 0.011296777049628278"})
    void matchesTorchLambdaLrPower(int t, double expected) {
        assertRelClose(expected, new LambdaSchedule(IT, 0.05, "0.95 ^ step").valueAt(t, 3));
    }

    @Test
    void variablesReadTheCountersAndStepFollowsScheduleType() {
        assertThat(new LambdaSchedule(IT, 1.0, "iteration").valueAt(7, 3)).isEqualTo(7.0);
        assertThat(new LambdaSchedule(IT, 1.0, "epoch").valueAt(7, 3)).isEqualTo(3.0);
        assertThat(new LambdaSchedule(IT, 1.0, "step").valueAt(7, 3)).isEqualTo(7.0);
        assertThat(new LambdaSchedule(EP, 1.0, "step").valueAt(7, 3)).isEqualTo(3.0);
        assertThat(new LambdaSchedule(IT, 2.0, "iteration + 10 * epoch").valueAt(7, 3)).isEqualTo(74.0);
    }

    @Test
    void functionsAndConstantsOfExp4jWork() {
        LambdaSchedule cosine = new LambdaSchedule(IT, 1.0, "0.5 * (1 + cos(pi * step / 100))");
        assertRelClose(0.5, cosine.valueAt(50, 0));
        assertRelClose(Math.exp(-0.5), new LambdaSchedule(IT, 1.0, "exp(-step / 2)").valueAt(1, 0));
        assertRelClose(0.5, new LambdaSchedule(IT, 1.0, "e ^ (-step * log(2))").valueAt(1, 0));
        assertThat(new LambdaSchedule(EP, 1.0, "0.5 ^ floor(epoch / 10)").valueAt(0, 25)).isEqualTo(0.25);
        // min and max are added by lrsched (exp4j has neither): a linear warm-up over 100 steps.
        LambdaSchedule warmup = new LambdaSchedule(IT, 0.1, "min(1, (step + 1) / 100)");
        assertRelClose(0.001, warmup.valueAt(0, 0));
        assertRelClose(0.1, warmup.valueAt(99, 0));
        assertRelClose(0.1, warmup.valueAt(5000, 0));
        assertThat(new LambdaSchedule(IT, 1.0, "max(0.01, 1 - step / 10)").valueAt(20, 0)).isEqualTo(0.01);
    }

    @Test
    void wrappedCountersAreUnsigned() {
        LambdaSchedule s = new LambdaSchedule(IT, 1.0, "iteration");
        assertThat(s.valueAt(-1, 0)).isEqualTo(4294967295.0);
        assertThat(s.valueAt(Integer.MIN_VALUE, 0)).isEqualTo(2147483648.0);
        assertFiniteNonNegativeEverywhere(new LambdaSchedule(IT, 0.1, "1 / (1 + 0.01 * iteration + epoch)"));
    }

    @Test
    void runtimeNaNInfinityOrNegativeThrowsIllegalStateNamingExpressionCountersAndValue() {
        LambdaSchedule neg = new LambdaSchedule(EP, 0.1, "1 - epoch / 10");
        assertThat(neg.valueAt(0, 10)).isEqualTo(0.0);
        assertThatThrownBy(() -> neg.valueAt(5, 11)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LambdaSchedule expression \"1 - epoch / 10\" gave -0.10000000000000009 at iteration 5,"
                        + " epoch 11; a schedule value must be finite and >= 0");
        LambdaSchedule nan = new LambdaSchedule(IT, 0.1, "sqrt(10 - iteration)");
        assertThatThrownBy(() -> nan.valueAt(11, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LambdaSchedule expression \"sqrt(10 - iteration)\" gave NaN at iteration 11, epoch 2;"
                        + " a schedule value must be finite and >= 0");
        LambdaSchedule inf = new LambdaSchedule(IT, 0.1, "exp(iteration)");
        assertThatThrownBy(() -> inf.valueAt(1000, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LambdaSchedule expression \"exp(iteration)\" gave Infinity at iteration 1000, epoch 0;"
                        + " a schedule value must be finite and >= 0");
        LambdaSchedule overflow = new LambdaSchedule(IT, 1e300, "1e10 ^ iteration");
        assertThatThrownBy(() -> overflow.valueAt(1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LambdaSchedule expression \"1e10 ^ iteration\" gave 1.0E10 (initialValue * value = "
                        + "Infinity) at iteration 1, epoch 0; a schedule value must be finite and >= 0");
    }

    @Test
    void divisionByZeroBecomesTheSameIllegalStateException() {
        LambdaSchedule s = new LambdaSchedule(EP, 0.1, "1/(10-epoch)");
        assertRelClose(0.1 / 5, s.valueAt(0, 5));
        assertThatThrownBy(() -> s.valueAt(3, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessage("LambdaSchedule expression \"1/(10-epoch)\" gave Division by zero! at iteration 3,"
                        + " epoch 10; a schedule value must be finite and >= 0");
    }

    @Test
    void rejectsBadExpressionsAtConstructionNamingTextAndReason() {
        assertRejected("expression must not be null", () -> new LambdaSchedule(IT, 0.1, null));
        assertRejected("expression must not be blank, got \"\"", () -> new LambdaSchedule(IT, 0.1, ""));
        assertRejected("expression must not be blank, got \"  \"", () -> new LambdaSchedule(IT, 0.1, "  "));
        assertRejected("expression \"1/x\" uses unknown variable or function 'x'; allowed variables: iteration, epoch, step",
                () -> new LambdaSchedule(IT, 0.1, "1/x"));
        assertRejected("expression \"lr * epoch\" uses unknown variable or function 'lr'; allowed variables: iteration,"
                + " epoch, step", () -> new LambdaSchedule(IT, 0.1, "lr * epoch"));
        assertRejected("expression \"foo(epoch)\" uses unknown variable or function 'foo'; allowed variables: iteration,"
                + " epoch, step", () -> new LambdaSchedule(IT, 0.1, "foo(epoch)"));
        assertRejected("expression \"1 +\" cannot be parsed: Too many operators",
                () -> new LambdaSchedule(IT, 0.1, "1 +"));
        assertRejected("expression \"(1 + epoch\" cannot be parsed: Mismatched parentheses detected. Please check the"
                + " expression", () -> new LambdaSchedule(IT, 0.1, "(1 + epoch"));
        assertRejected("expression \"-1\" must give a finite value >= 0 at iteration 0, epoch 0, got -1.0",
                () -> new LambdaSchedule(IT, 0.1, "-1"));
        assertRejected("expression \"log(epoch)\" must give a finite value >= 0 at iteration 0, epoch 0, got -Infinity",
                () -> new LambdaSchedule(IT, 0.1, "log(epoch)"));
        assertRejected("expression \"1/epoch\" must give a finite value >= 0 at iteration 0, epoch 0, got Division by zero!",
                () -> new LambdaSchedule(IT, 0.1, "1/epoch"));
        assertRejected("scheduleType must not be null", () -> new LambdaSchedule(null, 0.1, "1"));
        assertRejected("initialValue must be finite and >= 0, got NaN", () -> new LambdaSchedule(IT, Double.NaN, "1"));
        assertRejected("initialValue must be finite and >= 0, got -1.0", () -> new LambdaSchedule(IT, -1, "1"));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new LambdaSchedule(IT, Double.POSITIVE_INFINITY, "1"));
    }

    @Test
    @Timeout(30)
    void valueAtIsThreadSafe() throws Exception {
        // One shared instance, hammered by 8 threads with different counters: a shared exp4j Expression
        // (setVariable then evaluate) would mix one thread's variables into another's result.
        LambdaSchedule s = new LambdaSchedule(IT, 1.0, "iteration * 1000 + epoch");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int id = k;
                results.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int n = 0; n < 50_000; n++) {
                        int it = id * 100_000 + n;
                        int ep = n % 1000;
                        if (s.valueAt(it, ep) != it * 1000.0 + ep) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void javaDeserializationRebuildsTheCompiledExpression() {
        LambdaSchedule s = new LambdaSchedule(EP, 0.1, "1 / (1 + 0.01 * epoch)");
        ISchedule copy = javaSerializationRoundTrip(s);
        assertThat(copy).isEqualTo(s);
        assertThat(copy.valueAt(0, 100)).isEqualTo(s.valueAt(0, 100));
    }

    @Test
    void jsonContainsTheExpressionText() throws Exception {
        String json = JsonMappers.getMapper().writeValueAsString(new LambdaSchedule(EP, 0.1, "0.95 ^ epoch"));
        assertThat(json).contains("\"expression\" : \"0.95 ^ epoch\"").contains("\"initialValue\" : 0.1")
                .contains("\"scheduleType\" : \"EPOCH\"");
    }

    @Test
    void loadingAnInvalidExpressionFromJsonFailsLoudly() {
        String json = "{\"@class\":\"dev.lrsched.schedules.LambdaSchedule\",\"scheduleType\":\"EPOCH\","
                + "\"initialValue\":0.1,\"expression\":\"java.lang.Runtime.getRuntime()\"}";
        assertThatThrownBy(() -> JsonMappers.getMapper().readValue(json, ISchedule.class))
                .hasStackTraceContaining("uses unknown variable or function 'java.lang.Runtime.getRuntime'");
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        new EqualsTester()
                .addEqualityGroup(new LambdaSchedule(EP, 0.1, "0.95 ^ epoch"), new LambdaSchedule(EP, 0.1, "0.95 ^ epoch"))
                .addEqualityGroup(new LambdaSchedule(IT, 0.1, "0.95 ^ epoch"))
                .addEqualityGroup(new LambdaSchedule(EP, 0.2, "0.95 ^ epoch"))
                .addEqualityGroup(new LambdaSchedule(EP, 0.1, "0.95^epoch"))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new LambdaSchedule(EP, 0.1, "0.95 ^ epoch").toString())
                .isEqualTo("LambdaSchedule(scheduleType=EPOCH, initialValue=0.1, expression=\"0.95 ^ epoch\")");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(new LambdaSchedule(EP, 0.1, "1 / (1 + 0.01 * epoch)"));
        assertSurvivesDl4j(new LambdaSchedule(IT, 1e-3, "min(1, (step + 1) / 100) * 0.5 ^ floor(epoch / 3)"));
    }
}
