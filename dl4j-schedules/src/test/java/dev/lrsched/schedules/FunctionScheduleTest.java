package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static dev.lrsched.schedules.testing.ScheduleAssertions.javaSerializationRoundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.testing.EqualsTester;
import java.util.Objects;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonProperty;

public class FunctionScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;
    private static final ScheduleType EP = ScheduleType.EPOCH;

    /** A savable function: public named class, public no-arg constructor, Jackson-visible fields, value equals. */
    public static final class InverseTimeDecay implements ScheduleFunction {
        private static final long serialVersionUID = 1L;
        @JsonProperty("decay")
        private double decay;

        public InverseTimeDecay() {
        }

        public InverseTimeDecay(double decay) {
            this.decay = decay;
        }

        @Override
        public double factorAt(long iteration, long epoch) {
            return 1 / (1 + decay * epoch);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InverseTimeDecay && Double.compare(decay, ((InverseTimeDecay) o).decay) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(decay);
        }

        @Override
        public String toString() {
            return "InverseTimeDecay(decay=" + decay + ")";
        }
    }

    /** Public and named, but Jackson could not create it again. */
    public static final class NoDefaultConstructor implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        public NoDefaultConstructor(int unused) {
        }

        @Override
        public double factorAt(long iteration, long epoch) {
            return 1;
        }
    }

    static final class PackagePrivateFunction implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public double factorAt(long iteration, long epoch) {
            return 1;
        }
    }

    public final class InnerFunction implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public double factorAt(long iteration, long epoch) {
            return 1;
        }
    }

    /** torch 1.13: LambdaLR(SGD(lr=0.1), lr_lambda=lambda e: 1 / (1 + 0.01 * e)); lr before the t-th step(). */
    @ParameterizedTest(name = "epoch={0} -> {1}")
    @CsvSource({"0, 0.1", "1, 0.09900990099009901", "10, 0.09090909090909091", "100, 0.05", "119, 0.04566210045662101"})
    void matchesTorchLambdaLr(int epoch, double expected) {
        assertRelClose(expected, new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01)).valueAt(77, epoch));
        assertRelClose(expected, new FunctionSchedule(EP, 0.1, (it, ep) -> 1 / (1 + 0.01 * ep)).valueAt(77, epoch));
    }

    @Test
    void functionReceivesBothCountersUnsigned() {
        FunctionSchedule s = new FunctionSchedule(IT, 1.0, (it, ep) -> it + ep / 1e10);
        assertThat(s.valueAt(7, 0)).isEqualTo(7.0);
        assertThat(s.valueAt(-1, 0)).isEqualTo(4294967295.0);
        assertThat(s.valueAt(0, Integer.MIN_VALUE)).isEqualTo(2147483648.0 / 1e10);
        assertFiniteNonNegativeEverywhere(new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01)));
    }

    @Test
    void runtimeNaNInfinityOrNegativeThrowsIllegalStateNamingFunctionCountersAndValue() {
        FunctionSchedule s = new FunctionSchedule(EP, 0.1, new InverseTimeDecay(-0.1));
        assertThatThrownBy(() -> s.valueAt(3, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessage("FunctionSchedule function InverseTimeDecay(decay=-0.1) gave Infinity at iteration 3, epoch 10;"
                        + " a schedule value must be finite and >= 0");
        assertThatThrownBy(() -> s.valueAt(3, 20)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("FunctionSchedule function InverseTimeDecay(decay=-0.1) gave -1.0 at iteration 3,"
                        + " epoch 20");
        FunctionSchedule nan = new FunctionSchedule(IT, 0.1, new NanAfterFive());
        assertThatThrownBy(() -> nan.valueAt(6, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave NaN at iteration 6, epoch 0");
        FunctionSchedule overflow = new FunctionSchedule(IT, 1e300, (it, ep) -> it == 0 ? 1 : 1e300);
        assertThatThrownBy(() -> overflow.valueAt(1, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gave 1.0E300 at iteration 1, epoch 0");
    }

    /** Public named class for the NaN case, so the message is deterministic. */
    public static final class NanAfterFive implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public double factorAt(long iteration, long epoch) {
            return iteration > 5 ? Double.NaN : 1;
        }
    }

    @Test
    void rejectsBadParametersNamingThem() {
        assertRejected("scheduleType must not be null", () -> new FunctionSchedule(null, 0.1, new InverseTimeDecay(0)));
        assertRejected("initialValue must be finite and >= 0, got NaN",
                () -> new FunctionSchedule(IT, Double.NaN, new InverseTimeDecay(0)));
        assertRejected("initialValue must be finite and >= 0, got -0.1",
                () -> new FunctionSchedule(IT, -0.1, new InverseTimeDecay(0)));
        assertRejected("initialValue must be finite and >= 0, got Infinity",
                () -> new FunctionSchedule(IT, Double.POSITIVE_INFINITY, new InverseTimeDecay(0)));
        assertRejected("function must not be null", () -> new FunctionSchedule(IT, 0.1, null));
        assertRejected("function InverseTimeDecay(decay=NaN) must give a finite value >= 0 at iteration 0, epoch 0,"
                + " got NaN", () -> new FunctionSchedule(IT, 0.1, new InverseTimeDecay(Double.NaN)));
    }

    @Test
    void namedFunctionClassRoundTripsThroughDl4jJsonModelSerializerAndJavaSerialization() throws Exception {
        FunctionSchedule s = new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01));
        assertSurvivesDl4j(s);
        assertThat(JsonMappers.getMapper().writeValueAsString(s))
                .contains("\"@class\" : \"dev.lrsched.schedules.FunctionScheduleTest$InverseTimeDecay\"")
                .contains("\"decay\" : 0.01");
    }

    @Test
    void configurationJsonOfANetworkWithALambdaFailsWithAClearMessage() {
        MultiLayerConfiguration conf = conf(new FunctionSchedule(EP, 0.1, (it, ep) -> Math.pow(0.95, ep)));
        assertThatThrownBy(conf::toJson)
                .hasStackTraceContaining("FunctionSchedule.function is a lambda (dev.lrsched.schedules.FunctionScheduleTest$$Lambda")
                .hasStackTraceContaining("only a public named class with a public no-arg constructor can be saved in a"
                        + " DL4J configuration; use LambdaSchedule with an expression instead");
    }

    @Test
    void unsavableFunctionKindsAreNamedInTheMessage() {
        assertUnsavable(new ScheduleFunction() {
            private static final long serialVersionUID = 1L;

            @Override
            public double factorAt(long iteration, long epoch) {
                return 1;
            }
        }, "an anonymous class");
        final class Local implements ScheduleFunction {
            private static final long serialVersionUID = 1L;

            @Override
            public double factorAt(long iteration, long epoch) {
                return 1;
            }
        }
        assertUnsavable(new Local(), "a local class");
        assertUnsavable(new InnerFunction(), "a non-static inner class");
        assertUnsavable(new PackagePrivateFunction(), "a non-public class");
        assertUnsavable(new NoDefaultConstructor(1), "a class without a public no-arg constructor");
    }

    private static void assertUnsavable(ScheduleFunction f, String kind) {
        FunctionSchedule s = new FunctionSchedule(IT, 0.1, f);
        assertThatThrownBy(() -> JsonMappers.getMapper().writeValueAsString(s))
                .hasMessageStartingWith("FunctionSchedule.function is " + kind + " (" + f.getClass().getName() + ");"
                        + " only a public named class with a public no-arg constructor can be saved");
    }

    @Test
    @Timeout(30)
    void aLambdaWorksInMemoryAndSurvivesJavaSerialization() {
        FunctionSchedule s = new FunctionSchedule(IT, 0.1, (it, ep) -> Math.pow(0.5, it));
        MultiLayerNetwork net = new MultiLayerNetwork(conf(s));
        net.init();
        net.fit(Nd4j.rand(4, 2), Nd4j.rand(4, 1));
        assertThat(net.getIterationCount()).isEqualTo(1);
        ISchedule copy = javaSerializationRoundTrip(s);
        assertThat(copy.valueAt(3, 0)).isEqualTo(0.1 * 0.125);
    }

    private static MultiLayerConfiguration conf(ISchedule schedule) {
        return new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(schedule)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
    }

    @Test
    void equalsComparesFunctionsWithTheirEquals() {
        ScheduleFunction lambda = (it, ep) -> 1;
        new EqualsTester()
                .addEqualityGroup(new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01)),
                        new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01)))
                .addEqualityGroup(new FunctionSchedule(IT, 0.1, new InverseTimeDecay(0.01)))
                .addEqualityGroup(new FunctionSchedule(EP, 0.2, new InverseTimeDecay(0.01)))
                .addEqualityGroup(new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.02)))
                .addEqualityGroup(new FunctionSchedule(EP, 0.1, lambda), new FunctionSchedule(EP, 0.1, lambda))
                .testEquals();
    }

    @Test
    void toStringShowsEveryParameter() {
        assertThat(new FunctionSchedule(EP, 0.1, new InverseTimeDecay(0.01)).toString())
                .isEqualTo("FunctionSchedule(scheduleType=EPOCH, initialValue=0.1, function=InverseTimeDecay(decay=0.01))");
    }
}
