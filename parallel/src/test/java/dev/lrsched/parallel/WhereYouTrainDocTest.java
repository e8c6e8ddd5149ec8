package dev.lrsched.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.metric.Metric;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/** The ParallelWrapper snippet of docs/where-you-train.md, as written there (tiny data, 2 epochs each way). */
@Timeout(120)
class WhereYouTrainDocTest {

    @Test
    void parallelWrapper() {
        MultiLayerNetwork net = ParallelTestNets.mln(new Sgd(0.1));
        ListDataSetIterator<DataSet> trainIter = ParallelTestNets.train();
        ListDataSetIterator<DataSet> valIter = ParallelTestNets.validation();

        ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).averagingFrequency(1).build();
        ParallelPlateauController plateau = ParallelPlateauController.builder()
                .validation(valIter, Metric.LOSS)
                .factor(0.5).patience(3)
                .build();
        plateau.fitEpochs(wrapper, trainIter, 2);

        for (int epoch = 0; epoch < 2; epoch++) {
            wrapper.fit(trainIter);
            plateau.endEpoch(wrapper);
        }
        wrapper.shutdown();
        assertThat(plateau.getHistory()).hasSize(4);
        assertThat(net.getEpochCount()).isEqualTo(4);
    }
}
