package dev.lrsched.schedules;

import dev.lrsched.schedules.support.ReadsUnsignedCounters;
import dev.lrsched.schedules.support.StrictJson;
import dev.lrsched.schedules.support.Checks;
import dev.lrsched.schedules.support.Counters;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.core.JsonGenerator;
import org.nd4j.shade.jackson.databind.JsonMappingException;
import org.nd4j.shade.jackson.databind.JsonSerializer;
import org.nd4j.shade.jackson.databind.SerializerProvider;
import org.nd4j.shade.jackson.databind.annotation.JsonSerialize;
import org.nd4j.shade.jackson.databind.jsontype.TypeSerializer;

/**
 * {@code initialValue} times a Java {@link ScheduleFunction} of DL4J's counters: PyTorch
 * {@code LambdaLR} with a Java function.
 *
 * <pre>
 *   value = initialValue * function.factorAt(unsigned iteration, unsigned epoch)
 * </pre>
 *
 * <p>Matches PyTorch {@code LambdaLR(optimizer, lr_lambda=f)} with {@code lr=initialValue}; the function
 * receives both counters and picks the one it needs ({@code scheduleType} documents the intent and is
 * part of {@code equals}, but the function decides what it reads).
 *
 * <p><b>Saving.</b> Like torch, which drops plain functions from {@code LambdaLR.state_dict()}, a lambda
 * cannot be written to a configuration file. lrsched fails <em>when saving</em> instead of writing a
 * file that cannot be loaded: DL4J JSON ({@code toJson()}, {@code ModelSerializer}) of a
 * {@code FunctionSchedule} whose function is a lambda, an anonymous, local, non-static inner or
 * non-public class, or a class without a public no-arg constructor throws a
 * {@link JsonMappingException} saying so. A public named class with a public no-arg constructor is
 * written with its class name and its Jackson-visible properties and round-trips. In-memory training
 * and Java serialization (of a serializable function, including serializable lambdas) always work.
 * Use {@link LambdaSchedule} (an expression string) when the configuration must be saved.
 *
 * <p>{@code equals} compares functions with {@link Object#equals}: lambdas are equal only to
 * themselves, so named function classes should implement value equality (DL4J groups layers into
 * updater blocks by comparing updater configurations).
 *
 * <p>At run time a factor that is NaN, infinite or negative throws {@link IllegalStateException}
 * naming the function, both counters and the value; exceptions thrown by the function propagate.
 *
 * <p>Usage: {@code new Sgd(new FunctionSchedule(ScheduleType.EPOCH, 0.1, (it, ep) -> Math.pow(0.95, ep)))}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class FunctionSchedule implements ReadsUnsignedCounters, StrictJson {

    private static final long serialVersionUID = 1L;

    @JsonProperty("scheduleType")
    private final ScheduleType scheduleType;
    @JsonProperty("initialValue")
    private final double initialValue;
    @JsonProperty("function")
    @JsonSerialize(using = SavableFunctionSerializer.class)
    private final ScheduleFunction function;

    /**
     * @param scheduleType which DL4J counter the schedule is meant to follow (ITERATION or EPOCH)
     * @param initialValue the base value the function multiplies (torch: the optimizer's {@code lr});
     *                     finite, {@code >= 0}
     * @param function     the factor; not null; finite and {@code >= 0} at iteration 0, epoch 0
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    @JsonCreator
    public FunctionSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                            @JsonProperty("initialValue") double initialValue,
                            @JsonProperty("function") ScheduleFunction function) {
        this.scheduleType = Checks.notNull("scheduleType", scheduleType);
        this.initialValue = Checks.nonNegative("initialValue", initialValue);
        this.function = Checks.notNull("function", function);
        double f0 = function.factorAt(0, 0);
        if (!(f0 >= 0) || Double.isInfinite(f0)) {
            throw new IllegalArgumentException("function " + function
                    + " must give a finite value >= 0 at iteration 0, epoch 0, got " + f0);
        }
    }

    /**
     * @throws IllegalStateException if the function's factor at these counters is NaN, infinite or negative
     */
    @Override
    public double valueAt(int iteration, int epoch) {
        long it = Counters.unsigned(iteration);
        long ep = Counters.unsigned(epoch);
        double f = function.factorAt(it, ep);
        double value = initialValue * f;
        if (!(f >= 0) || Double.isInfinite(f) || Double.isInfinite(value)) {
            throw new IllegalStateException("FunctionSchedule function " + function + " gave " + f
                    + " at iteration " + it + ", epoch " + ep + "; a schedule value must be finite and >= 0");
        }
        return value;
    }

    /** Returns this instance: the schedule is immutable, so it is its own (equal) copy. */
    @Override
    public ISchedule clone() {
        return this;
    }

    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    public double getInitialValue() {
        return initialValue;
    }

    public ScheduleFunction getFunction() {
        return function;
    }

    /**
     * Why {@code function}'s class cannot be saved in a DL4J JSON configuration, or {@code null} if it
     * can (a public named top-level or static member class with a public no-arg constructor).
     */
    static String unsavableReason(Class<?> c) {
        if (c.isSynthetic() || c.isHidden() || c.getName().contains("$$Lambda")) {
            return "a lambda";
        }
        if (c.isAnonymousClass()) {
            return "an anonymous class";
        }
        if (c.isLocalClass()) {
            return "a local class";
        }
        if (c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
            return "a non-static inner class";
        }
        if (!Modifier.isPublic(c.getModifiers())) {
            return "a non-public class";
        }
        try {
            Constructor<?> noArg = c.getDeclaredConstructor();
            if (!Modifier.isPublic(noArg.getModifiers())) {
                return "a class without a public no-arg constructor";
            }
        } catch (NoSuchMethodException e) {
            return "a class without a public no-arg constructor";
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FunctionSchedule)) {
            return false;
        }
        FunctionSchedule that = (FunctionSchedule) o;
        return scheduleType == that.scheduleType
                && Double.compare(initialValue, that.initialValue) == 0
                && function.equals(that.function);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheduleType, initialValue, function);
    }

    @Override
    public String toString() {
        return "FunctionSchedule(scheduleType=" + scheduleType + ", initialValue=" + initialValue
                + ", function=" + function + ")";
    }

    /**
     * Writes a savable function with Jackson's normal (polymorphic, {@code "@class"}) bean serializer and
     * refuses anything that could not be read back. Public only because Jackson instantiates it.
     */
    public static final class SavableFunctionSerializer extends JsonSerializer<ScheduleFunction> {

        @Override
        public void serialize(ScheduleFunction value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            check(value, gen);
            provider.findValueSerializer(value.getClass()).serialize(value, gen, provider);
        }

        @Override
        public void serializeWithType(ScheduleFunction value, JsonGenerator gen, SerializerProvider provider,
                                      TypeSerializer typeSer) throws IOException {
            check(value, gen);
            provider.findValueSerializer(value.getClass()).serializeWithType(value, gen, provider, typeSer);
        }

        private static void check(ScheduleFunction value, JsonGenerator gen) throws JsonMappingException {
            String reason = unsavableReason(value.getClass());
            if (reason != null) {
                throw JsonMappingException.from(gen, "FunctionSchedule.function is " + reason + " ("
                        + value.getClass().getName() + "); only a public named class with a public no-arg"
                        + " constructor can be saved in a DL4J configuration; use LambdaSchedule with an expression"
                        + " instead");
            }
        }
    }
}
