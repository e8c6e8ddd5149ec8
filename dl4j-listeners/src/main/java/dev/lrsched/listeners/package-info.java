/**
 * Deeplearning4j training listeners. {@link dev.lrsched.listeners.ReduceLROnPlateauListener} reduces the
 * learning rate when a monitored metric stops improving, driven by {@link dev.lrsched.listeners.PlateauPolicy}
 * (PyTorch's {@code ReduceLROnPlateau} logic without DL4J types). Reductions of scheduled learning rates are
 * installed as {@link dev.lrsched.schedules.ScaledSchedule}s, so the schedule keeps running and the change is
 * saved with the model. See {@code docs/plateau.md}.
 */
package dev.lrsched.listeners;
