package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;
import java.util.function.Consumer;

/**
 * The builder vocabulary of every plateau front end, whatever its engine (the listener, the Spark controller, a
 * SameDiff or ParallelWrapper front end): the nine settings of {@link PlateauBuilder}, plus a reduction callback
 * and a saved state to resume from. A front end adds only its metric source, its timing and what its engine needs
 * (which layers, for DL4J networks), and builds its core with {@link #controller}.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class PlateauFrontEndBuilder<B extends PlateauFrontEndBuilder<B>> extends PlateauBuilder<B> {

    private Consumer<ReductionEvent> onReduction;
    private PlateauPolicy.State restoreState;

    protected PlateauFrontEndBuilder() {
    }

    /**
     * Called after each reduction, on the thread that steps (the training thread; the Spark driver); a second
     * call replaces the first. More subscribers: {@code getController().onReduction(...)} on the built front end.
     */
    public final B onReduction(Consumer<ReductionEvent> callback) {
        this.onReduction = Checks.notNull("onReduction", callback);
        return self();
    }

    /** Start from a saved {@code state()} of the same kind of front end (its settings win). */
    public final B restoreState(PlateauPolicy.State state) {
        this.restoreState = Checks.notNull("state", state);
        return self();
    }

    /**
     * The core of the front end being built: the settings with an {@code AUTO} mode resolved to
     * {@code sourceDirection}, the saved state restored and the callback subscribed.
     *
     * @param sourceDirection the metric source's direction, MIN or MAX
     * @param owner           what messages call the front end ("listener", "controller")
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
