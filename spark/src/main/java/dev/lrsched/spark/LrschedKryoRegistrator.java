package dev.lrsched.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * Kryo registrator for DL4J Spark training with lrsched schedules: everything {@code Nd4jRegistrator} registers,
 * plus Java serialization for the JDK's immutable collections ({@code List.of}, {@code Set.of}, {@code Map.of},
 * {@code List.copyOf}, ...).
 *
 * <p>Why: Kryo's default {@code CollectionSerializer} rebuilds a collection by instantiating its class and
 * calling {@code add}, which {@code java.util.ImmutableCollections} reject with
 * {@code UnsupportedOperationException}. lrsched's own schedules avoid such collections and work with plain
 * {@code Nd4jRegistrator}; user objects that hold them (e.g. a {@code ScheduleFunction} with a {@code List.of}
 * field) fail there with {@code KryoException: java.lang.UnsupportedOperationException}. These collections are {@code Serializable}
 * (through a serialization proxy), so Kryo's {@link JavaSerializer} round-trips them exactly.
 *
 * <p>Usage: {@code conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
 * .set("spark.kryo.registrator", "dev.lrsched.spark.LrschedKryoRegistrator")}.
 */
public class LrschedKryoRegistrator extends Nd4jRegistrator {

    /**
     * The serializable {@code java.util.ImmutableCollections} classes (JDK 11-21 names; missing ones are skipped).
     * Their {@code subList} views are not serializable at all, with Java or Kryo.
     */
    static final String[] IMMUTABLE_COLLECTIONS = {
        "java.util.ImmutableCollections$List12",
        "java.util.ImmutableCollections$ListN",
        "java.util.ImmutableCollections$Set12",
        "java.util.ImmutableCollections$SetN",
        "java.util.ImmutableCollections$Map1",
        "java.util.ImmutableCollections$MapN",
    };

    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        JavaSerializer java = new JavaSerializer();
        for (String name : IMMUTABLE_COLLECTIONS) {
            Class<?> c;
            try {
                c = Class.forName(name);
            } catch (ClassNotFoundException e) {
                continue; // not in this JDK
            }
            kryo.register(c, java);
        }
    }
}
