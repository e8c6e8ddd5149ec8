package dev.lrsched.listeners.network;

import dev.lrsched.listeners.plateau.PlateauFrontEndBuilder;
import dev.lrsched.schedules.support.Checks;
import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * The builder vocabulary of every plateau front end that drives a DL4J {@code MultiLayerNetwork} or
 * {@code ComputationGraph} (the listener, the Spark and ParallelWrapper controllers): everything of
 * {@link PlateauFrontEndBuilder} (the nine settings, a reduction callback, a saved state), plus which layers to
 * rescale and the state saved inside a model file or checkpoint ({@link #restoreStateFrom(File)}).
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class NetworkPlateauBuilder<B extends NetworkPlateauBuilder<B>> extends PlateauFrontEndBuilder<B> {

    private List<String> layerNames;
    private int[] layerIndices;

    protected NetworkPlateauBuilder() {
    }

    /** Reduce only these layers (by name; MultiLayerNetwork default names are "layer0", "layer1", ...). */
    public final B layers(String... names) {
        Checks.notNull("layers", names);
        List<String> chosen = Arrays.asList(names.clone());
        LayerSelection.of(chosen, null);
        this.layerNames = chosen;
        return self();
    }

    /** Reduce only these layers of a MultiLayerNetwork (by index). */
    public final B layerIndices(int... indices) {
        Checks.notNull("layerIndices", indices);
        LayerSelection.of(null, indices);
        this.layerIndices = indices.clone();
        return self();
    }

    /**
     * Start from the plateau state saved inside this model file or checkpoint (by {@link PlateauSerializer} or a
     * {@code PlateauCheckpointListener}); its settings win, as with {@link #restoreState}.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no valid plateau state
     */
    public final B restoreStateFrom(File modelFile) {
        return restoreState(PlateauSerializer.restoreState(modelFile));
    }

    /** The chosen layers. @throws IllegalArgumentException if both names and indices were set */
    protected final LayerSelection layerSelection() {
        return LayerSelection.of(layerNames, layerIndices);
    }
}
