package dev.lrsched.listeners.finetune;

import dev.lrsched.listeners.network.LayerSelection;
import dev.lrsched.listeners.network.NetworkAdapter;
import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Layer-wise learning-rate decay (ULMFiT's discriminative fine-tuning, "LLRD", timm's
 * {@code layer_decay}): the top layer learns at the base rate and every layer below at {@code decay} times the
 * rate of the one above,
 * <pre>
 *   scale(layer) = decay ^ depth(layer)        (timm param_groups_layer_decay: layer_decay ** (layer_max - layer_id))
 *   new setting  = ScaledSchedule(schedule, scale)           with schedule(base): every layer and its bias updater
 *                = the layer's own setting * scale           otherwise (a fixed LR times scale, a schedule wrapped)
 * </pre>
 * {@code depth} counts the layers that learn (an updater with a learning rate; not frozen), from the top:
 * <ul>
 *   <li>MultiLayerNetwork: the top learning layer has depth 0, the one below 1, ...;</li>
 *   <li>ComputationGraph: the longest path to an output, counted in learning layers after this one (a residual
 *       block's layers each count; parallel branches at the same level share a depth);</li>
 *   <li>{@link #groups(List) groups(...)}: explicit groups, top first (timm's blocks): group {@code k} gets
 *       {@code decay^k}; every learning layer must be in exactly one group.</li>
 * </ul>
 * Frozen layers and layers without a learning rate are left alone. The settings go through DL4J's own setters, so
 * the updater state (Adam moments) is kept and the result is saved with the model. Layers at the same depth get
 * value-equal settings, so DL4J can keep them in one updater block; layers at different depths need their own.
 *
 * <p>Works on a network built directly and on one from {@code TransferLearning} (with or without a
 * {@code FineTuneConfiguration}, whose {@code updater(u)} gives every layer the same {@code IUpdater} instance: each
 * layer gets its own copy first). {@code TransferLearning} in DL4J 1.0.0-M2.1 starts the new network's counters at 0;
 * to start a schedule at its own step 0 on a network that keeps training, pass
 * {@code Schedules.startingAt(type, net.getIterationCount(), schedule)}.
 *
 * <p>Usage: {@code Map<String, Double> scales = LayerwiseLrDecay.of(0.8).schedule(warmupCosine).applyTo(net);}
 */
public final class LayerwiseLrDecay {

    private static final String OWNER = "LayerwiseLrDecay";

    private final double decay;
    private final ISchedule schedule;
    private final List<List<String>> groups;

    private LayerwiseLrDecay(double decay, ISchedule schedule, List<List<String>> groups) {
        this.decay = decay;
        this.schedule = schedule;
        this.groups = groups;
    }

    /**
     * Decay {@code decay} per layer from the top, scaling each layer's own setting.
     *
     * @param decay in {@code (0, 1]}; 1 changes nothing (timm's default {@code layer_decay} is 0.75, after BEiT)
     */
    public static LayerwiseLrDecay of(double decay) {
        return new LayerwiseLrDecay(Checks.inLeftOpenRange("decay", decay, 0, 1), null, null);
    }

    /** The same decay with {@code schedule} as the base of every layer (and bias updater): ScaledSchedule(schedule, scale). */
    public LayerwiseLrDecay schedule(ISchedule schedule) {
        return new LayerwiseLrDecay(decay, Checks.notNull("schedule", schedule), groups);
    }

    /**
     * The same decay over explicit groups of layer names, top first: group {@code k} gets {@code decay^k}.
     *
     * @param topFirst not empty; each group not empty; no layer twice
     */
    public LayerwiseLrDecay groups(List<List<String>> topFirst) {
        Checks.notNull("groups", topFirst);
        Checks.check(!topFirst.isEmpty(), "groups must not be empty");
        List<List<String>> copy = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<String> g : Checks.noNulls("groups", topFirst)) {
            Checks.check(!g.isEmpty(), "groups must not contain an empty group, got " + topFirst);
            for (String name : Checks.noNulls("group", g)) {
                Checks.check(seen.add(name), "layer '" + name + "' is in more than one group: " + topFirst);
            }
            copy.add(List.copyOf(g));
        }
        return new LayerwiseLrDecay(decay, schedule, List.copyOf(copy));
    }

    /**
     * The scale each learning layer of {@code net} gets, by layer name, top first; {@code net} is not changed.
     *
     * @throws IllegalArgumentException for a model other than MultiLayerNetwork / ComputationGraph, or groups that
     *                                  name an unknown or non-learning layer or leave a learning layer out
     * @throws IllegalStateException    if no layer of {@code net} has a learning rate
     */
    public Map<String, Double> scales(Model net) {
        return scales(net, NetworkAdapter.of(OWNER, net, LayerSelection.all()));
    }

    private Map<String, Double> scales(Model net, NetworkAdapter adapter) {
        Map<String, Integer> depths = depths(net, adapter);
        List<Map.Entry<String, Integer>> byDepth = new ArrayList<>(depths.entrySet());
        byDepth.sort(Map.Entry.comparingByValue()); // stable: ties keep the network's layer order
        Map<String, Double> scales = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : byDepth) {
            scales.put(e.getKey(), Math.pow(decay, e.getValue()));
        }
        return Collections.unmodifiableMap(scales);
    }

    /**
     * Installs the scaled settings in {@code net} (an initialised MultiLayerNetwork or ComputationGraph), keeping
     * its updater state.
     *
     * @return the scale each learning layer got ({@link #scales})
     */
    public Map<String, Double> applyTo(Model net) {
        NetworkAdapter adapter = NetworkAdapter.of(OWNER, net, LayerSelection.all());
        Map<String, Double> scales = scales(net, adapter);
        int iteration = adapter.getIterationCount();
        int epoch = adapter.getEpochCount();
        for (LearningRateGroup g : adapter.getGroups()) {
            double scale = scales.get(g.name());
            g.set(scaled(g.learningRate(), scale, iteration, epoch), scaled(g.biasLearningRate(), scale, iteration, epoch));
        }
        return scales;
    }

    private LearningRate scaled(Optional<LearningRate> current, double scale, int iteration, int epoch) {
        if (current.isEmpty()) {
            return null;
        }
        if (schedule != null) {
            return new LearningRate.Scheduled(new ScaledSchedule(schedule, scale));
        }
        double now = current.get().valueAt(iteration, epoch);
        return current.get().rescaled(now, now * scale, scale);
    }

    /** Learning layer name -> depth from the top, in the network's layer order. */
    private Map<String, Integer> depths(Model net, NetworkAdapter adapter) {
        List<String> learning = adapter.getGroups().stream().map(LearningRateGroup::name).toList();
        if (groups != null) {
            return groupDepths(net, learning);
        }
        Map<String, List<String>> successors = successors(net);
        Set<String> counted = new HashSet<>(learning);
        Map<String, Integer> memo = new HashMap<>();
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (String name : learning) {
            depths.put(name, below(name, successors, counted, memo));
        }
        return depths;
    }

    /** Learning layers strictly after {@code vertex} on its longest path to an output. */
    private static int below(String vertex, Map<String, List<String>> successors, Set<String> counted,
                             Map<String, Integer> memo) {
        Integer known = memo.get(vertex);
        if (known != null) {
            return known;
        }
        int depth = 0;
        for (String next : successors.getOrDefault(vertex, List.of())) {
            depth = Math.max(depth, below(next, successors, counted, memo) + (counted.contains(next) ? 1 : 0));
        }
        memo.put(vertex, depth);
        return depth;
    }

    /** Vertex -> the vertices that take its output: a chain for a MultiLayerNetwork, the graph for a ComputationGraph. */
    private static Map<String, List<String>> successors(Model net) {
        Map<String, List<String>> next = new HashMap<>();
        if (net instanceof ComputationGraph cg) {
            for (Map.Entry<String, List<String>> e : cg.getConfiguration().getVertexInputs().entrySet()) {
                for (String input : e.getValue()) {
                    next.computeIfAbsent(input, k -> new ArrayList<>()).add(e.getKey());
                }
            }
        } else {
            Layer[] layers = ((MultiLayerNetwork) net).getLayers();
            for (int i = 0; i + 1 < layers.length; i++) {
                next.put(name(layers[i]), List.of(name(layers[i + 1])));
            }
        }
        return next;
    }

    private static String name(Layer layer) {
        return layer.conf().getLayer().getLayerName();
    }

    private Map<String, Integer> groupDepths(Model net, List<String> learning) {
        Map<String, Integer> groupOf = new HashMap<>();
        for (int k = 0; k < groups.size(); k++) {
            for (String name : groups.get(k)) {
                groupOf.put(name, k);
            }
        }
        Set<String> unknown = new HashSet<>(groupOf.keySet());
        unknown.removeAll(learning);
        Checks.check(unknown.isEmpty(), "groups name layers that are not learning layers of the network: "
                + unknown.stream().sorted().toList() + "; its layers with a learning rate (not frozen) are " + learning);
        List<String> missing = learning.stream().filter(n -> !groupOf.containsKey(n)).toList();
        Checks.check(missing.isEmpty(), "groups must list every learning layer; missing " + missing);
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (String name : learning) {
            depths.put(name, groupOf.get(name));
        }
        return depths;
    }

    /** The decay per layer, in (0, 1]. */
    public double getDecay() {
        return decay;
    }

    /** The base schedule of every layer, or empty to scale each layer's own setting. */
    public Optional<ISchedule> getSchedule() {
        return Optional.ofNullable(schedule);
    }

    /** The explicit groups (top first), or empty for depths from the network. */
    public Optional<List<List<String>>> getGroups() {
        return Optional.ofNullable(groups);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerwiseLrDecay)) {
            return false;
        }
        LayerwiseLrDecay d = (LayerwiseLrDecay) o;
        return Double.compare(decay, d.decay) == 0 && Objects.equals(schedule, d.schedule)
                && Objects.equals(groups, d.groups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(decay, schedule, groups);
    }

    @Override
    public String toString() {
        return OWNER + "(decay=" + decay + (schedule != null ? ", schedule=" + schedule : "")
                + (groups != null ? ", groups=" + groups : "") + ")";
    }
}
