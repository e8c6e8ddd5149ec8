package dev.lrsched.listeners;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.listeners.network.PlateauSerializer;
import dev.lrsched.listeners.plateau.PlateauStep;
import java.io.File;
import java.io.IOException;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.Checkpoint;
import org.deeplearning4j.optimize.listeners.CheckpointListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * Train with checkpoints, stop, restore the last checkpoint into fresh objects, continue: the same parameters
 * (bitwise), learning rates and reductions as a run that was never interrupted.
 */
@Timeout(120)
class CheckpointResumeTest {

    private static final int EPOCHS = 8;
    private static final int STOP_AFTER = 4;

    @TempDir
    File tmp;

    /** Adam on an EPOCH schedule (0.05 * 0.8^epoch), so a counter off by one would change every later update. */
    private static MultiLayerNetwork net() {
        return TestNets.mln(new Adam(new StepSchedule(ScheduleType.EPOCH, 0.05, 0.8, 1)));
    }

    private static ReduceLROnPlateauListener.Builder plateau() {
        return ReduceLROnPlateauListener.builder().validation(TestNets.validation(), Metric.LOSS)
                .factor(0.5).patience(0).threshold(0.12).cooldown(1);
    }

    private static CheckpointListener checkpoints(File dir) {
        assertThat(dir.mkdirs()).isTrue();
        return new CheckpointListener.Builder(dir).saveEveryEpoch().keepLast(2).build();
    }

    @Test
    void resumedFromTheLastCheckpointEqualsTheUninterruptedRunBitwise() throws IOException {
        MultiLayerNetwork full = net();
        ReduceLROnPlateauListener fullPlateau = plateau().build();
        full.addListeners(new PlateauCheckpointListener(fullPlateau, checkpoints(new File(tmp, "full"))));
        full.fit(TestNets.train(), EPOCHS);

        File dir = new File(tmp, "interrupted");
        MultiLayerNetwork first = net();
        ReduceLROnPlateauListener firstPlateau = plateau().build();
        first.addListeners(new PlateauCheckpointListener(firstPlateau, checkpoints(dir)));
        first.fit(TestNets.train(), STOP_AFTER);
        // ... the process dies here; only the checkpoint directory survives

        File last = PlateauCheckpointListener.lastCheckpointFile(dir);
        MultiLayerNetwork resumed = MultiLayerNetwork.load(last, true);
        ReduceLROnPlateauListener resumedPlateau = plateau().restoreStateFrom(last).build();
        resumed.addListeners(new PlateauCheckpointListener(resumedPlateau, checkpoints(new File(tmp, "resumed"))));
        assertThat(resumed.getEpochCount()).as("the counter the next epoch starts with").isEqualTo(STOP_AFTER);
        resumed.fit(TestNets.train(), EPOCHS - STOP_AFTER);

        List<PlateauStep> expected = fullPlateau.getHistory();
        assertThat(expected.stream().filter(PlateauStep::isReduced).count()).as("reductions before and after the stop")
                .isGreaterThanOrEqualTo(2);
        assertThat(expected.subList(0, STOP_AFTER).stream().anyMatch(PlateauStep::isReduced)).isTrue();
        assertThat(resumedPlateau.getHistory()).isEqualTo(expected.subList(STOP_AFTER, EPOCHS));
        assertThat(resumedPlateau.state()).isEqualTo(fullPlateau.state());
        assertThat(resumed.getLayerWiseConfigurations().toJson()).isEqualTo(full.getLayerWiseConfigurations().toJson());
        assertThat(resumed.params().data().asFloat()).isEqualTo(full.params().data().asFloat());
        assertThat(resumed.getUpdater().getStateViewArray().data().asFloat())
                .isEqualTo(full.getUpdater().getStateViewArray().data().asFloat());
    }

    @Test
    void checkpointsHoldTheStateAndTheCountersTheNextUpdateUses() throws IOException {
        File dir = new File(tmp, "iterations");
        assertThat(dir.mkdirs()).isTrue();
        MultiLayerNetwork net = net();
        ReduceLROnPlateauListener plateau = plateau().build();
        CheckpointListener every3 = new CheckpointListener.Builder(dir).saveEveryNIterations(3).build();
        net.addListeners(new PlateauCheckpointListener(plateau, every3));
        net.fit(TestNets.train(), 2); // 8 iterations: checkpoints after iterations 3 and 6 (DL4J skips the first call)

        List<Checkpoint> all = CheckpointListener.availableCheckpoints(dir);
        assertThat(all).hasSize(2);
        for (Checkpoint c : all) {
            File f = CheckpointListener.getFileForCheckpoint(dir, c.getCheckpointNum());
            MultiLayerNetwork restored = MultiLayerNetwork.load(f, true);
            // DL4J records the index of the iteration just done; the file holds the count after it
            assertThat(restored.getIterationCount()).isEqualTo(c.getIteration() + 1);
            assertThat(PlateauSerializer.hasState(f)).isTrue();
        }
        assertThat(PlateauSerializer.restoreState(PlateauCheckpointListener.lastCheckpointFile(dir)).getLastEpoch())
                .as("evaluations done when iteration 6 was saved").isEqualTo(1);
    }
}
