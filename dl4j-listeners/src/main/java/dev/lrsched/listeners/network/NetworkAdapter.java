package dev.lrsched.listeners.network;

import dev.lrsched.listeners.plateau.LearningRate;
import dev.lrsched.listeners.plateau.LearningRateGroup;
import dev.lrsched.listeners.plateau.LearningRateTarget;
import dev.lrsched.schedules.support.Checks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code MultiLayerNetwork} or {@code ComputationGraph} as the plateau core sees it (a
 * {@link LearningRateTarget}), built once per network: its counters and, per chosen layer that has a learning
 * rate, one {@link LearningRateGroup} with the layer's updater and its separate {@code biasUpdater}.
 *
 * <p>A group's new settings go through DL4J's own setters, which keep the updater state (Adam moments): a bias
 * setting is installed in the bias updater in place, then {@code net.setLearningRate(layer, lr | schedule)}
 * (by index for a MultiLayerNetwork, by name for a ComputationGraph) installs the main one and rebuilds the
 * updater. Layers without a learning rate (AdaDelta, NoOp) and frozen layers ({@code FrozenLayer},
 * {@code FrozenLayerWithBackprop}; DL4J still reports the wrapped layer's unused updater for them) are skipped,
 * with one WARN listing them ({@code "ReduceLROnPlateauListener: skipping layers without a learning rate: [...]"}).
 *
 * <p>{@link #copyOf(Model)} is the copy-and-isolate path of experiments such as the LR finder: a private copy
 * through {@code ModelSerializer} (parameters, updater state, counters and configuration, so nothing is
 * shared with the user's network; listeners are not copied). Usage:
 * {@code new PlateauController(settings, "loop").step(NetworkAdapter.of("MyLoop", net, LayerSelection.all()), loss, "loss");}
 */
public final class NetworkAdapter implements LearningRateTarget {

    private static final Logger log = LoggerFactory.getLogger(NetworkAdapter.class);

    /** Installed on a main updater without a learning rate: DL4J ignores the value and only rebuilds the updater. */
    private static final LearningRate REFRESH_ONLY = new LearningRate.Fixed(0.0);

    private final Engine engine;
    private final List<Group> groups;
    /** Chosen layers with parameters but no learning rate to rescale, described ("dense (frozen)"). */
    private final List<String> skipped;

    /**
     * The chosen layers of {@code model} that have a learning rate.
     *
     * @param owner what error messages name as the caller, e.g. {@code "ReduceLROnPlateauListener"}; not null
     * @throws IllegalArgumentException for a model other than MultiLayerNetwork / ComputationGraph, an unknown
     *                                  layer name or an index out of range
     * @throws IllegalStateException    if none of the chosen layers has a learning rate
     */
    public static NetworkAdapter of(String owner, Model model, LayerSelection layers) {
        Checks.notNull("owner", owner);
        Checks.notNull("layers", layers);
        Engine engine = Engine.of(owner, model);
        List<String> names = engine.layerNames();
        List<Integer> chosen = layers.resolve(names, engine.supportsIndices());
        NetworkAdapter adapter = new NetworkAdapter(engine, chosen);
        if (adapter.groups.isEmpty()) {
            throw new IllegalStateException(owner + ": none of the chosen layers "
                    + chosen.stream().map(names::get).toList() + " has an updater with a learning rate"
                    + " (AdaDelta, NoOp and frozen layers have none); there is nothing to reduce");
        }
        if (!adapter.skipped.isEmpty()) {
            log.warn("{}: skipping layers without a learning rate: {}", owner, adapter.skipped);
        }
        return adapter;
    }

    /**
     * A private copy of {@code model} (all layers; possibly without any group, check {@link #getGroups()}; no WARN
     * for layers without a learning rate). An uninitialised network is {@code init()}-ed first; otherwise
     * {@code model} is not modified.
     */
    public static NetworkAdapter copyOf(Model model) {
        Checks.notNull("net", model);
        Engine original = Engine.of("NetworkAdapter.copyOf", model);
        original.network().init(); // no-op when already initialised
        Engine copy = original.copy();
        return new NetworkAdapter(copy, LayerSelection.all().resolve(copy.layerNames(), true));
    }

    /** The chosen layers that have a learning rate become groups; the others are listed in {@link #skipped}. */
    private NetworkAdapter(Engine engine, List<Integer> chosen) {
        List<String> names = engine.layerNames();
        List<Group> withLr = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i : chosen) {
            Group g = new Group(engine, i, names.get(i));
            Layer layer = g.layer();
            boolean frozen = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop;
            if (!frozen && (g.learningRate().isPresent() || g.biasLearningRate().isPresent())) {
                withLr.add(g);
            } else if (layer.numParams() > 0) {
                skipped.add(g.name() + " (" + (frozen ? "frozen" : describe(layer)) + ")");
            }
        }
        this.engine = engine;
        this.groups = List.copyOf(withLr);
        this.skipped = List.copyOf(skipped);
    }

    private static String describe(Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        if (conf instanceof BaseLayer) {
            Object u = ((BaseLayer) conf).getIUpdater();
            return u == null ? "no updater" : u.getClass().getSimpleName();
        }
        return conf == null ? "no configuration" : conf.getClass().getSimpleName();
    }

    /** The network this adapter rescales. */
    public Model getModel() {
        return engine.model();
    }

    /** The same network as DL4J's {@code NeuralNetwork} (fit and evaluate either type). */
    public NeuralNetwork getNetwork() {
        return engine.network();
    }

    @Override
    public int getIterationCount() {
        return engine.iterationCount().getAsInt();
    }

    @Override
    public int getEpochCount() {
        return engine.epochCount().getAsInt();
    }

    @Override
    public List<? extends LearningRateGroup> getGroups() {
        return groups;
    }

    /**
     * Sets the network's iteration and epoch counters (its configuration's, which the updater, the schedules and
     * {@code ModelSerializer} read; the layers' copies follow at the next {@code fit} or {@code init}). For front
     * ends whose engine does not advance them (ParallelWrapper's epoch counter) and for checkpoints.
     *
     * @param iteration {@code >= 0}
     * @param epoch     {@code >= 0}
     */
    public void setCounters(int iteration, int epoch) {
        Checks.nonNegative("iteration", iteration);
        Checks.nonNegative("epoch", epoch);
        engine.counters().set(iteration, epoch);
    }

    @Override
    public String toString() {
        return "NetworkAdapter(" + engine.model().getClass().getSimpleName() + ", layers="
                + groups.stream().map(Group::name).toList() + ")";
    }

    /** One chosen layer; its configuration is looked up anew on every call. */
    private static final class Group implements LearningRateGroup {
        private final Engine engine;
        private final int index;
        private final String name;

        Group(Engine engine, int index, String name) {
            this.engine = engine;
            this.index = index;
            this.name = name;
        }

        Layer layer() {
            return engine.layer(index, name);
        }

        private Optional<BaseLayer> conf() {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer().conf().getLayer();
            return conf instanceof BaseLayer ? Optional.of((BaseLayer) conf) : Optional.empty();
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Optional<LearningRate> learningRate() {
            return conf().flatMap(c -> LearningRate.of(c.getIUpdater()));
        }

        @Override
        public Optional<LearningRate> biasLearningRate() {
            return conf().flatMap(c -> LearningRate.of(c.getBiasUpdater()));
        }

        @Override
        public void set(LearningRate learningRate, LearningRate biasLearningRate) {
            if (biasLearningRate != null) {
                Checks.check(biasLearningRate().isPresent(), "layer " + name + " has no bias updater with a learning"
                        + " rate");
                biasLearningRate.applyTo(conf().orElseThrow().getBiasUpdater());
            }
            // DL4J's setter also rebuilds the updater (keeping its state): that is what picks up a bias change
            engine.setLearningRate(index, name, learningRate != null ? learningRate
                    : learningRate().orElse(REFRESH_ONLY));
        }
    }

    /**
     * What differs between the two DL4J network types, chosen once in {@link #of}: a MultiLayerNetwork's layers
     * are addressed by index, a ComputationGraph's by name; each has its own counters and restore method.
     */
    private record Engine(Model model, Supplier<Layer[]> layers, IntSupplier iterationCount, IntSupplier epochCount,
                          Counters counters, boolean supportsIndices, LayerLookup lookup, Setter setter,
                          Restorer restorer) {

        interface Counters {
            void set(int iteration, int epoch);
        }

        interface LayerLookup {
            Layer layer(int index, String name);
        }

        interface Setter {
            void setLearningRate(int index, String name, LearningRate lr);
        }

        interface Restorer {
            Model restore(InputStream in) throws IOException;
        }

        static Engine of(String owner, Model model) {
            if (model instanceof MultiLayerNetwork mln) {
                MultiLayerConfiguration conf = mln.getLayerWiseConfigurations();
                return new Engine(mln, mln::getLayers, mln::getIterationCount, mln::getEpochCount,
                        (i, e) -> { conf.setIterationCount(i); conf.setEpochCount(e); }, true,
                        (i, name) -> mln.getLayer(i),
                        (i, name, lr) -> lr.applyTo(v -> mln.setLearningRate(i, v), s -> mln.setLearningRate(i, s)),
                        in -> ModelSerializer.restoreMultiLayerNetwork(in, true));
            }
            if (model instanceof ComputationGraph cg) {
                ComputationGraphConfiguration conf = cg.getConfiguration();
                return new Engine(cg, cg::getLayers, cg::getIterationCount, cg::getEpochCount,
                        (i, e) -> { conf.setIterationCount(i); conf.setEpochCount(e); }, false,
                        (i, name) -> cg.getLayer(name),
                        (i, name, lr) -> lr.applyTo(v -> cg.setLearningRate(name, v), s -> cg.setLearningRate(name, s)),
                        in -> ModelSerializer.restoreComputationGraph(in, true));
            }
            throw new IllegalArgumentException(owner + " supports MultiLayerNetwork and ComputationGraph, got "
                    + (model == null ? "null" : model.getClass().getName()));
        }

        NeuralNetwork network() {
            return (NeuralNetwork) model;
        }

        List<String> layerNames() {
            List<String> names = new ArrayList<>();
            for (Layer l : layers.get()) {
                names.add(l.conf().getLayer().getLayerName());
            }
            return names;
        }

        Layer layer(int index, String name) {
            return lookup.layer(index, name);
        }

        void setLearningRate(int index, String name, LearningRate lr) {
            setter.setLearningRate(index, name, lr);
        }

        /** A copy through {@code ModelSerializer}: parameters, updater state, configuration, counters. */
        Engine copy() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ModelSerializer.writeModel(model, bytes, true);
                return of("copy", restorer.restore(new ByteArrayInputStream(bytes.toByteArray())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the network", e);
            }
        }
    }
}
