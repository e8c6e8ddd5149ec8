package dev.lrsched.samediff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.LearningRateFinder;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/** The SameDiff snippets of docs/where-you-train.md and docs/monitoring.md, as written there (tiny data, 2 epochs each). */
@Timeout(120)
class WhereYouTrainDocTest {

    @Test
    void monitoringSnippet() {
        SameDiff sd = SameDiffTestNets.classifier(new Adam(1e-2));
        ListDataSetIterator<DataSet> trainIter = SameDiffTestNets.train();
        ListDataSetIterator<DataSet> valIter = SameDiffTestNets.validation();

        // docs/monitoring.md, "SameDiff" (2 epochs instead of 50)
        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder().validationLoss(valIter).patience(3).build();
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder()
                .markReductionsOf(plateau)
                .build();
        sd.fit(trainIter, 2, plateau, monitor);
        double lr = monitor.getRecords().get(0).get(SameDiffLearningRateMonitor.LR_KEY);

        assertThat(lr).isEqualTo(1e-2);
        assertThat(monitor.getRecords()).hasSize(2);
        assertThat(plateau.getHistory()).hasSize(2);
    }

    @Test
    void sameDiff() {
        SameDiff sd = SameDiffTestNets.classifier(new Adam(1e-2));
        ListDataSetIterator<DataSet> trainIter = SameDiffTestNets.train();
        ListDataSetIterator<DataSet> valIter = SameDiffTestNets.validation();

        SameDiffPlateauListener plateau = SameDiffPlateauListener.builder()
                .validationLoss(valIter)
                .factor(0.5).patience(3)
                .build();
        sd.setListeners(plateau);
        sd.fit(trainIter, 2);

        SameDiffPlateauListener fromFit = SameDiffPlateauListener.builder().fitValidationLoss().patience(3).build();
        sd.fit(trainIter, 2, valIter, 1, fromFit);

        assertThat(plateau.getHistory()).hasSize(4);
        assertThat(fromFit.getHistory()).hasSize(2);
        SameDiffLearningRateMonitor monitor = SameDiffLearningRateMonitor.builder().markReductionsOf(plateau).build();
        sd.fit(trainIter, 2, monitor);                    // plateau is already registered with setListeners
        assertThat(monitor.getRecords()).hasSize(2).allSatisfy(r -> assertThat(r.getKeys()).containsExactly("lr"));
        assertThat(plateau.getHistory()).hasSize(6);

        assertThat(SameDiffLearningRateFinder.run(LearningRateFinder.builder().numIterations(5).build(), sd, trainIter)
                .learningRates()).hasSize(5);
    }
}
