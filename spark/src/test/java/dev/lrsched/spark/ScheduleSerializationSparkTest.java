package dev.lrsched.spark;

import static dev.lrsched.schedules.testing.ScheduleAssertions.assertRelClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.schedules.CosineAnnealingSchedule;
import dev.lrsched.schedules.LinearSchedule;
import dev.lrsched.schedules.ScaledSchedule;
import dev.lrsched.schedules.testing.ScheduleExamples;
import dev.lrsched.schedules.SequentialSchedule;
import dev.lrsched.spark.SparkTestSupport.Serializer;
import com.esotericsoftware.kryo.KryoException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * lrsched schedules cross to executors with Spark's Java serializer and with Kryo + {@link LrschedKryoRegistrator}
 * (= {@code Nd4jRegistrator} + JDK immutable collections, which plain {@code Nd4jRegistrator} cannot rebuild).
 * In {@code local[2]} a broadcast (the network configuration DL4J ships for training) is handed to executor
 * threads as the driver's object, so these tests force real round trips: through {@code SparkEnv.serializer()}
 * directly, and as RDD elements, which a task carries serialized with {@code spark.serializer} even in local mode.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ScheduleSerializationSparkTest {

    /** The driver's instance; executor tasks check they got a copy, not this object. */
    private static volatile ISchedule driverInstance;

    private static ISchedule schedule() {
        return new ScaledSchedule(new SequentialSchedule(ScheduleType.ITERATION, List.of(
                new LinearSchedule(ScheduleType.ITERATION, 0.01, 0.1, 1.0, 4),
                new CosineAnnealingSchedule(ScheduleType.ITERATION, 0.01, 0.0001, 64)), new int[]{4}), 0.5);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value, Class<?> type) {
        SerializerInstance ser = SparkEnv.get().serializer().newInstance();
        ClassTag<T> tag = (ClassTag<T>) ClassTag$.MODULE$.apply(type);
        ByteBuffer bytes = ser.serialize(value, tag);
        return ser.deserialize(bytes, tag);
    }

    @Test
    void plainNd4jRegistratorRoundTripsEveryScheduleIncludingSequentialSchedulesList() {
        SerializerInstance plain = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator")).newInstance();
        ClassTag<ISchedule> tag = ClassTag$.MODULE$.apply(ISchedule.class);
        for (ISchedule s : ScheduleExamples.all().values()) {
            ISchedule back = plain.deserialize(plain.serialize(s, tag), tag);
            assertThat(back).as("%s", s).isEqualTo(s);
            for (int t : new int[]{0, 3, 7, 100, Integer.MAX_VALUE, -1}) {
                assertThat(back.valueAt(t, t % 5)).isEqualTo(s.valueAt(t, t % 5));
            }
        }
    }

    @Test
    void lrschedRegistratorRoundTripsImmutableCollectionsAndEverySchedule() {
        SerializerInstance kryo = new KryoSerializer(new SparkConf()
                .set("spark.kryo.registrator", LrschedKryoRegistrator.class.getName())).newInstance();
        ClassTag<Object> tag = ClassTag$.MODULE$.apply(Object.class);
        List<Object> values = List.of(schedule(), List.of(1, 2), List.of(1, 2, 3), List.of(),
                Set.of("a"), Set.of("a", "b", "c"), Map.of("k", 1), Map.of("a", 1, "b", 2),
                new ScaledSchedule(new CosineAnnealingSchedule(ScheduleType.EPOCH, 0.1, 0.0, 10), 0.25));
        for (Object v : values) {
            Object back = kryo.deserialize(kryo.serialize(v, tag), tag);
            assertThat(back).as("%s", v).isEqualTo(v);
        }
    }

    @ParameterizedTest
    @EnumSource(Serializer.class)
    void scheduleAndConfigurationRoundTripThroughSparksSerializer(Serializer serializer) {
        SparkTestSupport.context(serializer);
        assertThat(SparkEnv.get().serializer()).isInstanceOf(serializer == Serializer.KRYO ? KryoSerializer.class
                : JavaSerializer.class);
        ISchedule s = schedule();
        ISchedule back = roundTrip(s, ISchedule.class);
        assertThat(back).isNotSameAs(s).isEqualTo(s);
        for (int t : new int[]{0, 3, 4, 5, 40, 68, 1000, Integer.MAX_VALUE, -1}) {
            assertThat(back.valueAt(t, 0)).isEqualTo(s.valueAt(t, 0));
        }
        MultiLayerNetwork net = SparkTestSupport.mln(new Adam(s));
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        MultiLayerConfiguration confBack = roundTrip(conf, MultiLayerConfiguration.class);
        assertThat(confBack).isNotSameAs(conf);
        ISchedule inConf = ((Adam) ((BaseLayer) confBack.getConf(0).getLayer()).getIUpdater())
                .getLearningRateSchedule();
        assertThat(inConf).isNotSameAs(s).isEqualTo(s);
        // and the JSON path Spark evaluation uses (conf.toJson() broadcast, fromJson on executors)
        assertThat(MultiLayerConfiguration.fromJson(conf.toJson())).isEqualTo(conf);
    }

    @ParameterizedTest
    @EnumSource(Serializer.class)
    void executorTasksEvaluateADeserializedCopyOfTheSchedule(Serializer serializer) {
        JavaSparkContext sc = SparkTestSupport.context(serializer);
        ISchedule s = schedule();
        driverInstance = s;
        List<double[]> perPartition = sc.parallelize(List.of(s, s), 2).map(new EvaluateOnExecutor()).collect();
        assertThat(perPartition).hasSize(2);
        for (double[] values : perPartition) {
            assertThat(values[0]).as("executor got the driver's object, nothing was serialized").isEqualTo(0.0);
            for (int t = 0; t < 80; t++) {
                assertThat(values[t + 1]).isEqualTo(s.valueAt(t, 0));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Serializer.class)
    void trainingWithAPlateauReductionWorksWithEitherSerializer(Serializer serializer) {
        JavaSparkContext sc = SparkTestSupport.context(serializer);
        ISchedule base = schedule();
        MultiLayerNetwork net = SparkTestSupport.mln(new Adam(base));
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, SparkTestSupport.trainingMaster());
        JavaRDD<DataSet> train = SparkTestSupport.train(sc);
        SparkPlateauController c = SparkPlateauController.builder().factor(0.5).patience(0).minValue(1e-8).build();
        sparkNet.fit(train);
        assertRelClose(base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate(0));
        c.step(sparkNet, SparkTestSupport.validation(sc));
        sparkNet.fit(train);
        assertThat(c.step(sparkNet, Double.POSITIVE_INFINITY)).isTrue(); // not better: patience 0 reduces
        sparkNet.fit(train);
        assertThat(net.getEpochCount()).isEqualTo(3);
        assertRelClose(0.5 * base.valueAt(net.getIterationCount(), net.getEpochCount()), net.getLearningRate(0));
        assertThat(net.params().isNaN().any()).isFalse();
    }

    /** Runs on an executor thread: [1 if it got the driver's very object else 0, valueAt(0..79, 0)...]. */
    private static final class EvaluateOnExecutor implements Function<ISchedule, double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double[] call(ISchedule s) {
            double[] out = new double[81];
            out[0] = s == driverInstance ? 1.0 : 0.0;
            for (int t = 0; t < 80; t++) {
                out[t + 1] = s.valueAt(t, 0);
            }
            return out;
        }
    }
}
