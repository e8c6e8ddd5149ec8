package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.network.PlateauSerializer;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.CheckpointListener;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;

/** The snippets of docs/where-you-train.md for this module, as written there (tiny data, few epochs). */
@Timeout(120)
class WhereYouTrainDocTest {

    @TempDir
    File tmp;

    private final MultiLayerNetwork net = TestNets.mln(new Sgd(0.1));
    private final ListDataSetIterator<DataSet> trainIter = TestNets.train();
    private final ListDataSetIterator<DataSet> valIter = TestNets.validation();

    @Test
    void fitIterator() {
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS)
                .factor(0.5).patience(3).minValue(1e-5)
                .build();
        net.addListeners(plateau);
        net.fit(trainIter, 3);
        assertThat(plateau.getHistory()).hasSize(3);
    }

    @Test
    void yourOwnLoop() {
        List<DataSet> batches = TestNets.data(1, 4, 8);
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(3).build();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
            plateau.step(net);
            net.incrementEpochCount();
        }
        assertThat(plateau.getHistory()).extracting(s -> s.getEpoch()).containsExactly(0, 1, 2);
    }

    @Test
    void earlyStoppingTrainer() {
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(2).minValue(1e-5).build();
        net.addListeners(plateau);
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new PlateauTerminationCondition(plateau, 3),
                        new MaxEpochsTerminationCondition(4))
                .scoreCalculator(new DataSetLossCalculator(valIter, true))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, trainIter).fit();
        assertThat(result.getTotalEpochs()).isEqualTo(4);
        assertThat(plateau.getEvaluationCount()).isEqualTo(4);
    }

    @Test
    void resumeFromAModelFile() throws IOException {
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(0).build();
        net.addListeners(plateau);
        net.fit(trainIter, 2);
        File file = new File(tmp, "net.zip");

        ModelSerializer.writeModel(net, file, true);
        PlateauSerializer.addStateToModel(file, plateau);
        MultiLayerNetwork restored = MultiLayerNetwork.load(file, true);
        ReduceLROnPlateauListener resumed = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(3)
                .restoreStateFrom(file)
                .build();

        assertThat(resumed.state()).isEqualTo(plateau.state());
        assertThat(restored.params()).isEqualTo(net.params());
    }

    @Test
    void resumeFromACheckpoint() throws IOException {
        File dir = new File(tmp, "checkpoints");
        File newDir = new File(tmp, "continued");
        assertThat(dir.mkdir() && newDir.mkdir()).isTrue();
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(3).build();

        CheckpointListener checkpoints = new CheckpointListener.Builder(dir).saveEveryEpoch().keepLast(3).build();
        net.addListeners(new PlateauCheckpointListener(plateau, checkpoints));
        net.fit(trainIter, 2);
        File last = PlateauCheckpointListener.lastCheckpointFile(dir);
        MultiLayerNetwork restored = MultiLayerNetwork.load(last, true);
        ReduceLROnPlateauListener resumed = ReduceLROnPlateauListener.builder()
                .validation(valIter, Metric.LOSS).factor(0.5).patience(3)
                .restoreStateFrom(last)
                .build();
        restored.addListeners(new PlateauCheckpointListener(resumed,
                new CheckpointListener.Builder(newDir).saveEveryEpoch().keepLast(3).build()));
        restored.fit(trainIter, 4 - restored.getEpochCount());

        assertThat(resumed.getEvaluationCount()).isEqualTo(4);
        assertThat(restored.getEpochCount()).isEqualTo(4);
        assertThat(CheckpointListener.availableCheckpoints(newDir)).hasSize(2);
    }
}
