package dev.lrsched.spark;

import dev.lrsched.listeners.metric.EmptyValidationException;
import dev.lrsched.listeners.metric.Metric;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.impl.common.reduce.LongDoubleReduceFunction;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.graph.scoring.ScoreFlatMapFunctionCGDataSet;
import org.deeplearning4j.spark.impl.graph.scoring.ScoreFlatMapFunctionCGMultiDataSet;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.multilayer.scoring.ScoreFlatMapFunction;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import scala.Tuple2;

/**
 * A {@link Metric} of a validation RDD through DL4J Spark evaluation: {@link Metric#LOSS} as the average loss per
 * example (DL4J's scoring functions, on a broadcast copy of the parameters), every other metric as
 * {@code metric.valueOf(sparkNet.doEvaluation(rdd, metric.newEvaluation(ROC_THRESHOLD_STEPS), batch))}, so the
 * metric-to-evaluation mapping is the listener's. Evaluated on the driver's network as it is now.
 */
final class SparkMetrics {

    /** Threshold steps of the AUC metric's {@code ROCMultiClass} (DL4J Spark's default). */
    static final int ROC_THRESHOLD_STEPS = SparkDl4jMultiLayer.DEFAULT_ROC_THRESHOLD_STEPS;

    private SparkMetrics() {
    }

    static double of(Metric metric, SparkDl4jMultiLayer net, JavaRDD<DataSet> rdd, long evaluation) {
        if (metric == Metric.LOSS) {
            String json = net.getNetwork().getLayerWiseConfigurations().toJson();
            return averageLoss(rdd, net.getNetwork(), evaluation, p -> rdd.mapPartitions(
                    new ScoreFlatMapFunction(json, p, SparkDl4jMultiLayer.DEFAULT_EVAL_SCORE_BATCH_SIZE))
                    .map(t -> new Tuple2<>((long) t._1(), t._2())));
        }
        return metric.valueOf(merged(net.doEvaluation(rdd, metric.newEvaluation(ROC_THRESHOLD_STEPS),
                SparkDl4jMultiLayer.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
    }

    static double of(Metric metric, SparkComputationGraph net, JavaRDD<DataSet> rdd, long evaluation) {
        if (metric == Metric.LOSS) {
            String json = net.getNetwork().getConfiguration().toJson();
            return averageLoss(rdd, net.getNetwork(), evaluation, p -> rdd.mapPartitions(
                    new ScoreFlatMapFunctionCGDataSet(json, p, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
        }
        return metric.valueOf(merged(net.doEvaluation(rdd, metric.newEvaluation(ROC_THRESHOLD_STEPS),
                SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
    }

    static double ofMultiDataSet(Metric metric, SparkComputationGraph net, JavaRDD<MultiDataSet> rdd, long evaluation) {
        if (metric == Metric.LOSS) {
            String json = net.getNetwork().getConfiguration().toJson();
            return averageLoss(rdd, net.getNetwork(), evaluation, p -> rdd.mapPartitions(
                    new ScoreFlatMapFunctionCGMultiDataSet(json, p, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE)));
        }
        return metric.valueOf(merged(net.doEvaluationMDS(rdd, SparkComputationGraph.DEFAULT_EVAL_SCORE_BATCH_SIZE,
                metric.newEvaluation(ROC_THRESHOLD_STEPS))[0]));
    }

    /**
     * Repairs what {@code IEvaluation.merge} gets wrong in nd4j 1.0.0-M2.1 when Spark combines the evaluations of
     * several partitions: {@code RegressionEvaluation.merge} adds every running sum except {@code sumLabels}, which
     * {@code rSquared} reads, so R2 of a merged evaluation used one partition's label sum. {@code sumLabels} and
     * {@code labelsSumPerColumn} accumulate the same {@code labels.sum(0)} in {@code eval}, and the latter is merged,
     * so it is copied over.
     */
    @SuppressWarnings("rawtypes")
    private static IEvaluation merged(IEvaluation evaluation) {
        if (evaluation instanceof RegressionEvaluation r && r.getLabelsSumPerColumn() != null) {
            r.setSumLabels(r.getLabelsSumPerColumn().dup());
        }
        return evaluation;
    }

    /**
     * Average loss per example, as {@code sparkNet.calculateScore(rdd, true)} computes it (same DL4J scoring
     * functions and minibatch size), but broadcasting a <em>copy</em> of the parameters. DL4J broadcasts the live
     * {@code network.params()} view; with Kryo on Spark 3.5 the driver network's parameter buffer was found
     * released afterwards, so the next {@code fit} failed ("You can't use DataBuffer once it was released") or
     * crashed in native code. The copy is destroyed after use.
     */
    private static double averageLoss(JavaRDD<?> rdd, Model network, long evaluation,
                                      Function<Broadcast<INDArray>, JavaRDD<Tuple2<Long, Double>>> scorer) {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(rdd.context());
        Broadcast<INDArray> params = sc.broadcast(network.params().dup());
        try {
            Tuple2<Long, Double> countAndSum = scorer.apply(params).reduce(new LongDoubleReduceFunction());
            if (countAndSum._1() == 0) {
                throw new EmptyValidationException("validation data is empty: the validation RDD has no examples"
                        + " (evaluation #" + evaluation + ")");
            }
            return countAndSum._2() / countAndSum._1();
        } finally {
            params.destroy();
        }
    }
}
