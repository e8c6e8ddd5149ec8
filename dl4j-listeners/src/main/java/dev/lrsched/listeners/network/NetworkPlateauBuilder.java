package dev.lrsched.listeners.network;

import dev.lrsched.listeners.plateau.Mode;
import dev.lrsched.listeners.plateau.PlateauBuilder;
import dev.lrsched.listeners.plateau.PlateauController;
import dev.lrsched.listeners.plateau.PlateauPolicy;
import dev.lrsched.listeners.plateau.ReductionEvent;
import dev.lrsched.schedules.support.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The builder vocabulary of every plateau front end that drives a DL4J {@code MultiLayerNetwork} or
 * {@code ComputationGraph} (the listener, the Spark controller, ...): the nine plateau settings of
 * {@link PlateauBuilder}, plus which layers to rescale, a reduction callback and a saved state to resume from.
 * A front end adds only its metric source and its timing, and builds its core with {@link #controller}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class NetworkPlateauBuilder<B extends NetworkPlateauBuilder<B>> extends PlateauBuilder<B> {

    private List<String> layerNames;
    private int[] layerIndices;
    private Consumer<ReductionEvent> onReduction;
    private PlateauPolicy.State restoreState;

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

    /** Called after each reduction, on the thread that steps (the training thread; the Spark driver). */
    public final B onReduction(Consumer<ReductionEvent> callback) {
        this.onReduction = Checks.notNull("onReduction", callback);
        return self();
    }

    /** Start from a saved {@code state()} of the same kind of front end (its settings win). */
    public final B restoreState(PlateauPolicy.State state) {
        this.restoreState = Checks.notNull("state", state);
        return self();
    }

    /** The chosen layers. @throws IllegalArgumentException if both names and indices were set */
    protected final LayerSelection layerSelection() {
        return LayerSelection.of(layerNames, layerIndices);
    }

    /**
     * The core of the front end being built: the settings with an {@code AUTO} mode resolved to
     * {@code sourceDirection}, the saved state restored and the callback subscribed.
     *
     * @param owner what messages call the front end ("listener", "controller")
     * @throws IllegalArgumentException if a restored state's mode differs from the resolved mode
     */
    protected final PlateauController controller(Mode sourceDirection, String owner) {
        PlateauController c = new PlateauController(getSettings().resolved(sourceDirection), owner);
        if (restoreState != null) {
            c.restoreState(restoreState);
        }
        if (onReduction != null) {
            c.onReduction(onReduction);
        }
        return c;
    }
}
