/**
 * Fine-tuning recipes on DL4J networks: {@link dev.lrsched.listeners.finetune.LayerwiseLrDecay} (layer-wise
 * learning-rate decay, "LLRD"), for a network built directly or by {@code TransferLearning}. Uses
 * {@link dev.lrsched.listeners.network} and {@link dev.lrsched.listeners.plateau}. See {@code docs/fine-tuning.md}.
 */
package dev.lrsched.listeners.finetune;
