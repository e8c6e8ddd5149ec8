/**
 * DL4J's {@code MultiLayerNetwork} and {@code ComputationGraph} for the plateau core:
 * {@link dev.lrsched.listeners.network.NetworkAdapter} (layers, learning rate per layer and bias updater,
 * counters; the private-copy path of the LR finder), {@link dev.lrsched.listeners.network.LayerSelection}, and
 * {@link dev.lrsched.listeners.network.NetworkPlateauBuilder}, the builder every front end on these networks
 * extends (listener, Spark, ParallelWrapper), and {@link dev.lrsched.listeners.network.PlateauSerializer}, the
 * plateau state inside a {@code ModelSerializer} file. Uses {@link dev.lrsched.listeners.plateau}.
 */
package dev.lrsched.listeners.network;
