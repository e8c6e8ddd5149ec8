package dev.lrsched.listeners;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny deterministic networks and in-memory data for listener tests (no downloads, no async). */
final class TestNets {

    private TestNets() {
    }

    /** MLN 4-8-3 (tanh dense "layer0", softmax output "layer1"); {@code outUpdater} null = same as {@code updater}. */
    static MultiLayerNetwork mln(IUpdater updater, IUpdater outUpdater) {
        OutputLayer.Builder out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                .activation(Activation.SOFTMAX);
        if (outUpdater != null) {
            out.updater(outUpdater);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(out.build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork mln(IUpdater updater) {
        return mln(updater, null);
    }

    /** CG in -> "dense" (4-8) -> "out" (8-3 softmax). */
    static ComputationGraph graph(IUpdater updater) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(updater)
                .graphBuilder()
                .addInputs("in")
                .addLayer("dense", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "dense")
                .setOutputs("out")
                .build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** {@code batches} batches of {@code batchSize} random examples with one-hot labels, fixed seed. */
    static List<DataSet> data(long seed, int batches, int batchSize) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double[][] x = new double[batchSize][4];
            double[][] y = new double[batchSize][3];
            for (int i = 0; i < batchSize; i++) {
                for (int j = 0; j < 4; j++) {
                    x[i][j] = r.nextGaussian();
                }
                y[i][(x[i][0] > 0 ? 1 : 0) + (x[i][1] > 0.5 ? 1 : 0)] = 1;
            }
            INDArray f = Nd4j.create(x);
            INDArray l = Nd4j.create(y);
            out.add(new DataSet(f, l));
        }
        return out;
    }

    /** Training data: 4 batches of 8 (4 iterations per epoch). */
    static ListDataSetIterator<DataSet> train() {
        return new ListDataSetIterator<>(data(1, 4, 8), 1);
    }

    /** Small training data: 1 batch of 8 (1 iteration per epoch), for tests that run many epochs. */
    static ListDataSetIterator<DataSet> trainSmall() {
        return new ListDataSetIterator<>(data(1, 1, 8), 1);
    }

    /** Validation data: 2 batches of 8. */
    static ListDataSetIterator<DataSet> validation() {
        return new ListDataSetIterator<>(data(2, 2, 8), 1);
    }

    /** A calculator returning a scripted sequence of metrics, one per call (then repeating the last). */
    static final class Scripted implements ScoreCalculator<Model> {
        private static final long serialVersionUID = 1L;
        private final double[] values;
        private final boolean minimize;
        private int calls;

        Scripted(boolean minimize, double... values) {
            this.values = values;
            this.minimize = minimize;
        }

        Scripted from(int index) {
            this.calls = index;
            return this;
        }

        int calls() {
            return calls;
        }

        @Override
        public double calculateScore(Model network) {
            return values[Math.min(calls++, values.length - 1)];
        }

        @Override
        public boolean minimizeScore() {
            return minimize;
        }
    }
}
