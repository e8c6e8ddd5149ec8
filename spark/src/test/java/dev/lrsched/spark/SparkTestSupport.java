package dev.lrsched.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.TrainingHook;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * One Spark {@code local[2]} context per JVM (loopback only, no UI), recreated only when a test needs the
 * other serializer; tiny networks and data. Spark allows one active context per JVM, so test classes share it.
 */
final class SparkTestSupport {

    enum Serializer { JAVA, KRYO }

    /** Examples per minibatch, per worker. */
    static final int BATCH = 16;
    /** Averaging frequency: the driver's iteration counter advances by this per split. */
    static final int AVERAGING_FREQUENCY = 2;

    private static JavaSparkContext sc;
    private static Serializer current;

    private SparkTestSupport() {
    }

    static synchronized JavaSparkContext context(Serializer serializer) {
        if (sc != null && current == serializer) {
            return sc;
        }
        if (sc != null) {
            sc.stop();
            sc = null;
        }
        SparkConf conf = new SparkConf()
                .setMaster("local[2]")
                .setAppName("lrsched-spark-test-" + serializer)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "2")
                .set("spark.default.parallelism", "2");
        if (serializer == Serializer.KRYO) {
            conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                    .set("spark.kryo.registrator", LrschedKryoRegistrator.class.getName());
        }
        sc = new JavaSparkContext(conf);
        current = serializer;
        Runtime.getRuntime().addShutdownHook(new Thread(SparkTestSupport::stopQuietly));
        return sc;
    }

    private static synchronized void stopQuietly() {
        if (sc != null) {
            try {
                sc.stop();
            } catch (RuntimeException ignored) {
                // JVM is exiting
            }
            sc = null;
        }
    }

    /** 2 workers x BATCH examples, averaging every AVERAGING_FREQUENCY minibatches; Direct approach, no export. */
    static ParameterAveragingTrainingMaster trainingMaster() {
        return trainingMaster(new TrainingHook[0]);
    }

    /** {@link #trainingMaster()} with these hooks on every worker (e.g. {@link WorkerLearningRates}). */
    static ParameterAveragingTrainingMaster trainingMaster(TrainingHook... hooks) {
        ParameterAveragingTrainingMaster.Builder b = new ParameterAveragingTrainingMaster.Builder(BATCH)
                .batchSizePerWorker(BATCH)
                .averagingFrequency(AVERAGING_FREQUENCY)
                .workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .collectTrainingStats(false);
        if (hooks.length > 0) {
            b.trainingHooks(hooks);
        }
        return b.build();
    }

    /** MLN 4-8-3 (tanh dense "layer0", softmax output "layer1"), float. */
    static MultiLayerNetwork mln(IUpdater updater) {
        return mln(updater, DataType.FLOAT);
    }

    /** MLN 4-8-3 in {@code type} (DOUBLE where the applied LR is recovered from parameter deltas). */
    static MultiLayerNetwork mln(IUpdater updater, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(type)
                .updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(8).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** CG in -> "dense" (4-8) -> "out" (8-3 softmax), float. */
    static ComputationGraph graph(IUpdater updater) {
        return graph(updater, DataType.FLOAT);
    }

    /** CG in -> "dense" -> "out" in {@code type}. */
    static ComputationGraph graph(IUpdater updater, DataType type) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(42)
                .dataType(type)
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

    /** {@code batches} minibatches of BATCH random examples with one-hot labels, fixed seed. */
    static List<DataSet> data(long seed, int batches, int nIn) {
        Random r = new Random(seed);
        List<DataSet> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            float[][] x = new float[BATCH][nIn];
            float[][] y = new float[BATCH][3];
            for (int i = 0; i < BATCH; i++) {
                for (int j = 0; j < nIn; j++) {
                    x[i][j] = (float) r.nextGaussian();
                }
                y[i][(x[i][0] > 0 ? 1 : 0) + (x[i][1 % nIn] > 0.5 ? 1 : 0)] = 1;
            }
            INDArray f = Nd4j.create(x);
            INDArray l = Nd4j.create(y);
            out.add(new DataSet(f, l));
        }
        return out;
    }

    /** {@link #data} in {@code type} (the same values, widened). */
    static List<DataSet> data(long seed, int batches, int nIn, DataType type) {
        List<DataSet> out = new ArrayList<>();
        for (DataSet d : data(seed, batches, nIn)) {
            out.add(new DataSet(d.getFeatures().castTo(type), d.getLabels().castTo(type)));
        }
        return out;
    }

    /** Training RDD: 8 minibatches in 2 partitions = 2 splits of 2 workers x 2 minibatches per fit. */
    static JavaRDD<DataSet> train(JavaSparkContext sc) {
        return sc.parallelize(data(1, 8, 4), 2);
    }

    /** Validation RDD: 4 minibatches in 2 partitions. */
    static JavaRDD<DataSet> validation(JavaSparkContext sc) {
        return sc.parallelize(data(2, 4, 4), 2);
    }

    /** Parameters as a detached copy. */
    static INDArray params(org.deeplearning4j.nn.api.Model net) {
        return net.params().dup();
    }
}
