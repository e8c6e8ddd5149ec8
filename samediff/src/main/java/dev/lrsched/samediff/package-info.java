/**
 * ReduceLROnPlateau and the LR range test for SameDiff, on the plateau core ({@link dev.lrsched.listeners.plateau}):
 * {@link dev.lrsched.samediff.SameDiffPlateauListener} (a SameDiff {@code Listener}),
 * {@link dev.lrsched.samediff.SameDiffTarget} (the {@code TrainingConfig}'s one shared updater as a learning-rate
 * target) and {@link dev.lrsched.samediff.SameDiffLearningRateFinder}. See {@code docs/where-you-train.md}.
 */
package dev.lrsched.samediff;
