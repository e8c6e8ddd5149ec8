package dev.lrsched.listeners;

import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;

/**
 * The one network a listener follows, and the loud failure when DL4J calls it for several at once.
 * <pre>
 *   callback on a ParallelWrapper worker thread             -&gt; IllegalStateException (use the ParallelWrapper front end)
 *   callback for the network it follows                     -&gt; that network's adapter (built once)
 *   callback for a new network                              -&gt; follow that one from now on (sequential reuse,
 *                                                              e.g. a network restored from a checkpoint)
 *   callback for a network it has left                      -&gt; IllegalStateException (two networks at once)
 * </pre>
 * Networks left behind are held weakly. Thread-safe, so that the check itself cannot race.
 */
final class NetworkBinding {

    /** The name prefix of ParallelWrapper's worker threads ({@code ParallelWrapper.init()}, DL4J 1.0.0-M2.1). */
    static final String PARALLEL_WRAPPER_THREAD = "ParallelWrapper training thread";

    private static final String PARALLEL_FRONT_END = "dev.lrsched.parallel.ParallelPlateauController (artifact"
            + " dev.lrsched:lrsched-parallel), which steps the plateau on the training thread between"
            + " ParallelWrapper.fit calls: controller.fitEpochs(wrapper, trainData, nEpochs)";

    private final String owner;
    private final LayerSelection layers;
    private final List<WeakReference<Model>> left = new ArrayList<>();
    private NetworkAdapter current;

    NetworkBinding(String owner, LayerSelection layers) {
        this.owner = owner;
        this.layers = layers;
    }

    /**
     * The adapter of {@code model}, built once per network.
     *
     * @throws IllegalStateException on a ParallelWrapper worker thread, or for a network this listener has left
     */
    synchronized NetworkAdapter adapterFor(Model model) {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith(PARALLEL_WRAPPER_THREAD)) {
            throw new IllegalStateException(owner + " was called on a ParallelWrapper worker thread (\"" + thread
                    + "\"): ParallelWrapper attaches the same listener to every worker's copy of the network, where it"
                    + " sees no epoch end and would step one plateau from several threads on different networks."
                    + " Remove it from the network and use " + PARALLEL_FRONT_END);
        }
        if (current != null && current.getModel() == model) {
            return current;
        }
        if (hasLeft(model)) {
            throw new IllegalStateException(owner + " is attached to more than one network at once: it was called"
                    + " for a network it had left for another one (" + describe(current.getModel()) + "). A listener"
                    + " follows one network at a time; it may move on to a new network (e.g. one restored from a"
                    + " checkpoint) but not return to one it left. Use one listener per network; under ParallelWrapper"
                    + " (or anything that trains copies of a network in parallel) use " + PARALLEL_FRONT_END);
        }
        NetworkAdapter adapter = NetworkAdapter.of(owner, model, layers);
        if (current != null) {
            left.removeIf(ref -> ref.get() == null);
            left.add(new WeakReference<>(current.getModel()));
        }
        current = adapter;
        return adapter;
    }

    private boolean hasLeft(Model model) {
        for (WeakReference<Model> ref : left) {
            if (ref.get() == model) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Model model) {
        return model.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(model));
    }
}
