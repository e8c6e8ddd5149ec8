package dev.lrsched.listeners;

import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.network.PlateauSerializer;
import dev.lrsched.schedules.support.Checks;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.listeners.Checkpoint;
import org.deeplearning4j.optimize.listeners.CheckpointListener;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link CheckpointListener} with the plateau state in every checkpoint, so that one call resumes both:
 * add this listener to the network <em>instead of</em> the two it combines. On each callback it runs the
 * {@link ReduceLROnPlateauListener} first, then the {@code CheckpointListener}; when that has written a checkpoint,
 * the file is completed:
 * <ul>
 *   <li>the plateau state of that moment goes in as the entry {@value PlateauSerializer#ENTRY}
 *       ({@link PlateauSerializer});</li>
 *   <li>the network's counters become the ones its next update uses. DL4J's {@code CheckpointListener} saves
 *       from {@code iterationDone} before the iteration counter advances and from {@code onEpochEnd} before the
 *       epoch counter does, so a network restored from its files repeats that counter (ITERATION/EPOCH schedules
 *       one step behind an uninterrupted run). Here the checkpoint is written again through
 *       {@code ModelSerializer} with the advanced counter (each checkpoint is written twice).</li>
 * </ul>
 * Resume from the last checkpoint:
 * <pre>
 *   File last = PlateauCheckpointListener.lastCheckpointFile(dir);
 *   MultiLayerNetwork net = MultiLayerNetwork.load(last, true);
 *   ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
 *           .validation(valIter, Metric.LOSS).restoreStateFrom(last).build();   // same settings as before
 * </pre>
 * Save at evaluation boundaries (e.g. {@code saveEveryEpoch()} with the default {@code evaluateEveryEpochs(1)}):
 * the listener's partial training-score average and its {@code evaluateEvery...} counters are not in the state.
 * A new {@code CheckpointListener} on the same directory needs {@code deleteExisting(true)}, which deletes the
 * old checkpoints: continue into a new directory.
 *
 * <p>Usage: {@code net.addListeners(new PlateauCheckpointListener(plateau,
 * new CheckpointListener.Builder(dir).saveEveryEpoch().keepLast(3).build()));}
 */
public final class PlateauCheckpointListener extends BaseTrainingListener {

    private static final String RECORD_FILE = "checkpointInfo.txt";

    private final ReduceLROnPlateauListener plateau;
    private final CheckpointListener checkpoints;

    private int lastCheckpoint = -1;
    private File record;
    private long recordLength;

    /**
     * @param plateau     the plateau listener (do not add it to the network separately: it would step twice)
     * @param checkpoints DL4J's checkpoint listener (likewise only here)
     */
    public PlateauCheckpointListener(ReduceLROnPlateauListener plateau, CheckpointListener checkpoints) {
        this.plateau = Checks.notNull("plateau", plateau);
        this.checkpoints = Checks.notNull("checkpoints", checkpoints);
    }

    /**
     * The model file of the last checkpoint in {@code directory}, for {@code MultiLayerNetwork.load} /
     * {@code ComputationGraph.load} and the front end's {@code restoreStateFrom}.
     *
     * @throws IllegalStateException if the directory holds no checkpoint
     */
    public static File lastCheckpointFile(File directory) {
        Checks.notNull("directory", directory);
        Checkpoint last = new File(directory, RECORD_FILE).isFile() ? CheckpointListener.lastCheckpoint(directory) : null;
        if (last == null) {
            throw new IllegalStateException("no checkpoint in " + directory);
        }
        return CheckpointListener.getFileForCheckpoint(directory, last.getCheckpointNum());
    }

    @Override
    public void onEpochStart(Model model) {
        plateau.onEpochStart(model);
        checkpoints.onEpochStart(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        plateau.iterationDone(model, iteration, epoch);
        checkpoints.iterationDone(model, iteration, epoch);
        completeNewCheckpoint(model, 1, 0);
    }

    @Override
    public void onEpochEnd(Model model) {
        plateau.onEpochEnd(model);
        checkpoints.onEpochEnd(model);
        completeNewCheckpoint(model, 0, 1);
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        plateau.onForwardPass(model, activations);
        checkpoints.onForwardPass(model, activations);
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        plateau.onForwardPass(model, activations);
        checkpoints.onForwardPass(model, activations);
    }

    @Override
    public void onGradientCalculation(Model model) {
        plateau.onGradientCalculation(model);
        checkpoints.onGradientCalculation(model);
    }

    @Override
    public void onBackwardPass(Model model) {
        plateau.onBackwardPass(model);
        checkpoints.onBackwardPass(model);
    }

    /** If the checkpoint listener has just written a checkpoint: rewrite it with advanced counters and the state. */
    private void completeNewCheckpoint(Model model, int iterationsAhead, int epochsAhead) {
        Checkpoint c = newCheckpoint();
        if (c == null) {
            return;
        }
        File file = checkpoints.getFileForCheckpoint(c);
        NetworkAdapter network = plateau.network(model);
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        network.setCounters(iteration + iterationsAhead, epoch + epochsAhead);
        try {
            ModelSerializer.writeModel(model, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot complete checkpoint " + file, e);
        } finally {
            network.setCounters(iteration, epoch);
        }
        PlateauSerializer.addStateToModel(file, plateau.state());
        record = new File(file.getParentFile(), RECORD_FILE);
        recordLength = record.length();
    }

    /**
     * The checkpoint written since the last call, or null. Once the directory is known (from the first
     * checkpoint) a new checkpoint shows as a longer record file, so the record is only parsed after a save.
     */
    private Checkpoint newCheckpoint() {
        if (record != null && record.length() == recordLength) {
            return null;
        }
        Checkpoint c = checkpoints.lastCheckpoint();
        if (c == null || c.getCheckpointNum() == lastCheckpoint) {
            return null;
        }
        lastCheckpoint = c.getCheckpointNum();
        return c;
    }

    @Override
    public String toString() {
        return "PlateauCheckpointListener(" + plateau + ", " + checkpoints + ")";
    }
}
