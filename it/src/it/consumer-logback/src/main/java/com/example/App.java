package com.example;

import java.util.Random;

import dev.lrsched.listeners.ReduceLROnPlateauListener;
import dev.lrsched.listeners.metric.Metric;
import dev.lrsched.schedules.Schedules;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ScheduleType;
import org.slf4j.LoggerFactory;

/**
 * A user's application: the program of README.md "Use lrsched in your project" (the lines between the markers
 * must stay identical to README's block; verify.groovy checks it), on random data with random labels, so the
 * validation loss stops improving after a few epochs and the plateau listener reduces the learning rate.
 */
public final class App {

    public static void main(String[] args) {
        DataSetIterator trainIterator = randomData(1, 256);
        DataSetIterator validationIterator = randomData(2, 128);

        // ---- README.md: begin
        ReduceLROnPlateauListener plateau = ReduceLROnPlateauListener.builder()
                .validation(validationIterator, Metric.LOSS)          // evaluated at every epoch end
                .factor(0.5).patience(2).minValue(1e-5)
                .build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .updater(new Adam(Schedules.warmupCosine(ScheduleType.ITERATION, 1e-2, 40, 1_000)))
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(32).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.addListeners(plateau);       // a reduction rescales the schedule, it does not replace it
        net.fit(trainIterator, 20);
        // ---- README.md: end

        System.out.println("APP reductions=" + plateau.getNumReductions());
        System.out.println("APP logger factory=" + LoggerFactory.getILoggerFactory().getClass().getName());
        System.out.println("APP slf4j-api=" + LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation());
    }

    /** {@code n} examples, 4 uniform features, one of 3 labels at random: nothing to learn. Batches of 32. */
    private static DataSetIterator randomData(long seed, int n) {
        Random random = new Random(seed);
        INDArray features = Nd4j.create(DataType.FLOAT, n, 4);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                features.putScalar(i, j, random.nextDouble());
            }
            labels.putScalar(i, random.nextInt(3), 1.0);
        }
        return new ExistingDataSetIterator(new DataSet(features, labels).batchBy(32));
    }
}
