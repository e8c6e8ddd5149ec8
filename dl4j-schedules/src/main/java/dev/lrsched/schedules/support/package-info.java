/**
 * Support types shared by every lrsched module, and usable by anyone who writes an
 * {@link org.nd4j.linalg.schedule.ISchedule} in lrsched's style.
 *
 * <p>Who may use it: lrsched's own modules ({@code dl4j-listeners}, {@code lrsched-spark},
 * {@code lrsched-parallel}, {@code lrsched-samediff}) and applications that write their own schedules.
 * It is public API with a narrower promise than {@link dev.lrsched.schedules}: the types here
 * keep their names and behaviour within a minor version; new checks may be added at any time.
 *
 * <ul>
 *   <li>{@link dev.lrsched.schedules.support.Checks}: NaN-safe argument validation whose messages name
 *       the parameter, the value and the allowed range ({@code "period must be > 0, got 0"}).</li>
 *   <li>{@link dev.lrsched.schedules.support.Counters}: how DL4J's {@code int} counters are read
 *       (unsigned, so runs past {@code Integer.MAX_VALUE} iterations continue).</li>
 *   <li>{@link dev.lrsched.schedules.support.ReadsUnsignedCounters}: the marker a schedule implements
 *       to say it reads counters that way; composite schedules rely on it past 2<sup>31</sup>.</li>
 *   <li>{@link dev.lrsched.schedules.support.StrictJson}: the marker a schedule implements to have its JSON
 *       read strictly (unknown and repeated fields are errors, composite nesting is limited while reading);
 *       {@link dev.lrsched.schedules.support.StrictJsonDeserializer} does the work.</li>
 *   <li>{@link dev.lrsched.schedules.support.ScheduleNesting}: the composite nesting limit
 *       ({@code MAX_DEPTH = 64}) that composite constructors check.</li>
 * </ul>
 */
package dev.lrsched.schedules.support;
