/**
 * ReduceLROnPlateau, the LR range test and the learning-rate monitor for SameDiff, on the plateau core
 * ({@link dev.lrsched.listeners.plateau}): {@link dev.lrsched.samediff.SameDiffPlateauListener} (a SameDiff
 * {@code Listener}), {@link dev.lrsched.samediff.SameDiffTarget} (the {@code TrainingConfig}'s one shared updater
 * as a learning-rate target), {@link dev.lrsched.samediff.SameDiffLearningRateFinder} and
 * {@link dev.lrsched.samediff.SameDiffLearningRateMonitor} (the learning rate training applies, recorded). See
 * {@code docs/where-you-train.md}.
 */
package dev.lrsched.samediff;
