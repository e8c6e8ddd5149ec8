package dev.lrsched.listeners.network;

import dev.lrsched.listeners.plateau.PlateauFrontEndBuilder;
import dev.lrsched.schedules.support.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * The builder vocabulary of every plateau front end that drives a DL4J {@code MultiLayerNetwork} or
 * {@code ComputationGraph} (the listener, the Spark controller, a ParallelWrapper front end): everything of
 * {@link PlateauFrontEndBuilder} (the nine plateau settings, a reduction callback, a saved state), plus which
 * layers to rescale ({@link #layerSelection()}, resolved by {@link NetworkAdapter}).
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

    /** The chosen layers. @throws IllegalArgumentException if both names and indices were set */
    protected final LayerSelection layerSelection() {
        return LayerSelection.of(layerNames, layerIndices);
    }
}
