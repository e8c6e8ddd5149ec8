package dev.lrsched.listeners.network;

import dev.lrsched.schedules.support.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which layers of a network a plateau front end may rescale: all of them (the default), some by name, or some
 * of a {@code MultiLayerNetwork} by index. An immutable value; resolved against a network's layer names by
 * {@link NetworkAdapter}.
 */
public final class LayerSelection {

    private static final LayerSelection ALL = new LayerSelection(null, null);

    private final List<String> names;
    private final int[] indices;

    private LayerSelection(List<String> names, int[] indices) {
        this.names = names;
        this.indices = indices;
    }

    /** Every layer. */
    public static LayerSelection all() {
        return ALL;
    }

    /**
     * The layers named {@code names}, or those at {@code indices} (a {@code MultiLayerNetwork} only), or all if
     * both are null.
     *
     * @param names   layer names, or null; not empty, no nulls (MultiLayerNetwork names are "layer0", "layer1", ...)
     * @param indices layer indices, or null; not empty. At most one of {@code names} and {@code indices}.
     */
    public static LayerSelection of(List<String> names, int[] indices) {
        Checks.check(names == null || indices == null, "set at most one of layers(String...) and layerIndices(int...)");
        if (names != null) {
            Checks.check(!names.isEmpty(), "layers must name at least one layer");
            return new LayerSelection(List.copyOf(Checks.noNulls("layers", names)), null);
        }
        if (indices != null) {
            Checks.check(indices.length > 0, "layerIndices must name at least one layer");
            return new LayerSelection(null, indices.clone());
        }
        return ALL;
    }

    /**
     * The positions (in {@code layerNames}) of the chosen layers, in order, without repeats.
     *
     * @param layerNames        the network's layer names, in the order of its layers
     * @param indicesSupported  whether the network can be addressed by index (MultiLayerNetwork)
     * @throws IllegalArgumentException for an unknown name, an index out of range, or indices where none are supported
     */
    List<Integer> resolve(List<String> layerNames, boolean indicesSupported) {
        Set<Integer> chosen = new LinkedHashSet<>();
        if (indices != null) {
            Checks.check(indicesSupported, "layerIndices(int...) is only supported for MultiLayerNetwork;"
                    + " use layers(String...) for ComputationGraph");
            for (int i : indices) {
                Checks.check(i >= 0 && i < layerNames.size(),
                        "layer index " + i + " out of range [0, " + (layerNames.size() - 1) + "]");
                chosen.add(i);
            }
        } else if (names != null) {
            for (String n : names) {
                int i = layerNames.indexOf(n);
                Checks.check(i >= 0, "unknown layer name '" + n + "', layers are " + layerNames);
                chosen.add(i);
            }
        } else {
            for (int i = 0; i < layerNames.size(); i++) {
                chosen.add(i);
            }
        }
        return new ArrayList<>(chosen);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerSelection)) {
            return false;
        }
        LayerSelection s = (LayerSelection) o;
        return Objects.equals(names, s.names) && Arrays.equals(indices, s.indices);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(names) + Arrays.hashCode(indices);
    }

    /** "all", the chosen names ({@code [dense, out]}) or the chosen indices ({@code [1]}). */
    @Override
    public String toString() {
        return names != null ? names.toString() : indices != null ? Arrays.toString(indices) : "all";
    }
}
