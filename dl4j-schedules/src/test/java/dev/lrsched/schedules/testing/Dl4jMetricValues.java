package dev.lrsched.schedules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The reference values of the validation metrics a plateau front end monitors, computed here directly
 * from the network's outputs with DL4J's own evaluation classes, each through the DL4J method of that name
 * (never through lrsched's metric mapping), so a test comparing a front end's value with these catches a
 * swapped or wrong mapping:
 * <pre>
 *   LOSS       sum over batches of net.score(batch, false) * batch size, / examples  (DataSetLossCalculator(it, true))
 *   ACCURACY   Evaluation.accuracy()      F1   Evaluation.f1()     PRECISION  Evaluation.precision()
 *   RECALL     Evaluation.recall()        AUC  ROCMultiClass(rocThresholdSteps).calculateAverageAUC()
 *   MSE        RegressionEvaluation.averageMeanSquaredError()      MAE  averageMeanAbsoluteError()
 *   RMSE       RegressionEvaluation.averagerootMeanSquaredError()  R2   averageRSquared()
 * </pre>
 * Keys are the metric names (as lrsched's {@code Metric} constants). Usage:
 * {@code double f1 = Dl4jMetricValues.of(net, batches, 0).get("F1");}
 */
public final class Dl4jMetricValues {

    private Dl4jMetricValues() {
    }

    /**
     * Every metric of {@code net} (a MultiLayerNetwork or a single-output ComputationGraph) on {@code batches}.
     *
     * @param rocThresholdSteps AUC's {@code ROCMultiClass} threshold steps; 0 = exact
     */
    public static Map<String, Double> of(Model net, List<DataSet> batches, int rocThresholdSteps) {
        Evaluation classification = new Evaluation();
        ROCMultiClass roc = new ROCMultiClass(rocThresholdSteps);
        RegressionEvaluation regression = new RegressionEvaluation();
        double lossSum = 0;
        long examples = 0;
        for (DataSet d : batches) {
            INDArray out = output(net, d.getFeatures());
            classification.eval(d.getLabels(), out);
            roc.eval(d.getLabels(), out);
            regression.eval(d.getLabels(), out);
            long n = d.getFeatures().size(0);
            lossSum += score(net, d) * n;
            examples += n;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("LOSS", lossSum / examples);
        values.put("ACCURACY", classification.accuracy());
        values.put("F1", classification.f1());
        values.put("PRECISION", classification.precision());
        values.put("RECALL", classification.recall());
        values.put("AUC", roc.calculateAverageAUC());
        values.put("MSE", regression.averageMeanSquaredError());
        values.put("MAE", regression.averageMeanAbsoluteError());
        values.put("RMSE", regression.averagerootMeanSquaredError());
        values.put("R2", regression.averageRSquared());
        return Collections.unmodifiableMap(values);
    }

    /**
     * Fails unless every two values differ by more than {@code relativeGap} of the larger one: a test that
     * compares with these values at a tolerance below the gap then detects any two metrics swapped.
     */
    public static void assertPairwiseDistinct(Map<String, Double> values, double relativeGap) {
        List<Map.Entry<String, Double>> e = new ArrayList<>(values.entrySet());
        for (int i = 0; i < e.size(); i++) {
            assertThat(e.get(i).getValue()).as("%s", e.get(i).getKey()).isFinite();
            for (int j = i + 1; j < e.size(); j++) {
                double a = e.get(i).getValue();
                double b = e.get(j).getValue();
                assertThat(Math.abs(a - b)).as("%s = %s and %s = %s must differ (or a swap goes unnoticed)",
                        e.get(i).getKey(), a, e.get(j).getKey(), b)
                        .isGreaterThan(relativeGap * Math.max(Math.abs(a), Math.abs(b)));
            }
        }
    }

    private static INDArray output(Model net, INDArray features) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.output(features, false);
        }
        return ((ComputationGraph) net).output(false, features)[0];
    }

    private static double score(Model net, DataSet d) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.score(d, false);
        }
        return ((ComputationGraph) net).score(d, false);
    }
}
