package dev.lrsched.schedules;

import java.io.Serializable;
import org.nd4j.shade.jackson.annotation.JsonTypeInfo;

/**
 * A factor as a Java function of DL4J's counters, for {@link FunctionSchedule} (the Java counterpart of
 * PyTorch {@code LambdaLR}'s {@code lr_lambda}).
 *
 * <p>Any implementation works in memory (a lambda, too) and survives Java serialization if it is
 * serializable. To be saved in a DL4J JSON configuration or by {@code ModelSerializer}, the
 * implementation must be a <em>public named class with a public no-arg constructor</em> whose state is
 * in Jackson-visible properties (shaded {@code org.nd4j.shade.jackson} annotations or getters/setters);
 * it is written with its class name under {@code "@class"}. Such classes should implement value
 * {@code equals}/{@code hashCode}: DL4J compares updater configurations (and so schedules) to group
 * layers into updater blocks. For configurations that must be saved, prefer {@link LambdaSchedule}.
 */
@FunctionalInterface
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS, include = JsonTypeInfo.As.PROPERTY, property = "@class")
public interface ScheduleFunction extends Serializable {

    /**
     * @param iteration DL4J's iteration counter, read unsigned ({@code >= 0})
     * @param epoch     DL4J's epoch counter, read unsigned ({@code >= 0})
     * @return the factor multiplying the schedule's initial value; must be finite and {@code >= 0}
     */
    double factorAt(long iteration, long epoch);
}
