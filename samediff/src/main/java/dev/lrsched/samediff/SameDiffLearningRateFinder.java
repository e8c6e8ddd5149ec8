package dev.lrsched.samediff;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import dev.lrsched.schedules.support.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.adapter.MultiDataSetIteratorAdapter;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/**
 * The LR range test ({@link LearningRateFinder}: torch-lr-finder's sweep, smoothing and divergence rule) for
 * SameDiff. It trains a private copy ({@code sd.save(stream, true)} / {@code SameDiff.load(stream, true)}:
 * variables, updater state, training configuration and counters) with the sweep installed on the copy's
 * {@code TrainingConfig} updater ({@link SameDiffTarget}); the user's instance is not modified. Each step's loss
 * is the loss variables' value on the step's minibatch before the update ({@code sd.output}, one extra forward
 * pass per step: the loss SameDiff hands to listeners is 0), like DL4J's {@code score()} after
 * {@code fit(DataSet)}.
 *
 * <p>Usage: {@code LearningRateFinderResult r = SameDiffLearningRateFinder.run(LearningRateFinder.builder()
 * .endValue(1).numIterations(100).build(), sd, trainIter);}
 */
public final class SameDiffLearningRateFinder {

    private SameDiffLearningRateFinder() {
    }

    /** Runs {@code finder}'s range test on a copy of {@code sd}, reading {@code data} one minibatch per step. */
    public static LearningRateFinderResult run(LearningRateFinder finder, SameDiff sd, MultiDataSetIterator data) {
        Checks.notNull("finder", finder);
        Checks.notNull("data", data);
        SameDiff copy = copyOf(sd);
        String[] losses = copy.getLossVariables().toArray(new String[0]);
        return finder.run(SameDiffTarget.of("SameDiffLearningRateFinder", copy), data, batch -> {
            double loss = IteratorMetric.sum(copy.output(batch, losses));
            copy.fit(batch);
            return loss;
        });
    }

    /** As {@link #run(LearningRateFinder, SameDiff, MultiDataSetIterator)} for a {@link DataSetIterator}. */
    public static LearningRateFinderResult run(LearningRateFinder finder, SameDiff sd, DataSetIterator data) {
        Checks.notNull("data", data);
        return run(finder, sd, new MultiDataSetIteratorAdapter(data));
    }

    /** A private copy: variables, updater state, training configuration (updater, counters). */
    static SameDiff copyOf(SameDiff sd) {
        Checks.notNull("sd", sd);
        Checks.check(sd.getTrainingConfig() != null, "sd must have a TrainingConfig (sd.setTrainingConfig(...))");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sd.save(bytes, true);
        return SameDiff.load(new ByteArrayInputStream(bytes.toByteArray()), true);
    }
}
