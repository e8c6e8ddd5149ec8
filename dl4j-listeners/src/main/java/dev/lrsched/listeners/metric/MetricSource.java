package dev.lrsched.listeners.metric;

import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.schedules.support.Checks;
import java.util.function.LongToDoubleFunction;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * Where a front end's metric comes from (Keras' {@code monitor}), and which way it should go:
 * <ul>
 *   <li>{@link #validation(DataSetIterator, Metric)} / {@link #validation(MultiDataSetIterator, Metric)}: a
 *       {@link Metric} on held-out data. The iterator is wrapped so DL4J never puts it behind an
 *       {@code AsyncDataSetIterator} (which can hang when the iterator throws, deeplearning4j#7828) and is
 *       reset before each evaluation; an evaluation over no batches is an {@link EmptyValidationException}.</li>
 *   <li>{@link #scoreCalculator(ScoreCalculator)}: any DL4J early-stopping calculator, direction from its
 *       {@code minimizeScore()}; its iterators are used as given (prefer in-memory, non-async ones).</li>
 *   <li>{@link #trainingScore()}: {@code model.score()} averaged over the iterations since the previous
 *       evaluation ({@code model.score()} if there were none); MIN.</li>
 *   <li>{@link #of(String, Mode, ToDoubleFunction)}: a value computed by your own function.</li>
 * </ul>
 * A source is stateful (iterator position, running average) and belongs to one front end.
 */
public interface MetricSource {

    /** {@code metric} on this validation data (reset before each evaluation, never async). */
    static MetricSource validation(DataSetIterator iterator, Metric metric) {
        return ValidationMetric.of(iterator, metric);
    }

    /** {@code metric} on this validation data (reset before each evaluation, never async). */
    static MetricSource validation(MultiDataSetIterator iterator, Metric metric) {
        return ValidationMetric.of(iterator, metric);
    }

    /** What a DL4J early-stopping calculator returns; direction from {@code minimizeScore()}. */
    @SuppressWarnings("unchecked")
    static MetricSource scoreCalculator(ScoreCalculator<?> calculator) {
        Checks.notNull("scoreCalculator", calculator);
        ScoreCalculator<Model> c = (ScoreCalculator<Model>) calculator;
        return of("score calculator " + c, Mode.of(c.minimizeScore()), c::calculateScore);
    }

    /** The training score averaged since the previous evaluation (MIN); needs the front end's iteration events. */
    static MetricSource trainingScore() {
        return new TrainingScoreMetric();
    }

    /**
     * Your own metric.
     *
     * @param description what it is, for logs and messages
     * @param direction   MIN or MAX
     * @param metric      computes the value for a network
     */
    static MetricSource of(String description, Mode direction, ToDoubleFunction<Model> metric) {
        return new FunctionMetric(description, direction, metric);
    }

    /** MIN or MAX: the direction a front end's {@code Mode.AUTO} resolves to. */
    Mode direction();

    /** What the metric is ("validation LOSS"), for logs and messages. */
    String description();

    /**
     * The metric of {@code model} now.
     *
     * @param evaluation the 1-based index of this evaluation, for messages
     * @throws EmptyValidationException if the validation data had no batches
     */
    double evaluate(Model model, long evaluation);

    /** Called by the front end after every training iteration (the training score accumulates here). */
    default void iterationDone(Model model) {
    }

    /** Forgets what was accumulated since the last evaluation (when a saved state is restored). */
    default void reset() {
    }

    /**
     * Runs {@code computation} for evaluation {@code evaluation} so that a failure names it: an
     * {@link EmptyValidationException} passes through; any other exception (a checked one from Scala too) becomes
     * {@code IllegalStateException("<owner>: evaluation #<n> (<description>) failed: <e>")} with it as cause, so
     * training fails instead of hanging. Every front end evaluates through this.
     */
    static double compute(String owner, long evaluation, String description, LongToDoubleFunction computation) {
        try {
            return computation.applyAsDouble(evaluation);
        } catch (EmptyValidationException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(owner + ": evaluation #" + evaluation + " (" + description + ") failed: "
                    + e, e);
        }
    }
}
