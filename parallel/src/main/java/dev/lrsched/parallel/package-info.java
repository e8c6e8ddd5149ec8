/**
 * ReduceLROnPlateau for DL4J {@code ParallelWrapper} training: {@link dev.lrsched.parallel.ParallelPlateauController},
 * a driver-side front end of the plateau core ({@link dev.lrsched.listeners.plateau}) with the listener's metric
 * sources ({@link dev.lrsched.listeners.MetricSourceBuilder}). See {@code docs/where-you-train.md}.
 */
package dev.lrsched.parallel;
