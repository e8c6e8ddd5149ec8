package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.metric.EmptyValidationException;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.testing.Dl4jMetricValues;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.earlystopping.scorecalc.ClassificationScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ROCScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.RegressionScoreCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The {@link Metric} to DL4J evaluation mapping, against DL4J's own early-stopping calculators (the reference:
 * what the listener used before the mapping moved into {@code Metric}): bitwise the same value for every metric,
 * on a MultiLayerNetwork with DataSets and a ComputationGraph with MultiDataSets.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MetricSourceTest {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ScoreCalculator<Model> dl4jCalculatorFor(Metric m) {
        switch (m) {
            case LOSS:
                return new DataSetLossCalculator(TestNets.validation(), true);
            case ACCURACY:
            case F1:
            case PRECISION:
            case RECALL:
                return (ScoreCalculator) new ClassificationScoreCalculator(Evaluation.Metric.valueOf(m.name()),
                        TestNets.validation());
            case AUC:
                return (ScoreCalculator) new ROCScoreCalculator(ROCScoreCalculator.ROCType.MULTICLASS,
                        ROCScoreCalculator.Metric.AUC, TestNets.validation());
            default:
                return (ScoreCalculator) new RegressionScoreCalculator(RegressionEvaluation.Metric.valueOf(m.name()),
                        TestNets.validation());
        }
    }

    @Test
    void everyMetricEqualsDl4jsOwnCalculatorBitForBit() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        net.fit(TestNets.train());
        ComputationGraph graph = TestNets.graph(new Sgd(0.1));
        graph.fit(TestNets.train());
        for (Metric m : Metric.values()) {
            double expected = dl4jCalculatorFor(m).calculateScore(net);
            MetricSource source = MetricSource.validation(TestNets.validation(), m);
            assertThat(source.evaluate(net, 1)).as("%s on MLN", m).isEqualTo(expected);
            assertThat(source.evaluate(net, 2)).as("%s again (reset)", m).isEqualTo(expected);
            assertThat(source.direction()).isEqualTo(m.minimize() ? Mode.MIN : Mode.MAX);
            assertThat(source.description()).isEqualTo("validation " + m);
            double expectedCg = dl4jCalculatorFor(m).calculateScore(graph);
            MetricSource multi = MetricSource.validation(new MultiDataSetIteratorAdapter(TestNets.validation()), m);
            assertThat(multi.evaluate(graph, 1)).as("%s on CG from MultiDataSets", m).isEqualTo(expectedCg);
        }
    }

    /**
     * Independent of the name-based lookup above: each metric equals the DL4J method of its name applied to the
     * network's outputs ({@link Dl4jMetricValues}), and the ten values all differ, so two swapped mappings fail.
     */
    @Test
    void everyMetricIsTheDl4jMethodOfItsNameOnTheNetworksOutputs() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        net.fit(TestNets.train());
        ComputationGraph graph = TestNets.graph(new Sgd(0.1));
        graph.fit(TestNets.train());
        Map<String, Double> expected = Dl4jMetricValues.of(net, TestNets.data(2, 2, 8), 0);
        Map<String, Double> expectedCg = Dl4jMetricValues.of(graph, TestNets.data(2, 2, 8), 0);
        Dl4jMetricValues.assertPairwiseDistinct(expected, 1e-6);
        Dl4jMetricValues.assertPairwiseDistinct(expectedCg, 1e-6);
        for (Metric m : Metric.values()) {
            assertThat(MetricSource.validation(TestNets.validation(), m).evaluate(net, 1)).as("%s on MLN", m)
                    .isEqualTo(expected.get(m.name()));
            assertThat(MetricSource.validation(new MultiDataSetIteratorAdapter(TestNets.validation()), m)
                    .evaluate(graph, 1)).as("%s on CG from MultiDataSets", m).isEqualTo(expectedCg.get(m.name()));
        }
    }

    @Test
    void lossHasNoDl4jEvaluation() {
        assertThatThrownBy(Metric.LOSS::newEvaluation).isInstanceOf(IllegalStateException.class)
                .hasMessage("LOSS is the network's score, not a DL4J evaluation");
        assertThat(Metric.AUC.newEvaluation(32)).isInstanceOf(org.nd4j.evaluation.classification.ROCMultiClass.class);
        assertThat(Metric.R2.direction()).isEqualTo(Mode.MAX);
        assertThat(Metric.RMSE.direction()).isEqualTo(Mode.MIN);
    }

    @Test
    void computeNamesTheFailedEvaluationAndLetsEmptyDataThrough() {
        assertThat(MetricSource.compute("Owner", 3, "d", e -> e * 2.0)).isEqualTo(6.0);
        assertThatThrownBy(() -> MetricSource.compute("Owner", 3, "validation LOSS", e -> {
            throw new IllegalArgumentException("boom");
        })).isInstanceOf(IllegalStateException.class)
                .hasMessage("Owner: evaluation #3 (validation LOSS) failed: java.lang.IllegalArgumentException: boom")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricSource.compute("Owner", 3, "d", e -> sneaky(new IOException("io"))))
                .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
        EmptyValidationException empty = new EmptyValidationException("validation data is empty: none");
        assertThatThrownBy(() -> MetricSource.compute("Owner", 3, "d", e -> {
            throw empty;
        })).isSameAs(empty);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> double sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void ownFunctionsAndTheTrainingScoreAreSourcesToo() {
        MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
        MetricSource own = MetricSource.of("my metric", Mode.MAX, m -> 0.75);
        assertThat(own.evaluate(net, 1)).isEqualTo(0.75);
        assertThat(own.direction()).isEqualTo(Mode.MAX);
        assertThatThrownBy(() -> MetricSource.of("x", Mode.AUTO, m -> 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("direction must be MIN or MAX, got AUTO");
        MetricSource training = MetricSource.trainingScore();
        assertThat(training.direction()).isEqualTo(Mode.MIN);
        assertThat(training.evaluate(net, 1)).as("no iteration seen: model.score()").isEqualTo(net.score());
    }
}
