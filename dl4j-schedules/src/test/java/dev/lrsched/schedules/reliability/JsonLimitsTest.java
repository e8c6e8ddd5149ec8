package dev.lrsched.schedules.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.NoisySchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.schedules.WarmupSchedule;
import dev.lrsched.schedules.WarmupShape;
import dev.lrsched.schedules.support.ScheduleNesting;
import dev.lrsched.schedules.testing.CompositeJson;
import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Specification of the limits on loaded configurations (docs/reliability.md, "Limits on loaded
 * configurations"): composite schedules nest at most {@link ScheduleNesting#MAX_DEPTH} deep, in Java and in
 * JSON, and lrsched's schedule JSON rejects unknown and repeated fields, through DL4J's own mapper and inside
 * whole DL4J configurations. Every failure is an {@link Exception} whose message names the problem, never an
 * {@link Error}.
 */
@Timeout(60)
class JsonLimitsTest {

    private static final int LIMIT = ScheduleNesting.MAX_DEPTH;
    private static final String LIMIT_TEXT = "ScheduleNesting.MAX_DEPTH = 64";
    private static final LinearSchedule LEAF = new LinearSchedule(ScheduleType.ITERATION, 0.1, 1.0, 0.5, 10);

    private static ISchedule read(String json) throws Exception {
        return JsonMappers.getMapper().readValue(json, ISchedule.class);
    }

    private static String write(Object o) {
        return CompositeJson.write(o);
    }

    /** {@code levels} composites nested around a leaf, cycling through {@code kinds} from the outside in. */
    private static String nested(int levels, String... kinds) {
        return CompositeJson.nested(levels, CompositeJson.leaf(), Arrays.asList(kinds));
    }

    private static final String[][] KINDS = {
        {"ScaledSchedule"}, {"WarmupSchedule"}, {"NoisySchedule"}, {"SequentialSchedule"},
        {"ScaledSchedule", "WarmupSchedule", "NoisySchedule", "SequentialSchedule"},
        {"SequentialSchedule", "SequentialSchedule", "ScaledSchedule"},
        {"WarmupSchedule", "ScaledSchedule"},
    };

    /** Runs {@code action}, which must throw an Exception (never an Error) whose cause chain names {@code text}. */
    private static Throwable assertFailsNaming(String what, ThrowingRunnable action, String text) {
        try {
            action.run();
        } catch (Exception e) {
            assertThat(chainMessages(e)).as(what).contains(text);
            return e;
        } catch (Throwable t) {
            throw new AssertionError(what + ": threw an Error instead of an Exception: " + t, t);
        }
        return fail(what + ": loaded, expected a failure naming " + text);
    }

    private static String chainMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
        }
        return sb.toString();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- nesting depth: JSON --------------------------------------------------------------------------------

    @Test
    void deeplyNestedCompositesInJsonFailWithTheLimitNotAStackOverflow() throws Exception {
        for (String[] kinds : KINDS) {
            for (int levels : new int[] {5_000, 100_000}) {
                String json = nested(levels, kinds);
                Throwable e = assertFailsNaming(Arrays.toString(kinds) + " x " + levels, () -> read(json), LIMIT_TEXT);
                assertThat(e.getMessage()).startsWith("Composite schedules must be nested at most " + LIMIT_TEXT);
                assertThat(e).isInstanceOf(java.io.IOException.class).hasRootCauseInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void upToTheLimitLoadsAndOneMoreFails() throws Exception {
        for (String[] kinds : KINDS) {
            for (int levels : new int[] {LIMIT - 1, LIMIT}) {
                ISchedule s = read(nested(levels, kinds));
                assertThat(read(write(s))).as(Arrays.toString(kinds) + " x " + levels).isEqualTo(s);
                assertThat(s.valueAt(0, 0)).isFinite();
                assertThat(s.toString()).isNotEmpty();
                assertThat(s.hashCode()).isEqualTo(read(write(s)).hashCode());
            }
            String tooDeep = nested(LIMIT + 1, kinds);
            assertFailsNaming(Arrays.toString(kinds) + " x " + (LIMIT + 1), () -> read(tooDeep),
                    "Received: nesting depth 65 at " + kinds[LIMIT % kinds.length]);
        }
    }

    @Test
    void theLimitHoldsInsideWholeDl4jConfigurations() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Sgd(new ScaledSchedule(LEAF, 0.5)))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        String confJson = conf.toJson();
        String layerJson = conf.getConf(0).toJson();
        String graphJson = new NeuralNetConfiguration.Builder()
                .updater(new Sgd(new ScaledSchedule(LEAF, 0.5)))
                .graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build(), "in")
                .setOutputs("out")
                .build().toJson();
        for (String[] kinds : KINDS) {
            String ok = nested(LIMIT, kinds);
            assertThat(MultiLayerConfiguration.fromJson(replaceSchedule(confJson, ok)).toJson()).isNotEmpty();
            assertThat(NeuralNetConfiguration.fromJson(replaceSchedule(layerJson, ok))).isNotNull();
            assertThat(ComputationGraphConfiguration.fromJson(replaceSchedule(graphJson, ok))).isNotNull();
            for (int levels : new int[] {LIMIT + 1, 5_000, 100_000}) {
                String deep = nested(levels, kinds);
                String what = Arrays.toString(kinds) + " x " + levels;
                Throwable e = assertFailsNaming("MultiLayerConfiguration " + what,
                        () -> MultiLayerConfiguration.fromJson(replaceSchedule(confJson, deep)), LIMIT_TEXT);
                assertThat(e.getMessage()).as("DL4J's RuntimeException names the limit itself").contains(LIMIT_TEXT);
                Throwable layer = assertFailsNaming("NeuralNetConfiguration " + what,
                        () -> NeuralNetConfiguration.fromJson(replaceSchedule(layerJson, deep)), LIMIT_TEXT);
                assertThat(layer.getMessage()).contains(LIMIT_TEXT);
                Throwable graph = assertFailsNaming("ComputationGraphConfiguration " + what,
                        () -> ComputationGraphConfiguration.fromJson(replaceSchedule(graphJson, deep)), LIMIT_TEXT);
                assertThat(graph.getMessage()).contains(LIMIT_TEXT);
            }
        }
    }

    /** Replaces every {@code "learningRateSchedule"} object of DL4J's pretty-printed JSON by {@code schedule}. */
    private static String replaceSchedule(String dl4jJson, String schedule) {
        String key = "\"learningRateSchedule\" : ";
        StringBuilder out = new StringBuilder();
        int from = 0;
        int start = dl4jJson.indexOf(key);
        assertThat(start).isPositive();
        while (start >= 0) {
            start += key.length();
            assertThat(dl4jJson.charAt(start)).isEqualTo('{');
            int open = 0;
            int end = start;
            do {
                char c = dl4jJson.charAt(end++);
                open += c == '{' ? 1 : c == '}' ? -1 : 0;
            } while (open > 0);
            out.append(dl4jJson, from, start).append(schedule);
            from = end;
            start = dl4jJson.indexOf(key, end);
        }
        return out.append(dl4jJson.substring(from)).toString();
    }

    // ---- nesting depth: Java API ----------------------------------------------------------------------------

    @Test
    void constructorsRejectNestingPastTheLimit() {
        ISchedule s = LEAF;
        for (int i = 1; i <= LIMIT; i++) {
            s = i % 2 == 0 ? WarmupSchedule.linear(ScheduleType.ITERATION, 2, 0.0, s)
                    : SequentialSchedule.of(ScheduleType.ITERATION, LEAF, 3, s);
            assertThat(ScheduleNesting.depth(s)).isEqualTo(i);
        }
        ISchedule atLimit = s;
        assertThat(atLimit.valueAt(1000, 0)).isFinite();
        assertThat(atLimit).isEqualTo(atLimit).hasSameHashCodeAs(atLimit);
        assertThat(atLimit.toString()).contains("WarmupSchedule");
        List<ThrowingRunnable> oneMore = List.of(
                () -> new ScaledSchedule(atLimit, 0.5),
                () -> WarmupSchedule.linear(ScheduleType.ITERATION, 2, 0.0, atLimit),
                () -> NoisySchedule.builder(ScheduleType.ITERATION, atLimit).build(),
                () -> SequentialSchedule.of(ScheduleType.ITERATION, LEAF, 3, atLimit));
        for (ThrowingRunnable r : oneMore) {
            Throwable e = assertFailsNaming("one level more", r, LIMIT_TEXT);
            assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: nesting depth 65");
        }
    }

    @Test
    void scalingAScaledScheduleFoldsTheFactorSoRepeatedReductionsNeverNest() {
        ScaledSchedule s = new ScaledSchedule(LEAF, 1.0);
        for (int i = 0; i < 100_000; i++) {
            s = new ScaledSchedule(s, 1.0).scaledBy(1.0);
        }
        assertThat(ScheduleNesting.depth(s)).isEqualTo(1);
    }

    @Test
    void everyExampleClassThatHoldsAScheduleIsCountedAsAComposite() {
        for (ISchedule s : ScheduleExamples.all().values()) {
            boolean holdsSchedule = Arrays.stream(s.getClass().getDeclaredFields())
                    .anyMatch(f -> ISchedule.class.isAssignableFrom(f.getType())
                            || f.getGenericType().getTypeName().contains(ISchedule.class.getName()));
            assertThat(ScheduleNesting.depth(s) > 0).as(s.getClass().getSimpleName()).isEqualTo(holdsSchedule);
        }
    }

    // ---- unknown and repeated fields ------------------------------------------------------------------------

    @Test
    void aMisspelledFieldIsAnErrorNamingTheFieldTheClassAndTheAcceptedFields() throws Exception {
        String json = write(new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.1, 0.001, 20))
                .replace("\"minValue\"", "\"minvalue\"");
        assertFailsNaming(json, () -> read(json), "CosineAnnealingSchedule: unknown field `minvalue`; accepted fields: "
                + "afterEnd, initialValue, minValue, period, scheduleType");
    }

    @Test
    void everyFieldOfEveryExampleRenamedByOneCharacterIsRefused() throws Exception {
        int checked = 0;
        for (Map.Entry<String, ISchedule> e : ScheduleExamples.all().entrySet()) {
            ObjectNode tree = (ObjectNode) JsonMappers.getMapper().readTree(write(e.getValue()));
            String cls = e.getValue().getClass().getSimpleName();
            List<String> names = new ArrayList<>();
            tree.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (name.equals("@class")) {
                    continue;
                }
                String typo = name.substring(0, name.length() - 1); // "period" -> "perio"
                ObjectNode copy = tree.deepCopy();
                JsonNode value = copy.remove(name);
                copy.set(typo, value);
                String json = write(copy);
                assertFailsNaming(e.getKey(), () -> read(json), cls + ": unknown field `" + typo + "`; accepted fields: ");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void everyFieldOfEveryExampleRepeatedIsRefused() throws Exception {
        for (Map.Entry<String, ISchedule> e : ScheduleExamples.all().entrySet()) {
            String json = write(e.getValue());
            JsonNode tree = JsonMappers.getMapper().readTree(json);
            String cls = e.getValue().getClass().getSimpleName();
            tree.fieldNames().forEachRemaining(name -> {
                String repeated = json.substring(0, json.length() - 1) + ",\"" + name + "\":"
                        + tree.get(name).toString() + "}";
                String expected = cls + ": duplicate field `" + name + "`";
                assertFailsNaming(e.getKey() + " " + name, () -> read(repeated), expected);
            });
        }
    }

    /** Regression: a repeat after every constructor field was written straight into the final field. */
    @Test
    void aRepeatedFieldCannotSlipPastTheConstructorsValidation() {
        String json = "{\"@class\":\"dev.lrsched.schedules.CosineAnnealingSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"initialValue\":0.1,\"minValue\":0.0,\"period\":10,\"afterEnd\":\"HOLD\",\"period\":-5}";
        assertFailsNaming(json, () -> read(json), "CosineAnnealingSchedule: duplicate field `period`");
        String linear = "{\"@class\":\"dev.lrsched.schedules.LinearSchedule\",\"initialValue\":0.1,\"initialValue\":5}";
        assertFailsNaming(linear, () -> read(linear), "LinearSchedule: duplicate field `initialValue`");
    }

    @Test
    void unknownAndRepeatedFieldsAreFoundInsideCompositesAndWholeDl4jConfigurations() throws Exception {
        String leaf = write(LEAF);
        String typo = leaf.replace("\"endFactor\"", "\"end_factor\"");
        assertThat(typo).isNotEqualTo(leaf);
        String scaled = write(new ScaledSchedule(WarmupSchedule.linear(ScheduleType.ITERATION, 2, 0.0, LEAF), 0.5));
        assertFailsNaming("nested typo", () -> read(scaled.replace(leaf, typo)), "LinearSchedule: unknown field `end_factor`");
        String outerTypo = scaled.replace("\"factor\"", "\"factr\"");
        assertFailsNaming("outer typo", () -> read(outerTypo), "ScaledSchedule: unknown field `factr`");
        String classTwice = scaled.replace(leaf, leaf.replace("}", ",\"@class\":\"dev.lrsched.schedules.ScaledSchedule\"}"));
        assertFailsNaming("@class twice", () -> read(classTwice), "LinearSchedule: duplicate field `@class`");

        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Sgd(LEAF))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        String json = conf.toJson();
        assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(conf);
        assertFailsNaming("conf typo", () -> MultiLayerConfiguration.fromJson(replaceSchedule(json, typo)),
                "LinearSchedule: unknown field `end_factor`");
        String twice = leaf.substring(0, leaf.length() - 1) + ",\"endFactor\":0.9}";
        assertFailsNaming("conf duplicate", () -> MultiLayerConfiguration.fromJson(replaceSchedule(json, twice)),
                "LinearSchedule: duplicate field `endFactor`");
    }

    @Test
    void dl4jsOwnClassesKeepIgnoringUnknownFields() throws Exception {
        String step = write(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 3));
        String withExtra = step.substring(0, step.length() - 1) + ",\"somethingElse\":1}";
        assertThat(read(withExtra)).isEqualTo(new StepSchedule(ScheduleType.ITERATION, 0.1, 0.5, 3));
    }
}
