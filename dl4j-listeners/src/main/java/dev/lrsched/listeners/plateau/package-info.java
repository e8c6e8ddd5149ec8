/**
 * The plateau core: ReduceLROnPlateau without any engine (no fit loop, no Spark, no network type). Public API,
 * used by every front end and open to new ones.
 * <ul>
 *   <li>{@link dev.lrsched.listeners.plateau.PlateauSettings}: the nine settings, validated once (JSON), each
 *       described at its getter; {@link dev.lrsched.listeners.plateau.PlateauBuilder}: their setters, shared by
 *       every builder; {@link dev.lrsched.listeners.plateau.PlateauFrontEndBuilder}: plus a reduction callback and
 *       a saved state, for every front end (DL4J networks, Spark, ParallelWrapper, SameDiff); {@link dev.lrsched.listeners.plateau.Mode}, {@link dev.lrsched.listeners.plateau.ThresholdMode},
 *       {@link dev.lrsched.listeners.plateau.NanPolicy}.</li>
 *   <li>{@link dev.lrsched.listeners.plateau.PlateauPolicy}: the decision rule (the one place it is written
 *       down) and its persisted {@code State}.</li>
 *   <li>{@link dev.lrsched.listeners.plateau.PlateauController}: policy + rescaling + history + subscribers +
 *       state; it rescales a {@link dev.lrsched.listeners.plateau.LearningRateTarget} made of
 *       {@link dev.lrsched.listeners.plateau.LearningRateGroup}s, whose settings are
 *       {@link dev.lrsched.listeners.plateau.LearningRate}s (fixed or scheduled).</li>
 *   <li>{@link dev.lrsched.listeners.plateau.PlateauStep}, {@link dev.lrsched.listeners.plateau.ReductionEvent}:
 *       what subscribers receive; {@link dev.lrsched.listeners.plateau.PlateauFrontEnd}: the getters every
 *       front end shares.</li>
 * </ul>
 * Depends on {@code dl4j-schedules} ({@code ScaledSchedule}) and nd4j-api only.
 */
package dev.lrsched.listeners.plateau;
