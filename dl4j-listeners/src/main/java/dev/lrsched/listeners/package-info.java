/**
 * Deeplearning4j training front ends of lrsched. {@link dev.lrsched.listeners.ReduceLROnPlateauListener} reduces
 * the learning rate when a monitored metric stops improving; {@link dev.lrsched.listeners.PlateauTerminationCondition}
 * stops an {@code EarlyStoppingTrainer} when the plateau has run out of reductions;
 * {@link dev.lrsched.listeners.PlateauCheckpointListener} puts the plateau state into DL4J checkpoints;
 * {@link dev.lrsched.listeners.LearningRateFinder} runs the LR range test on a private copy of a network;
 * {@link dev.lrsched.listeners.MetricSourceBuilder} is the builder of front ends with a metric source. See
 * {@code docs/plateau.md}, {@code docs/where-you-train.md}, {@code docs/lr-finder.md}.
 *
 * <p>The packages below, from the bottom up (each uses only those before it):
 * <ul>
 *   <li>{@link dev.lrsched.listeners.plateau}: the plateau core, engine-free (settings, policy, controller,
 *       step records and events, the learning-rate target interfaces);</li>
 *   <li>{@link dev.lrsched.listeners.metric}: where a metric comes from (validation data, a DL4J score
 *       calculator, the training score) and the one {@code Metric} to DL4J evaluation mapping;</li>
 *   <li>{@link dev.lrsched.listeners.network}: {@code MultiLayerNetwork} / {@code ComputationGraph} as a
 *       learning-rate target, and the builder vocabulary of the front ends that drive them;</li>
 *   <li>this package, and {@code dev.lrsched.spark}, {@code dev.lrsched.parallel}, {@code dev.lrsched.samediff} in
 *       modules {@code lrsched-spark}, {@code lrsched-parallel}, {@code lrsched-samediff}: the front ends.</li>
 * </ul>
 */
package dev.lrsched.listeners;
