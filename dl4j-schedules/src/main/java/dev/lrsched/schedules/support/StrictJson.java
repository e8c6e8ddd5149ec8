package dev.lrsched.schedules.support;

import org.nd4j.shade.jackson.databind.annotation.JsonDeserialize;

/**
 * Marks a class whose JSON is read strictly, by any Jackson mapper (DL4J's own included, whose
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} is off):
 *
 * <ul>
 *   <li>an unknown field is an error naming the field, the class and the accepted fields
 *       ({@code "CosineAnnealingSchedule: unknown field `minvalue`; accepted fields: afterEnd, initialValue,
 *       minValue, period, scheduleType"}),
 *       so a typo never silently becomes a default;</li>
 *   <li>a field that appears twice is an error ({@code "LinearSchedule: duplicate field `initialValue`"}):
 *       Jackson would otherwise keep the last value, and a repeat after all constructor fields would be written
 *       straight into the field, past the constructor's validation;</li>
 *   <li>composite schedules may be nested at most {@link ScheduleNesting#MAX_DEPTH} deep; the limit is enforced
 *       while Jackson descends, so a deeply nested document fails with that message instead of a
 *       {@link StackOverflowError}.</li>
 * </ul>
 *
 * <p>A loader sees a Jackson {@code JsonMappingException} (an {@code IOException}) carrying the message;
 * for the depth limit its cause is the {@link IllegalArgumentException} that Java construction throws too.
 * Every schedule in {@code dev.lrsched.schedules} implements this interface.
 *
 * <p>Usage: {@code public final class MySchedule implements ReadsUnsignedCounters, StrictJson}, on a class
 * deserialized through a {@code @JsonCreator} (annotation introspection is inherited from this interface).
 */
@JsonDeserialize(using = StrictJsonDeserializer.class)
public interface StrictJson {
}
