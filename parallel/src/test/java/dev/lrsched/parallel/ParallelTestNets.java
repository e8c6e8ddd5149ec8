package dev.lrsched.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny deterministic networks, data and wrappers for ParallelWrapper tests (in memory, never async). */
final class ParallelTestNets {

    private ParallelTestNets() {
    }

    /** MLN 4-8-3 in double precision: tanh dense, softmax output. */
    static MultiLayerNetwork mln(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE).updater(updater).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** CG in -> "dense" (4-8) -> "out" (8-3 softmax), double precision. */
    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).dataType(DataType.DOUBLE).updater(updater)
                .graphBuilder().addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Two workers, averaging after every round, no prefetch thread. */
    static ParallelWrapper wrapper(org.deeplearning4j.nn.api.Model net) {
        return new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(0).averagingFrequency(1).build();
    }

    /** {@code batches} batches of {@code size} random examples with one-hot labels, fixed seed. */
    static List<DataSet> data(long seed, int batches, int size) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double[][] x = new double[size][4];
            double[][] y = new double[size][3];
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < 4; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i][(x[i][0] > 0 ? 1 : 0) + (x[i][1] > 0.5 ? 1 : 0)] = 1;
            }
            out.add(new DataSet(Nd4j.create(x), Nd4j.create(y)));
        }
        return out;
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
