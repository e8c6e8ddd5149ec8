/**
 * Immutable {@link org.nd4j.linalg.schedule.ISchedule} implementations for Deeplearning4j: cosine
 * annealing, warm restarts, warmup, warmup+cosine, cyclic, one-cycle, linear, polynomial, lambda,
 * sequential composition and scaling. Each class documents its formula and the PyTorch / Hugging
 * Face / Keras definition it matches. Start from {@link dev.lrsched.schedules.Schedules}.
 *
 * <p>Common contract: every schedule reads the DL4J counter selected by its {@code scheduleType}
 * (unsigned, so runs past {@code Integer.MAX_VALUE} iterations continue), is a total closed-form
 * function of it, never returns NaN or a negative value, validates its parameters at construction
 * ({@code IllegalArgumentException} naming parameter, value and allowed range), has value
 * {@code equals}/{@code hashCode} (DL4J groups layers into updater blocks by comparing updater
 * configurations) and round-trips through DL4J's JSON configuration and {@code ModelSerializer}.
 */
package dev.lrsched.schedules;
