package dev.lrsched.parallel;

import dev.lrsched.schedules.testing.TinyNets;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;

/** Tiny deterministic networks, data and wrappers for ParallelWrapper tests (in memory, never async). */
final class ParallelTestNets {

    private ParallelTestNets() {
    }

    /** MLN 4-8-3, double precision ({@link TinyNets#mln}). */
    static MultiLayerNetwork mln(IUpdater updater) {
        return TinyNets.mln(updater);
    }

    /** CG in -> "dense" -> "out" ({@link TinyNets#graph}). */
    static ComputationGraph graph(IUpdater updater) {
        return TinyNets.graph(updater);
    }

    /** Two workers, averaging after every round, no prefetch thread. */
    static ParallelWrapper wrapper(org.deeplearning4j.nn.api.Model net) {
        return new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(0).averagingFrequency(1).build();
    }

    /** {@code batches} batches of {@code size} examples ({@link TinyNets#classification}). */
    static List<DataSet> data(long seed, int batches, int size) {
        return TinyNets.classification(seed, batches, size);
    }

    /** Training data: 4 batches of 8 (two averaging rounds of two workers per epoch). */
    static ListDataSetIterator<DataSet> train() {
        return new ListDataSetIterator<>(data(1, 4, 8), 1);
    }

    /** Validation data: 2 batches of 8. */
    static ListDataSetIterator<DataSet> validation() {
        return new ListDataSetIterator<>(data(2, 2, 8), 1);
    }
}
