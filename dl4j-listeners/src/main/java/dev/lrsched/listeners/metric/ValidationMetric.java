package dev.lrsched.listeners.metric;

import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.support.Checks;
import java.util.function.BiFunction;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * {@link MetricSource#validation}: a {@link Metric} on a validation iterator, through DL4J's own code (the same
 * calls as its early-stopping calculators): {@code DataSetLossCalculator(iter, true)} for LOSS, else
 * {@code net.doEvaluation(iter, metric.newEvaluation())}.
 */
@SuppressWarnings("rawtypes")
final class ValidationMetric implements MetricSource {

    private final Metric metric;
    private final CountedBatches data;
    private final DataSetLossCalculator loss;
    private final BiFunction<NeuralNetwork, IEvaluation, IEvaluation> evaluation;

    private ValidationMetric(Metric metric, CountedBatches data, DataSetLossCalculator loss,
                             BiFunction<NeuralNetwork, IEvaluation, IEvaluation> evaluation) {
        this.metric = metric;
        this.data = data;
        this.loss = loss;
        this.evaluation = evaluation;
    }

    static ValidationMetric of(DataSetIterator iterator, Metric metric) {
        NonAsyncDataSetIterator data = new NonAsyncDataSetIterator(Checks.notNull("iterator", iterator));
        Checks.notNull("metric", metric);
        return new ValidationMetric(metric, data, new DataSetLossCalculator(data, true),
                (net, e) -> net.doEvaluation(data, e)[0]);
    }

    static ValidationMetric of(MultiDataSetIterator iterator, Metric metric) {
        NonAsyncMultiDataSetIterator data = new NonAsyncMultiDataSetIterator(Checks.notNull("iterator", iterator));
        Checks.notNull("metric", metric);
        return new ValidationMetric(metric, data, new DataSetLossCalculator(data, true),
                (net, e) -> net.doEvaluation(data, e)[0]);
    }

    @Override
    public Mode direction() {
        return metric.direction();
    }

    @Override
    public String description() {
        return "validation " + metric;
    }

    @Override
    public double evaluate(Model model, long evaluation) {
        if (data.resetSupported()) {
            data.reset();
        }
        data.resetCount();
        if (!data.hasNext()) {
            throw EmptyValidationException.forIterator(evaluation);
        }
        double value = metric == Metric.LOSS ? loss.calculateScore(model)
                : metric.valueOf(this.evaluation.apply(network(model), metric.newEvaluation()));
        if (data.batchesServed() == 0) {
            throw EmptyValidationException.forIterator(evaluation);
        }
        return value;
    }

    private static NeuralNetwork network(Model model) {
        if (model instanceof NeuralNetwork) {
            return (NeuralNetwork) model;
        }
        throw new IllegalArgumentException("validation metrics need a MultiLayerNetwork or ComputationGraph, got "
                + model.getClass().getName());
    }

    @Override
    public String toString() {
        return description();
    }
}
