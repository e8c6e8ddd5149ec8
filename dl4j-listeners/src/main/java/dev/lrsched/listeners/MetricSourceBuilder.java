package dev.lrsched.listeners;

import dev.lrsched.listeners.metric.MetricSource;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.network.NetworkPlateauBuilder;
import dev.lrsched.schedules.support.Checks;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The builder of every front end that computes its metric from a DL4J network in its own JVM (the listener, the
 * ParallelWrapper controller): everything of {@link NetworkPlateauBuilder}, plus at most one {@link MetricSource}.
 * Without one, the metric is the training score averaged since the previous evaluation (MIN). The source's
 * direction is the default {@code mode}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class MetricSourceBuilder<B extends MetricSourceBuilder<B>> extends NetworkPlateauBuilder<B> {

    private MetricSource dataSets;
    private MetricSource multiDataSets;
    private MetricSource calculator;

    protected MetricSourceBuilder() {
    }

    /** Monitor {@code metric} on this validation data (reset before each evaluation, never async). */
    public final B validation(DataSetIterator iterator, Metric metric) {
        this.dataSets = MetricSource.validation(iterator, metric);
        return self();
    }

    /** Monitor {@code metric} on this validation data (reset before each evaluation, never async). */
    public final B validation(MultiDataSetIterator iterator, Metric metric) {
        this.multiDataSets = MetricSource.validation(iterator, metric);
        return self();
    }

    /** Monitor what this DL4J early-stopping calculator returns; direction from {@code minimizeScore()}. */
    public final B scoreCalculator(ScoreCalculator<?> calculator) {
        this.calculator = MetricSource.scoreCalculator(calculator);
        return self();
    }

    /**
     * The chosen source, or a fresh training-score source if none was set.
     *
     * @throws IllegalArgumentException if more than one was set
     */
    protected final MetricSource metricSource() {
        int sources = (dataSets != null ? 1 : 0) + (multiDataSets != null ? 1 : 0) + (calculator != null ? 1 : 0);
        Checks.check(sources <= 1, "set at most one metric source: validation(DataSetIterator, Metric),"
                + " validation(MultiDataSetIterator, Metric) or scoreCalculator(ScoreCalculator), got " + sources);
        return dataSets != null ? dataSets : multiDataSets != null ? multiDataSets
                : calculator != null ? calculator : MetricSource.trainingScore();
    }
}
