package dev.lrsched.schedules.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.schedules.FunctionSchedule;
import dev.lrsched.schedules.LambdaSchedule;
import dev.lrsched.schedules.testing.ScheduleExamples;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.serde.JsonMappers;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Specification: loading JSON that holds lrsched schedules (a DL4J configuration, a ModelSerializer
 * zip's configuration.json) only runs Jackson's normal {@code "@class"} handling and the schedules'
 * constructors, which do arithmetic and validation. Every malformed document is refused with an error
 * that carries the constructor's message (field, value, allowed range); a {@code "@class"} naming a
 * class that is not an {@link ISchedule} / {@code ScheduleFunction} is refused by Jackson's subtype
 * check before anything is constructed.
 */
class UntrustedJsonTest {

    private static final String P = "dev.lrsched.schedules.";

    private static ISchedule read(String json) throws Exception {
        return JsonMappers.getMapper().readValue(json, ISchedule.class);
    }

    private static String cosine(String initialValue, String minValue, String period) {
        return "{\"@class\":\"" + P + "CosineAnnealingSchedule\",\"scheduleType\":\"ITERATION\",\"initialValue\":"
                + initialValue + ",\"minValue\":" + minValue + ",\"period\":" + period + "}";
    }

    private static String lambda(String expression) {
        return "{\"@class\":\"" + P + "LambdaSchedule\",\"scheduleType\":\"EPOCH\",\"initialValue\":0.1,"
                + "\"expression\":\"" + expression + "\"}";
    }

    @Test
    void everyExampleScheduleLoadsFromDl4jJsonToAnEqualSchedule() throws Exception {
        for (ISchedule s : ScheduleExamples.all().values()) {
            if (s instanceof FunctionSchedule) {
                continue; // its named function class round-trips too, see FunctionScheduleTest
            }
            String json = JsonMappers.getMapper().writeValueAsString(s);
            assertThat(read(json)).isEqualTo(s);
        }
    }

    @Test
    void malformedScheduleJsonFailsWithTheConstructorsMessage() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {cosine("0.1", "0.0", "-1"), "period must be > 0, got -1"});
        cases.add(new String[] {cosine("\"NaN\"", "0.0", "10"), "initialValue must be finite and >= 0, got NaN"});
        cases.add(new String[] {cosine("\"Infinity\"", "0.0", "10"),
                "initialValue must be finite and >= 0, got Infinity"});
        cases.add(new String[] {cosine("0.1", "0.5", "10"), "minValue must be in [0.0, 0.1], got 0.5"});
        cases.add(new String[] {"{\"@class\":\"" + P + "CosineAnnealingSchedule\"}", "scheduleType must not be null"});
        cases.add(new String[] {lambda("exec(step)"), "uses unknown variable or function 'exec'"});
        cases.add(new String[] {lambda("java.lang.Runtime.getRuntime().exec(1)"),
                "uses unknown variable or function 'java.lang.Runtime.getRuntime'"});
        cases.add(new String[] {lambda("1 / epoch"), "must give a finite value >= 0 at iteration 0, epoch 0"});
        cases.add(new String[] {lambda(""), "expression must not be blank"});
        cases.add(new String[] {"{\"@class\":\"" + P + "SequentialSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"schedules\":[],\"boundaries\":[]}", "schedules must contain at least 1 schedule, got 0"});
        cases.add(new String[] {"{\"@class\":\"" + P + "ScaledSchedule\",\"factor\":0.5}", "schedule must not be null"});
        cases.add(new String[] {"{\"@class\":\"" + P + "OneCycleSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"maxValue\":0.1,\"totalSteps\":100,\"pctStart\":1.5,\"annealStrategy\":\"COS\",\"divFactor\":25,"
                + "\"finalDivFactor\":10000,\"threePhase\":false}", "pctStart must be in (0.0, 1.0), got 1.5"});
        cases.add(new String[] {"{\"@class\":\"" + P + "FunctionSchedule\",\"scheduleType\":\"EPOCH\","
                + "\"initialValue\":0.1}", "function must not be null"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> read(c[0])).as(c[0]).hasStackTraceContaining(c[1]);
        }
    }

    @Test
    void unknownEnumConstantsAreRefusedByJackson() {
        assertThatThrownBy(() -> read(cosine("0.1", "0.0", "10").replace("ITERATION", "HOURLY")))
                .hasMessageContaining("HOURLY");
    }

    @Test
    void aClassThatIsNotAScheduleFunctionIsRefusedByJacksonsSubtypeCheck() {
        for (String hostile : new String[] {"java.lang.ProcessBuilder", "java.io.File", "java.net.URL",
                "javax.script.ScriptEngineManager"}) {
            String json = "{\"@class\":\"" + P + "FunctionSchedule\",\"scheduleType\":\"EPOCH\",\"initialValue\":0.1,"
                    + "\"function\":{\"@class\":\"" + hostile + "\",\"command\":[\"touch\",\"/tmp/pwned\"]}}";
            assertThatThrownBy(() -> read(json)).as(hostile).hasMessageContaining("Not a subtype");
        }
    }

    @Test
    void aClassThatIsNotAnIScheduleIsRefusedAtTopLevelAndInsideComposites() {
        String processBuilder = "{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/pwned\"]}";
        assertThatThrownBy(() -> read(processBuilder)).hasMessageContaining("Not a subtype");
        String inSequential = "{\"@class\":\"" + P + "SequentialSchedule\",\"scheduleType\":\"ITERATION\","
                + "\"schedules\":[" + processBuilder + "],\"boundaries\":[]}";
        assertThatThrownBy(() -> read(inSequential)).hasMessageContaining("Not a subtype");
        String inScaled = "{\"@class\":\"" + P + "ScaledSchedule\",\"factor\":0.5,\"schedule\":" + processBuilder + "}";
        assertThatThrownBy(() -> read(inScaled)).hasMessageContaining("Not a subtype");
    }

    @Test
    void aWholeDl4jConfigurationWithABadScheduleFailsToLoadNamingTheProblem() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Sgd(new LambdaSchedule(ScheduleType.EPOCH, 0.1, "0.5 ^ epoch")))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        String json = conf.toJson();
        assertThat(MultiLayerConfiguration.fromJson(json)).isEqualTo(conf);
        String hostile = json.replace("0.5 ^ epoch", "exec(epoch)");
        assertThat(hostile).isNotEqualTo(json);
        assertThatThrownBy(() -> MultiLayerConfiguration.fromJson(hostile))
                .hasStackTraceContaining("uses unknown variable or function 'exec'");
    }
}
