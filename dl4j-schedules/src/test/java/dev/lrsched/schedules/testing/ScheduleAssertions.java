package dev.lrsched.schedules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Shared assertions for schedule tests: relative closeness, exact error messages, and the full
 * "survives DL4J" round trip (DL4J JSON mapper, {@code ModelSerializer}, Java serialization).
 */
public final class ScheduleAssertions {

    /** The tolerance every reference value is checked to. */
    public static final double REL_TOL = 1e-12;

    /** Counters used to compare a schedule with its round-tripped copy. */
    public static final int[] PROBE_STEPS = {0, 1, 2, 3, 5, 7, 10, 17, 50, 99, 100, 101, 250, 999, 1000, 1001,
            10_000, 123_456, 1_000_000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};

    private ScheduleAssertions() {
    }

    /** {@code |actual - expected| <= 1e-12 * |expected|}; when expected is 0, {@code |actual| <= 1e-300}. */
    public static void assertRelClose(double expected, double actual) {
        assertRelClose(expected, actual, "");
    }

    public static void assertRelClose(double expected, double actual, String context) {
        double tol = expected == 0.0 ? 1e-300 : REL_TOL * Math.abs(expected);
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(context + " expected " + expected + " but was " + actual + " (relative error "
                    + Math.abs(actual - expected) / Math.abs(expected) + ")");
        }
    }

    /** Asserts {@code code} throws {@link IllegalArgumentException} with exactly {@code message}. */
    public static void assertRejected(String message, Executable code) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, code);
        assertEquals(message, e.getMessage());
    }

    /** Asserts the value is finite and non-negative at every probe counter (both counter roles). */
    public static void assertFiniteNonNegativeEverywhere(ISchedule schedule) {
        for (int i : PROBE_STEPS) {
            for (int e : PROBE_STEPS) {
                double v = schedule.valueAt(i, e);
                assertThat(v).as("%s at iteration=%s epoch=%s", schedule, i, e).isFinite().isGreaterThanOrEqualTo(0.0);
            }
        }
    }

    /** Through DL4J's own JSON mapper ({@code JsonMappers.getMapper()}), as a polymorphic ISchedule. */
    public static ISchedule dl4jJsonRoundTrip(ISchedule schedule) {
        try {
            String json = JsonMappers.getMapper().writeValueAsString(schedule);
            return JsonMappers.getMapper().readValue(json, ISchedule.class);
        } catch (IOException e) {
            throw new AssertionError("JSON round trip failed for " + schedule, e);
        }
    }

    /** Inside an Sgd updater of a tiny MultiLayerNetwork saved and restored with {@code ModelSerializer}. */
    public static ISchedule modelSerializerRoundTrip(ISchedule schedule) {
        try {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(1)
                    .updater(new Sgd(schedule))
                    .list()
                    .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.TANH).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                            .activation(Activation.IDENTITY).build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, bytes, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                    new ByteArrayInputStream(bytes.toByteArray()), true);
            BaseLayer layer = (BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer();
            return ((Sgd) layer.getIUpdater()).getLearningRateSchedule();
        } catch (IOException e) {
            throw new AssertionError("ModelSerializer round trip failed for " + schedule, e);
        }
    }

    /** Plain Java serialization (ISchedule is Serializable; Spark and DL4J's caches use it). */
    public static ISchedule javaSerializationRoundTrip(ISchedule schedule) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(schedule);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (ISchedule) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError("Java serialization failed for " + schedule, e);
        }
    }

    /**
     * The whole contract: the copy from each route is {@code equals} with the same hash code and the
     * same class, gives bit-identical values at every probe counter, and {@code clone()} is equal too.
     */
    public static void assertSurvivesDl4j(ISchedule schedule) {
        assertSameSchedule(schedule, schedule.clone(), "clone()");
        assertSameSchedule(schedule, dl4jJsonRoundTrip(schedule), "DL4J JSON");
        assertSameSchedule(schedule, modelSerializerRoundTrip(schedule), "ModelSerializer");
        assertSameSchedule(schedule, javaSerializationRoundTrip(schedule), "Java serialization");
    }

    private static void assertSameSchedule(ISchedule expected, ISchedule actual, String route) {
        assertThat(actual).as(route).isNotNull();
        assertThat(actual.getClass()).as(route).isEqualTo(expected.getClass());
        assertThat(actual).as(route).isEqualTo(expected);
        assertThat(actual.hashCode()).as(route + " hashCode").isEqualTo(expected.hashCode());
        assertThat(actual.toString()).as(route + " toString").isEqualTo(expected.toString());
        for (int i : PROBE_STEPS) {
            for (int e : new int[] {0, 1, 3, 10, 100}) {
                assertThat(actual.valueAt(i, e)).as("%s valueAt(%s, %s)", route, i, e)
                        .isEqualTo(expected.valueAt(i, e));
                assertThat(actual.valueAt(e, i)).as("%s valueAt(%s, %s)", route, e, i)
                        .isEqualTo(expected.valueAt(e, i));
            }
        }
    }

    /**
     * The JSON written by DL4J's mapper has exactly the fields {@code "@class"} plus {@code names} (the
     * persisted contract of a schedule class), in any order.
     */
    public static void assertJsonFields(ISchedule schedule, String... names) {
        try {
            org.nd4j.shade.jackson.databind.JsonNode node =
                    JsonMappers.getMapper().readTree(JsonMappers.getMapper().writeValueAsString(schedule));
            java.util.List<String> fields = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            java.util.List<String> expected = new java.util.ArrayList<>(java.util.Arrays.asList(names));
            expected.add("@class");
            assertThat(fields).as("JSON fields of %s", schedule).containsExactlyInAnyOrderElementsOf(expected);
        } catch (IOException e) {
            throw new AssertionError("JSON serialization failed for " + schedule, e);
        }
    }
}
