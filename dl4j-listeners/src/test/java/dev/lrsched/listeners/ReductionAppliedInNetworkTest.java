package dev.lrsched.listeners;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.TestNets.Scripted;
import dev.lrsched.listeners.plateau.PlateauStep;
import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.testing.AppliedLearningRate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * After a plateau reduction, the learning rate DL4J <em>actually applies</em> (recovered from every step's
 * parameter change by {@link AppliedLearningRate}, never from {@code getLearningRate}) is
 * {@code factor^k x} the configured learning rate at DL4J's counters, where {@code k} is the number of
 * reductions so far: for Sgd, Nesterovs and Adam, a fixed LR and ITERATION / EPOCH schedules, in a
 * MultiLayerNetwork and a ComputationGraph trained with {@code fit(iterator, nEpochs)}. Double precision,
 * so the recovered value is checked to its rounding bound ({@link AppliedLearningRate.Estimate#agreesWith}).
 *
 * <p>Expected reduction points are PyTorch 1.13's: {@code ReduceLROnPlateau(SGD([p], lr=0.1), factor=0.3,
 * patience=1)} stepped with {@code [1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]} reduces at steps 4 and 6; stepped with a
 * constant metric it reduces at steps 3, 5, 7, 9.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReductionAppliedInNetworkTest {

    /** Not a power of two, so a factor applied twice or not at all cannot pass for it. */
    private static final double FACTOR = 0.3;
    private static final int EPOCHS = 7;
    private static final int BATCHES = 3;
    private static final double[] PLATEAU = {1.0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9};

    enum Lr { FIXED, ITERATION_SCHEDULE, EPOCH_SCHEDULE }

    enum Kind { SGD, NESTEROVS, ADAM }

    static Stream<Arguments> cases() {
        return cases(Lr.values());
    }

    /** A fixed LR and an ITERATION schedule: an EPOCH schedule cannot move inside an epoch. */
    static Stream<Arguments> midEpochCases() {
        return cases(Lr.FIXED, Lr.ITERATION_SCHEDULE);
    }

    private static Stream<Arguments> cases(Lr... lrs) {
        List<Arguments> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            for (Lr lr : lrs) {
                for (boolean graph : new boolean[] {false, true}) {
                    out.add(Arguments.of(k, lr, graph));
                }
            }
        }
        return out.stream();
    }

    private static double base(Kind kind) {
        return kind == Kind.SGD ? 0.1 : kind == Kind.NESTEROVS ? 0.05 : 0.01;
    }

    /** The configured learning rate as a schedule (a fixed LR is a constant one). */
    private static ISchedule configured(Kind kind, Lr lr) {
        double b = base(kind);
        switch (lr) {
            case ITERATION_SCHEDULE:
                return new CosineAnnealingSchedule(ScheduleType.ITERATION, b, b / 10, EPOCHS * BATCHES);
            case EPOCH_SCHEDULE:
                return new CosineAnnealingSchedule(ScheduleType.EPOCH, b, b / 10, EPOCHS);
            default:
                return new org.nd4j.linalg.schedule.FixedSchedule(b);
        }
    }

    private static IUpdater updater(Kind kind, Lr lr) {
        if (lr == Lr.FIXED) {
            double b = base(kind);
            return kind == Kind.SGD ? new Sgd(b) : kind == Kind.NESTEROVS ? new Nesterovs(b, 0.9) : new Adam(b);
        }
        ISchedule s = configured(kind, lr);
        return kind == Kind.SGD ? new Sgd(s) : kind == Kind.NESTEROVS ? new Nesterovs(s, 0.9) : new Adam(s);
    }

    @ParameterizedTest(name = "{0} {1} graph={2}")
    @MethodSource("cases")
    void epochEndReductionsScaleWhatTheUpdaterApplies(Kind kind, Lr lr, boolean graph) {
        Model net = graph ? graph(updater(kind, lr)) : mln(updater(kind, lr));
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net);
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, PLATEAU)).factor(FACTOR).patience(1).build();
        fit(net, l, EPOCHS);

        String what = kind + " " + lr + (graph ? " graph" : " mln");
        assertThat(l.getHistory().stream().map(PlateauStep::isReduced))
                .containsExactly(false, false, false, true, false, true, false);
        assertThat(applied.steps()).as(what).hasSize(EPOCHS * BATCHES);
        ISchedule schedule = configured(kind, lr);
        for (AppliedLearningRate.Step s : applied.steps()) {
            // the evaluation at the end of epoch e precedes every step of epoch e + 1
            double multiplier = multiplier(l.getHistory(), h -> h.getEpoch() < s.epoch());
            assertAppliedEverywhere(what, s, multiplier * schedule.valueAt(s.iteration(), s.epoch()));
        }
        assertThat(applied.steps().get(applied.steps().size() - 1).epoch()).isEqualTo(EPOCHS - 1);
        // the listener reports the same rate at the counters of each evaluation
        for (PlateauStep h : l.getHistory()) {
            double multiplier = multiplier(l.getHistory(), x -> x.getEvaluation() <= h.getEvaluation());
            assertRelClose(multiplier * schedule.valueAt(h.getIteration(), h.getEpoch()), h.getLearningRate(),
                    what + " evaluation " + h.getEvaluation());
        }
    }

    @ParameterizedTest(name = "{0} {1} graph={2}")
    @MethodSource("midEpochCases")
    void midEpochReductionsApplyFromTheNextIteration(Kind kind, Lr lr, boolean graph) {
        Model net = graph ? graph(updater(kind, lr)) : mln(updater(kind, lr));
        AppliedLearningRate applied = AppliedLearningRate.attachTo(net); // before the listener: reads the step first
        ReduceLROnPlateauListener l = ReduceLROnPlateauListener.builder()
                .scoreCalculator(new Scripted(true, 1.0)).evaluateEveryIterations(2).factor(FACTOR).patience(1)
                .build();
        fit(net, l, EPOCHS);

        String what = kind + " " + lr + (graph ? " graph" : " mln");
        // evaluations at iterations 1, 3, 5, ... (3 per 2 epochs); torch reduces at the 3rd, 5th, 7th and 9th
        assertThat(l.getHistory().stream().filter(PlateauStep::isReduced).map(PlateauStep::getIteration))
                .containsExactly(5, 9, 13, 17);
        ISchedule schedule = configured(kind, lr);
        for (AppliedLearningRate.Step s : applied.steps()) {
            double multiplier = multiplier(l.getHistory(), h -> h.getIteration() < s.iteration());
            assertAppliedEverywhere(what, s, multiplier * schedule.valueAt(s.iteration(), s.epoch()));
        }
    }

    /** FACTOR to the power of the number of reductions among the steps {@code counted}. */
    private static double multiplier(List<PlateauStep> history, java.util.function.Predicate<PlateauStep> counted) {
        double m = 1;
        for (PlateauStep h : history) {
            if (h.isReduced() && counted.test(h)) {
                m *= FACTOR;
            }
        }
        return m;
    }

    private static void assertAppliedEverywhere(String what, AppliedLearningRate.Step s, double expected) {
        assertThat(s.byLayer()).as(what).hasSize(2);
        s.byLayer().forEach((layer, estimate) -> assertThat(estimate.agreesWith(expected))
                .as("%s layer %s iteration %d epoch %d: applied %s, expected %s", what, layer, s.iteration(),
                        s.epoch(), estimate, expected)
                .isTrue());
    }

    private static void fit(Model net, ReduceLROnPlateauListener l, int epochs) {
        if (net instanceof MultiLayerNetwork mln) {
            mln.addListeners(l);
            mln.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                    TestNets.data(1, BATCHES, 8), 1), epochs);
        } else {
            ComputationGraph cg = (ComputationGraph) net;
            cg.addListeners(l);
            cg.fit(new org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator<>(
                    TestNets.data(1, BATCHES, 8), 1), epochs);
        }
    }

    /** TestNets' 4-8-3 MLN in double precision (the recovered LR needs it). */
    private static MultiLayerNetwork mln(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** TestNets' CG in -> "dense" -> "out" in double precision. */
    private static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE)
                .updater(updater).graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }
}
