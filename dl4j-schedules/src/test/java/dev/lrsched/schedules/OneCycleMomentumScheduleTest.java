package dev.lrsched.schedules;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertFiniteNonNegativeEverywhere;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertJsonFields;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRejected;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static dev.lrsched.schedules.testing.ScheduleAssertions.assertSurvivesDl4j;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ScheduleType;

class OneCycleMomentumScheduleTest {

    private static final ScheduleType IT = ScheduleType.ITERATION;

    // tools/reference/torch_cycle_momentum.py (torch 1.13): SGD(momentum=0.5) param group's lr and momentum read
    // before the t-th scheduler.step() of OneCycleLR(..., cycle_momentum=True).

    /** OneCycleLR(max_lr=0.1, total_steps=20, pct_start=0.25) [cos, base_momentum=0.85, max_momentum=0.95]. */
    private static final double[] COS_LR = {0.0040000000000000036, 0.018058874503045733, 0.052000000000000005,
        0.08594112549695429, 0.1, 0.09890738440717015, 0.09567729017303851, 0.0904508879153485, 0.08345659649182165,
        0.0750001, 0.0654509879153485, 0.05522660225769002, 0.04477379774230999, 0.03454941208465151,
        0.025000300000000013, 0.01654380350817838, 0.009549512084651508, 0.0043231098269614805, 0.0010930155928298624,
        4e-07};
    private static final double[] COS_MOMENTUM = {0.95, 0.9353553390593273, 0.8999999999999999, 0.8646446609406726,
        0.85, 0.8510926199633096, 0.8543227271178699, 0.8595491502812526, 0.8665434696820571, 0.875,
        0.8845491502812526, 0.8947735768366173, 0.9052264231633826, 0.9154508497187474, 0.9249999999999999,
        0.9334565303179428, 0.9404508497187474, 0.94567727288213, 0.9489073800366903, 0.95};

    /** OneCycleLR(max_lr=1.0, total_steps=17, pct_start=0.3, anneal_strategy='linear', base_momentum=0.8, max_momentum=0.9). */
    private static final double[] LINEAR_LR = {0.04, 0.27414634146341466, 0.5082926829268293, 0.742439024390244,
        0.9765853658536586, 0.9243700504201681, 0.8403367731092437, 0.7563034957983193, 0.672270218487395,
        0.5882369411764705, 0.5042036638655463, 0.4201703865546218, 0.33613710924369755, 0.2521038319327731,
        0.16807055462184872, 0.08403727731092436, 4.000000000004e-06};
    private static final double[] LINEAR_MOMENTUM = {0.9, 0.875609756097561, 0.8512195121951219, 0.826829268292683,
        0.802439024390244, 0.807563025210084, 0.8159663865546218, 0.8243697478991597, 0.8327731092436975,
        0.8411764705882353, 0.8495798319327732, 0.857983193277311, 0.8663865546218488, 0.8747899159663866,
        0.8831932773109243, 0.8915966386554622, 0.9};

    /** OneCycleLR(max_lr=0.1, total_steps=23, pct_start=0.3, three_phase=True) [cos, 0.85, 0.95]. */
    private static final double[] THREE_COS_LR = {0.0040000000000000036, 0.010645404093097319, 0.028741558224032807,
        0.0532777850290132, 0.07746020358974766, 0.09459289960271544, 0.09993196939248457, 0.09199906811596072,
        0.07299075138202506, 0.048170266933452, 0.024410204309708458, 0.00828953090296416, 0.003996207036808341,
        0.00386495796436283, 0.003558205332936435, 0.0031048194729264194, 0.002547471247546151, 0.0019386160418993705,
        0.0013355568720005765, 0.0007950512541687633, 0.000367969414670028, 9.450658754577244e-05, 4e-07};
    private static final double[] THREE_COS_MOMENTUM = {0.95, 0.9430777040696903, 0.9242275435166325,
        0.8986689739281112, 0.8734789545940128, 0.8556323962471714, 0.8500708652161619, 0.8583343040458742,
        0.8781346339770573, 0.9039893052776541, 0.9287393705107203, 0.9455317386427456, 0.95, 0.95, 0.95, 0.95, 0.95,
        0.95, 0.95, 0.95, 0.95, 0.95, 0.95};

    /** OneCycleLR(max_lr=0.1, total_steps=14, pct_start=0.3, anneal_strategy='linear', three_phase=True) [0.85, 0.95]. */
    private static final double[] THREE_LINEAR_LR = {0.004, 0.034, 0.064, 0.094, 0.07600000000000001,
        0.04600000000000001, 0.016000000000000014, 0.0036364, 0.0030304000000000004, 0.0024244, 0.0018184000000000004,
        0.0012124000000000006, 0.0006064, 4.0000000000022656e-07};
    private static final double[] THREE_LINEAR_MOMENTUM = {0.95, 0.91875, 0.8875, 0.85625, 0.875, 0.90625, 0.9375,
        0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95};

    private static void assertMatchesTorch(OneCycleSchedule lr, OneCycleMomentumSchedule momentum,
                                           double[] torchLr, double[] torchMomentum) {
        assertThat(torchLr).hasSize(lr.getTotalSteps());
        for (int t = 0; t < torchLr.length; t++) {
            assertRelClose(torchLr[t], lr.valueAt(t, 0), "lr t=" + t);
            assertRelClose(torchMomentum[t], momentum.valueAt(t, 0), "momentum t=" + t);
        }
    }

    @Test
    void cosTwoPhaseMatchesTorchWithItsDefaultMomenta() {
        OneCycleSchedule lr = OneCycleSchedule.builder(0.1, 20).pctStart(0.25).build();
        assertMatchesTorch(lr, lr.momentum(), COS_LR, COS_MOMENTUM);
    }

    @Test
    void linearTwoPhaseMatchesTorchWithOtherMomenta() {
        OneCycleSchedule lr = OneCycleSchedule.builder(1.0, 17).pctStart(0.3).annealStrategy(AnnealStrategy.LINEAR).build();
        assertMatchesTorch(lr, lr.momentum(0.8, 0.9), LINEAR_LR, LINEAR_MOMENTUM);
    }

    @Test
    void threePhaseMatchesTorchAndHoldsMaxMomentumInTheLastPhase() {
        OneCycleSchedule cos = OneCycleSchedule.builder(0.1, 23).pctStart(0.3).threePhase(true).build();
        assertMatchesTorch(cos, cos.momentum(), THREE_COS_LR, THREE_COS_MOMENTUM);
        OneCycleSchedule linear = OneCycleSchedule.builder(0.1, 14).pctStart(0.3).annealStrategy(AnnealStrategy.LINEAR)
                .threePhase(true).build();
        assertMatchesTorch(linear, linear.momentum(), THREE_LINEAR_LR, THREE_LINEAR_MOMENTUM);
        for (int t = 12; t < 23; t++) {
            assertThat(cos.momentum().valueAt(t, 0)).as("t=%s", t).isEqualTo(0.95);
        }
    }

    @Test
    void momentumIsBuiltFromTheLearningRateSchedulesPhases() {
        OneCycleSchedule lr = OneCycleSchedule.builder(0.3, 40).scheduleType(ScheduleType.EPOCH).pctStart(0.4)
                .annealStrategy(AnnealStrategy.LINEAR).divFactor(10).finalDivFactor(100).threePhase(true).build();
        assertThat(lr.momentum(0.7, 0.99))
                .isEqualTo(new OneCycleMomentumSchedule(ScheduleType.EPOCH, 40, 0.4, AnnealStrategy.LINEAR, true, 0.7, 0.99));
        assertThat(lr.momentum()).isEqualTo(lr.momentum(0.85, 0.95));
        assertThat(OneCycleMomentumSchedule.DEFAULT_BASE_MOMENTUM).isEqualTo(0.85);
        assertThat(OneCycleMomentumSchedule.DEFAULT_MAX_MOMENTUM).isEqualTo(0.95);
    }

    @Test
    void momentumIsLowestExactlyWhereTheLearningRateIsHighest() {
        OneCycleSchedule lr = OneCycleSchedule.builder(0.1, 100).pctStart(0.25).build(); // peak at step 24
        OneCycleMomentumSchedule m = lr.momentum();
        assertThat(lr.valueAt(24, 0)).isEqualTo(0.1);
        assertThat(m.valueAt(24, 0)).isEqualTo(0.85);
        assertThat(m.valueAt(0, 0)).isEqualTo(0.95);
        assertThat(m.valueAt(99, 0)).isEqualTo(0.95);
        for (int t = 1; t < 100; t++) {
            boolean lrUp = lr.valueAt(t, 0) > lr.valueAt(t - 1, 0);
            boolean momentumDown = m.valueAt(t, 0) < m.valueAt(t - 1, 0);
            assertThat(momentumDown).as("t=%s", t).isEqualTo(lrUp);
        }
    }

    @Test
    void holdsTheFinalValueAfterTheLastStepAndReadsCountersUnsigned() {
        OneCycleMomentumSchedule m = OneCycleSchedule.builder(0.1, 20).pctStart(0.25).build().momentum(0.8, 0.9);
        double last = m.valueAt(19, 0);
        assertThat(last).isEqualTo(0.9);
        for (int t : new int[] {20, 1000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            assertThat(m.valueAt(t, 0)).as("t=%s", t).isEqualTo(last);
        }
        assertThat(m).isInstanceOf(ReadsUnsignedCounters.class);
        assertFiniteNonNegativeEverywhere(m);
        assertFiniteNonNegativeEverywhere(OneCycleSchedule.builder(0.1, 7).threePhase(true).pctStart(0.4).build().momentum(0, 1));
    }

    @Test
    void epochTypeReadsTheEpochCounter() {
        OneCycleMomentumSchedule m = OneCycleSchedule.builder(0.1, 20).pctStart(0.25).scheduleType(ScheduleType.EPOCH)
                .build().momentum();
        assertThat(m.valueAt(0, 4)).isEqualTo(0.85);
        assertThat(m.valueAt(4, 0)).isEqualTo(0.95);
    }

    @Test
    void rejectsBadParametersNamingThem() {
        OneCycleSchedule lr = OneCycleSchedule.builder(0.1, 100).build();
        assertRejected("baseMomentum must be in [0.0, 1.0], got -0.1", () -> lr.momentum(-0.1, 0.9));
        assertRejected("baseMomentum must be in [0.0, 1.0], got NaN", () -> lr.momentum(Double.NaN, 0.9));
        assertRejected("maxMomentum must be in [0.0, 1.0], got 1.5", () -> lr.momentum(0.8, 1.5));
        assertRejected("maxMomentum must be in [0.0, 1.0], got Infinity", () -> lr.momentum(0.8, Double.POSITIVE_INFINITY));
        assertRejected("scheduleType must not be null",
                () -> new OneCycleMomentumSchedule(null, 100, 0.3, AnnealStrategy.COS, false, 0.85, 0.95));
        assertRejected("totalSteps must be > 0, got 0",
                () -> new OneCycleMomentumSchedule(IT, 0, 0.3, AnnealStrategy.COS, false, 0.85, 0.95));
        assertRejected("pctStart must be in (0.0, 1.0), got 1.0",
                () -> new OneCycleMomentumSchedule(IT, 100, 1.0, AnnealStrategy.COS, false, 0.85, 0.95));
        assertRejected("annealStrategy must not be null",
                () -> new OneCycleMomentumSchedule(IT, 100, 0.3, null, false, 0.85, 0.95));
        assertRejected("totalSteps * pctStart must be > 1 so that the warm-up phase (ending at step totalSteps * "
                        + "pctStart - 1) has a positive length, got totalSteps=10, pctStart=0.1",
                () -> new OneCycleMomentumSchedule(IT, 10, 0.1, AnnealStrategy.COS, false, 0.85, 0.95));
        assertRejected("with threePhase, 2 * totalSteps * pctStart - 2 must be < totalSteps - 1 so that the last "
                        + "phase has a positive length, got totalSteps=10, pctStart=0.55",
                () -> new OneCycleMomentumSchedule(IT, 10, 0.55, AnnealStrategy.COS, true, 0.85, 0.95));
        // torch allows base above max (the momentum then rises with the LR); so does lrsched.
        assertThat(lr.momentum(0.95, 0.85).valueAt(0, 0)).isEqualTo(0.85);
    }

    @Test
    void equalsAndHashCodeCompareEveryField() {
        AnnealStrategy cos = AnnealStrategy.COS;
        new EqualsTester()
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.3, cos, false, 0.85, 0.95),
                        OneCycleSchedule.builder(0.1, 100).build().momentum(),
                        OneCycleSchedule.builder(0.5, 100).divFactor(3).build().momentum())
                .addEqualityGroup(new OneCycleMomentumSchedule(ScheduleType.EPOCH, 100, 0.3, cos, false, 0.85, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 101, 0.3, cos, false, 0.85, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.4, cos, false, 0.85, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.3, AnnealStrategy.LINEAR, false, 0.85, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.3, cos, true, 0.85, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.3, cos, false, 0.8, 0.95))
                .addEqualityGroup(new OneCycleMomentumSchedule(IT, 100, 0.3, cos, false, 0.85, 0.9))
                .testEquals();
        assertThat(OneCycleSchedule.builder(0.1, 100).build().momentum()).hasToString("OneCycleMomentumSchedule("
                + "scheduleType=ITERATION, totalSteps=100, pctStart=0.3, annealStrategy=COS, threePhase=false,"
                + " baseMomentum=0.85, maxMomentum=0.95)");
    }

    @Test
    void survivesDl4jJsonModelSerializerAndJavaSerialization() {
        assertSurvivesDl4j(OneCycleSchedule.builder(0.1, 20).pctStart(0.25).build().momentum());
        assertSurvivesDl4j(OneCycleSchedule.builder(0.1, 23).annealStrategy(AnnealStrategy.LINEAR).threePhase(true)
                .build().momentum(0.8, 0.9));
        assertJsonFields(OneCycleSchedule.builder(0.1, 20).build().momentum(), "scheduleType", "totalSteps", "pctStart",
                "annealStrategy", "threePhase", "baseMomentum", "maxMomentum");
    }

    @Test
    void nesterovsKeepsBothSchedulesThroughJsonAndModelSerializer() throws IOException {
        OneCycleSchedule lr = OneCycleSchedule.builder(0.1, 20).pctStart(0.25).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .updater(new Nesterovs(lr, lr.momentum()))
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        Nesterovs fromJson = (Nesterovs) ((BaseLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0)
                .getLayer()).getIUpdater();
        assertThat(fromJson.getLearningRateSchedule()).isEqualTo(lr);
        assertThat(fromJson.getMomentumISchedule()).isEqualTo(lr.momentum());

        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        Nesterovs updater = (Nesterovs) ((BaseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater();
        assertThat(updater.getMomentumISchedule()).isEqualTo(lr.momentum());
        assertThat(updater.currentMomentum(4, 0)).isEqualTo(0.85);
    }
}
