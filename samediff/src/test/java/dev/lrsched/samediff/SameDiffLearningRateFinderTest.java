package dev.lrsched.samediff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.LearningRateFinder;
import dev.lrsched.listeners.LearningRateFinderResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

@Timeout(60)
class SameDiffLearningRateFinderTest {

    @Test
    void sweepsACopyAtTheRecordedLearningRatesAndLeavesTheNetworkAlone() {
        SameDiff sd = SameDiffTestNets.classifier(new Sgd(0.01));
        sd.fit(SameDiffTestNets.train(), 1);
        double[] w = sd.getVariable("w").getArr().data().asDouble();
        LearningRateFinder finder = LearningRateFinder.builder().startValue(1e-3).endValue(10).numIterations(8)
                .smoothing(0).divergenceThreshold(1e9).build();
        LearningRateFinderResult result = SameDiffLearningRateFinder.run(finder, sd, SameDiffTestNets.train());

        assertThat(result.learningRates()).hasSize(8);
        assertThat(result.learningRates().get(0)).isEqualTo(1e-3);
        assertThat(sd.getVariable("w").getArr().data().asDouble()).isEqualTo(w);
        assertThat(((Sgd) sd.getTrainingConfig().getUpdater()).getLearningRate()).isEqualTo(0.01);
        assertThat(sd.getTrainingConfig().getIterationCount()).isEqualTo(3);

        // the same steps by hand, each at the recorded learning rate: the same losses, bitwise
        SameDiff replay = SameDiffLearningRateFinder.copyOf(sd);
        List<DataSet> batches = SameDiffTestNets.data(1, 3, 8);
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DataSet batch = batches.get(i % 3);
            replay.getTrainingConfig().getUpdater().setLrAndSchedule(result.learningRates().get(i), null);
            losses.add(replay.output(batch, "loss").get("loss").getDouble(0));
            replay.fit(batch);
        }
        assertThat(result.losses()).isEqualTo(losses);
    }
}
