package dev.lrsched.listeners;

import dev.lrsched.listeners.ReduceLROnPlateauListener.HistoryEntry;
import dev.lrsched.listeners.ReduceLROnPlateauListener.ReductionEvent;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.support.Checks;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learning-rate side of ReduceLROnPlateau, shared by every adapter that decides <em>when</em> to reduce
 * ({@link ReduceLROnPlateauListener} for single-machine training, {@code dev.lrsched.spark.SparkPlateauController}
 * for DL4J Spark): it resolves the chosen layers of a {@code MultiLayerNetwork} or {@code ComputationGraph},
 * steps a {@link PlateauPolicy} with a metric and, when the policy says so, rescales their learning rates.
 *
 * <pre>
 *   lr      = learning rate now (the schedule evaluated at the network's current iteration/epoch counters)
 *   newLr   = policy.reduce(lr) = max(lr * factor, minValue), unchanged if lr - newLr &lt;= eps
 *   fixed LR         -&gt; net.setLearningRate(layer, newLr)
 *   ISchedule s      -&gt; net.setLearningRate(layer, new ScaledSchedule(s, newLr / lr))
 *                       (an existing ScaledSchedule gets its factor multiplied, never nested)
 * </pre>
 * The same is done separately for a layer's {@code biasUpdater} when it has a learning rate. Scheduled layers
 * never get a fixed {@code setLearningRate(double)}: their schedule keeps running, scaled, so a warmup + cosine
 * schedule continues wherever the configuration travels (to Spark workers too). Layers without a learning rate
 * (AdaDelta, NoOp, frozen layers) are skipped with one WARN per resolved model; if no chosen layer has one,
 * {@link #resolve(Model)} fails with {@link IllegalStateException}.
 *
 * <p>An instance caches the layers it resolved for the last model it saw; it is not thread-safe. Usage:
 * {@code LearningRateReducer r = new LearningRateReducer("MyLoop", null, null); r.step(net, policy, valLoss, "val loss");}
 */
public final class LearningRateReducer {

    private static final Logger log = LoggerFactory.getLogger(LearningRateReducer.class);

    private final String owner;
    private final List<String> layerNames;
    private final int[] layerIndices;

    private Model resolvedFor;
    private List<Target> targets;

    /**
     * @param owner        name used in error messages, e.g. {@code "ReduceLROnPlateauListener"}; not null
     * @param layerNames   reduce only these layers (by name), or null; not empty, no nulls
     * @param layerIndices reduce only these layers of a MultiLayerNetwork (by index), or null; not empty.
     *                     At most one of {@code layerNames} and {@code layerIndices}; neither means all layers.
     */
    public LearningRateReducer(String owner, List<String> layerNames, int[] layerIndices) {
        this.owner = Checks.notNull("owner", owner);
        Checks.check(!(layerNames != null && layerIndices != null),
                "set at most one of layers(String...) and layerIndices(int...)");
        if (layerNames != null) {
            Checks.check(!layerNames.isEmpty(), "layers must name at least one layer");
            Checks.noNulls("layers", layerNames);
        }
        if (layerIndices != null) {
            Checks.check(layerIndices.length > 0, "layerIndices must name at least one layer");
        }
        this.layerNames = layerNames == null ? null : List.copyOf(layerNames);
        this.layerIndices = layerIndices == null ? null : layerIndices.clone();
    }

    /** The chosen layer names, or null for all layers / indices. */
    public List<String> getLayerNames() {
        return layerNames;
    }

    /** The chosen layer indices (a copy), or null. */
    public int[] getLayerIndices() {
        return layerIndices == null ? null : layerIndices.clone();
    }

    /** "all", the chosen names or the chosen indices, for toString of adapters. */
    public String describeLayers() {
        return layerNames != null ? layerNames.toString() : layerIndices != null ? Arrays.toString(layerIndices)
                : "all";
    }

    // ------------------------------------------------------------------ stepping

    /**
     * Steps {@code policy} with {@code metric} and, if a reduction is due, reduces the learning rates of the
     * chosen layers of {@code model} (see the class comment). Logs the reduction at INFO.
     *
     * @param description what the metric is, for the log ("validation LOSS", ...)
     * @return the history entry of this evaluation and the reduction event (null if nothing changed)
     */
    public StepResult step(Model model, PlateauPolicy policy, double metric, String description) {
        Checks.notNull("model", model);
        Checks.notNull("policy", policy);
        resolve(model);
        long evaluation = policy.getLastEpoch() + 1;
        int epoch = epochCount(model);
        int iteration = iterationCount(model);
        boolean due = policy.step(metric);
        Reduction reduction = null;
        if (due) {
            reduction = reduce(model, policy, evaluation, metric, description);
        }
        boolean reduced = reduction != null && reduction.isReduced();
        HistoryEntry entry = new HistoryEntry(evaluation, epoch, iteration, metric, policy.getBest(),
                firstLearningRate(model), reduced);
        ReductionEvent event = reduced ? new ReductionEvent(evaluation, epoch, iteration, metric, policy.getBest(),
                reduction.getOldLearningRate(), reduction.getNewLearningRate(), reduction.getLayers()) : null;
        return new StepResult(entry, event);
    }

    /**
     * Reduces the learning rates of the chosen layers now by {@code policy.reduce(lr)} (its factor, minValue
     * floor and eps), without stepping the policy. {@code evaluation}, {@code metric} and {@code description}
     * only go to the log.
     */
    public Reduction reduce(Model model, PlateauPolicy policy, long evaluation, double metric, String description) {
        Checks.notNull("model", model);
        Checks.notNull("policy", policy);
        resolve(model);
        int it = iterationCount(model);
        int ep = epochCount(model);
        List<String> changed = new ArrayList<>();
        double firstOld = Double.NaN;
        double firstNew = Double.NaN;
        for (Target t : targets) {
            BaseLayer conf = t.conf(model);
            IUpdater main = conf.getIUpdater();
            IUpdater bias = conf.getBiasUpdater();
            Object newMain = hasLr(main) ? reduced(main, policy, it, ep) : null;
            Object newBias = hasLr(bias) ? reduced(bias, policy, it, ep) : null;
            if (newBias != null) {
                if (newBias instanceof ISchedule) {
                    bias.setLrAndSchedule(Double.NaN, (ISchedule) newBias);
                } else {
                    bias.setLrAndSchedule((Double) newBias, null);
                }
            }
            if (newMain != null || newBias != null) {
                if (Double.isNaN(firstOld) && hasLr(main)) {
                    firstOld = main.getLearningRate(it, ep);
                }
                // setLearningRate also rebuilds the updater (keeping its state); it is what picks up the bias change
                Object apply = newMain != null ? newMain : currentSetting(main);
                t.setLearningRate(model, apply);
                if (Double.isNaN(firstNew) && hasLr(main)) {
                    firstNew = main.getLearningRate(it, ep);
                }
                changed.add(t.name);
            }
        }
        if (changed.isEmpty()) {
            log.info("ReduceLROnPlateau: evaluation #{} (epoch {}, iteration {}): {} = {}, best {}: plateau, but no"
                            + " learning rate changed by more than eps={} (minValue={})", evaluation, ep, it,
                    description, metric, policy.getBest(), policy.getEps(), policy.getMinValue());
        } else {
            log.info("ReduceLROnPlateau: evaluation #{} (epoch {}, iteration {}): {} = {}, best {}: learning rate {}"
                            + " -> {} on {} layer(s) {}", evaluation, ep, it, description, metric,
                    policy.getBest(), firstOld, firstNew, changed.size(), changed);
        }
        return new Reduction(firstOld, firstNew, changed);
    }

    /** The new LR (Double) or schedule (ISchedule) for {@code u}, or null if unchanged. */
    private static Object reduced(IUpdater u, PlateauPolicy policy, int iteration, int epoch) {
        double lr = u.getLearningRate(iteration, epoch);
        double newLr = policy.reduce(lr);
        if (!(newLr < lr)) {
            return null;
        }
        ISchedule schedule = scheduleOf(u);
        if (schedule == null) {
            return newLr;
        }
        double multiplier = newLr == lr * policy.getFactor() ? policy.getFactor() : newLr / lr;
        return new ScaledSchedule(schedule, multiplier);
    }

    private static Object currentSetting(IUpdater u) {
        if (!hasLr(u)) {
            return 0.0; // ignored by DL4J for updaters without a learning rate; only refreshes the updater
        }
        ISchedule s = scheduleOf(u);
        return s != null ? s : (Object) u.getLearningRate(0, 0);
    }

    private static boolean hasLr(IUpdater u) {
        return u != null && u.hasLearningRate();
    }

    /**
     * The updater's LR schedule, or null for a fixed LR: every built-in ND4J updater with a LR exposes
     * {@code getLearningRateSchedule()}.
     */
    public static ISchedule scheduleOf(IUpdater u) {
        try {
            Method m = u.getClass().getMethod("getLearningRateSchedule");
            Object s = m.invoke(u);
            return s instanceof ISchedule ? (ISchedule) s : null;
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the learning rate schedule of " + u, e);
        }
    }

    /** LR of the first chosen layer that has one, at the model's current counters (null if none). */
    public Double firstLearningRate(Model model) {
        resolve(model);
        for (Target t : targets) {
            Double lr = t.learningRate(model);
            if (lr != null) {
                return lr;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ layer resolution

    /**
     * Resolves (and caches for {@code model}) the chosen layers that have a learning rate.
     *
     * @throws IllegalArgumentException for an unknown layer name/index or an unsupported model type
     * @throws IllegalStateException    if none of the chosen layers has a learning rate
     */
    public void resolve(Model model) {
        if (model != null && model == resolvedFor) {
            return;
        }
        List<Target> all = new ArrayList<>();
        if (model instanceof MultiLayerNetwork) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            Layer[] layers = net.getLayers();
            List<String> names = new ArrayList<>();
            for (Layer l : layers) {
                names.add(l.conf().getLayer().getLayerName());
            }
            Set<Integer> chosen = new LinkedHashSet<>();
            if (layerIndices != null) {
                for (int i : layerIndices) {
                    Checks.check(i >= 0 && i < layers.length,
                            "layer index " + i + " out of range [0, " + (layers.length - 1) + "]");
                    chosen.add(i);
                }
            } else if (layerNames != null) {
                for (String n : layerNames) {
                    int i = names.indexOf(n);
                    Checks.check(i >= 0, "unknown layer name '" + n + "', layers are " + names);
                    chosen.add(i);
                }
            } else {
                for (int i = 0; i < layers.length; i++) {
                    chosen.add(i);
                }
            }
            for (int i : chosen) {
                all.add(new Target(names.get(i), i));
            }
        } else if (model instanceof ComputationGraph) {
            ComputationGraph net = (ComputationGraph) model;
            Checks.check(layerIndices == null, "layerIndices(int...) is only supported for MultiLayerNetwork;"
                    + " use layers(String...) for ComputationGraph");
            List<String> names = new ArrayList<>();
            for (Layer l : net.getLayers()) {
                names.add(l.conf().getLayer().getLayerName());
            }
            if (layerNames != null) {
                for (String n : layerNames) {
                    Checks.check(names.contains(n), "unknown layer name '" + n + "', layers are " + names);
                }
            }
            for (String n : layerNames != null ? new LinkedHashSet<>(layerNames) : names) {
                all.add(new Target(n, -1));
            }
        } else {
            throw new IllegalArgumentException(owner + " supports MultiLayerNetwork and"
                    + " ComputationGraph, got " + (model == null ? "null" : model.getClass().getName()));
        }
        List<Target> withLr = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Target t : all) {
            Layer layer = t.layer(model);
            org.deeplearning4j.nn.conf.layers.Layer conf = t.rawConf(model);
            // a frozen layer's implementation reports the wrapped layer's configuration (with its updater),
            // but its parameters never change: reducing its LR would be meaningless
            boolean frozen = layer instanceof org.deeplearning4j.nn.layers.FrozenLayer
                    || layer instanceof org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
            boolean hasLr = !frozen && conf instanceof BaseLayer && (hasLr(((BaseLayer) conf).getIUpdater())
                    || hasLr(((BaseLayer) conf).getBiasUpdater()));
            if (hasLr) {
                withLr.add(t);
            } else if (layer.numParams() > 0) {
                skipped.add(t.name + " (" + (frozen ? "frozen" : describe(conf)) + ")");
            }
        }
        if (withLr.isEmpty()) {
            throw new IllegalStateException(owner + ": none of the chosen layers " + names(all)
                    + " has an updater with a learning rate (AdaDelta, NoOp and frozen layers have none);"
                    + " there is nothing to reduce");
        }
        if (!skipped.isEmpty()) {
            log.warn("ReduceLROnPlateau: skipping layers without a learning rate: {}", skipped);
        }
        this.targets = withLr;
        this.resolvedFor = model;
    }

    private static String describe(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BaseLayer) {
            IUpdater u = ((BaseLayer) conf).getIUpdater();
            return u == null ? "no updater" : u.getClass().getSimpleName();
        }
        return conf == null ? "no configuration" : conf.getClass().getSimpleName();
    }

    private static List<String> names(List<Target> targets) {
        List<String> out = new ArrayList<>();
        for (Target t : targets) {
            out.add(t.name);
        }
        return out;
    }

    /** The network's iteration counter (0 for other models). */
    public static int iterationCount(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) model).getIterationCount();
        }
        if (model instanceof ComputationGraph) {
            return ((ComputationGraph) model).getIterationCount();
        }
        return 0;
    }

    /** The network's epoch counter (0 for other models). */
    public static int epochCount(Model model) {
        if (model instanceof MultiLayerNetwork) {
            return ((MultiLayerNetwork) model).getEpochCount();
        }
        if (model instanceof ComputationGraph) {
            return ((ComputationGraph) model).getEpochCount();
        }
        return 0;
    }

    @Override
    public String toString() {
        return "LearningRateReducer(owner=" + owner + ", layers=" + describeLayers() + ")";
    }

    /** A chosen layer: by index for MultiLayerNetwork, by name for ComputationGraph. */
    private static final class Target {
        final String name;
        final int index;

        Target(String name, int index) {
            this.name = name;
            this.index = index;
        }

        Layer layer(Model model) {
            return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getLayer(index)
                    : ((ComputationGraph) model).getLayer(name);
        }

        org.deeplearning4j.nn.conf.layers.Layer rawConf(Model model) {
            return layer(model).conf().getLayer();
        }

        BaseLayer conf(Model model) {
            return (BaseLayer) rawConf(model);
        }

        Double learningRate(Model model) {
            return model instanceof MultiLayerNetwork ? ((MultiLayerNetwork) model).getLearningRate(index)
                    : ((ComputationGraph) model).getLearningRate(name);
        }

        void setLearningRate(Model model, Object value) {
            if (model instanceof MultiLayerNetwork) {
                MultiLayerNetwork net = (MultiLayerNetwork) model;
                if (value instanceof ISchedule) {
                    net.setLearningRate(index, (ISchedule) value);
                } else {
                    net.setLearningRate(index, (Double) value);
                }
            } else {
                ComputationGraph net = (ComputationGraph) model;
                if (value instanceof ISchedule) {
                    net.setLearningRate(name, (ISchedule) value);
                } else {
                    net.setLearningRate(name, (Double) value);
                }
            }
        }
    }

    /** What {@link #reduce} changed. */
    public static final class Reduction {
        private final double oldLearningRate;
        private final double newLearningRate;
        private final List<String> layers;

        Reduction(double oldLearningRate, double newLearningRate, List<String> layers) {
            this.oldLearningRate = oldLearningRate;
            this.newLearningRate = newLearningRate;
            this.layers = Collections.unmodifiableList(new ArrayList<>(layers));
        }

        /** True if at least one learning rate (main or bias) changed. */
        public boolean isReduced() {
            return !layers.isEmpty();
        }

        /** LR of the first changed layer's main updater before (NaN if none or only bias LRs changed). */
        public double getOldLearningRate() {
            return oldLearningRate;
        }

        /** LR of the first changed layer's main updater after (NaN if none or only bias LRs changed). */
        public double getNewLearningRate() {
            return newLearningRate;
        }

        /** Names of the layers whose learning rate (main or bias) changed. */
        public List<String> getLayers() {
            return layers;
        }

        @Override
        public String toString() {
            return "Reduction(oldLearningRate=" + oldLearningRate + ", newLearningRate=" + newLearningRate
                    + ", layers=" + layers + ")";
        }
    }

    /** What {@link #step} did: the history entry and, if the LR changed, the reduction event. */
    public static final class StepResult {
        private final HistoryEntry historyEntry;
        private final ReductionEvent reductionEvent;

        StepResult(HistoryEntry historyEntry, ReductionEvent reductionEvent) {
            this.historyEntry = Objects.requireNonNull(historyEntry);
            this.reductionEvent = reductionEvent;
        }

        public HistoryEntry getHistoryEntry() {
            return historyEntry;
        }

        /** The reduction, or null if no learning rate changed. */
        public ReductionEvent getReductionEvent() {
            return reductionEvent;
        }

        /** True if a learning rate changed. */
        public boolean isReduced() {
            return reductionEvent != null;
        }

        @Override
        public String toString() {
            return "StepResult(" + historyEntry + ", " + reductionEvent + ")";
        }
    }
}
