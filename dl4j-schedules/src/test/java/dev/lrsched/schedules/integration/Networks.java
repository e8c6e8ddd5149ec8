package dev.lrsched.schedules.integration;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks and generated data for integration tests (no downloads). */
final class Networks {

    static final int FEATURES = 4;
    static final int CLASSES = 3;

    private Networks() {
    }

    /** 4-8-3 MLP, double precision so LR read back from parameter deltas is exact enough. */
    static MultiLayerNetwork mln(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The same 4-8-3 MLP as a ComputationGraph with layers "hidden" and "out". */
    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(FEATURES).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Deterministic 3-class Gaussian blobs, {@code batches} minibatches of 10 examples. */
    static List<DataSet> batches(int batches, long seed) {
        Nd4j.getRandom().setSeed(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            INDArray x = Nd4j.randn(DataType.DOUBLE, 10, FEATURES);
            INDArray y = Nd4j.zeros(DataType.DOUBLE, 10, CLASSES);
            for (int i = 0; i < 10; i++) {
                int c = (b * 10 + i) % CLASSES;
                y.putScalar(i, c, 1.0);
                x.putScalar(i, c, x.getDouble(i, c) + 2.0);
            }
            out.add(new DataSet(x, y));
        }
        return out;
    }

    /** One element per minibatch. In-memory iterator: asyncSupported() == false, so DL4J never wraps it in AsyncDataSetIterator. */
    static ListDataSetIterator<DataSet> iterator(List<DataSet> batches) {
        return new ListDataSetIterator<>(batches, 1);
    }
}
