/**
 * Metric sources for plateau front ends: {@link dev.lrsched.listeners.metric.MetricSource} (validation
 * iterators, a DL4J {@code ScoreCalculator}, the training score, your own function) and
 * {@link dev.lrsched.listeners.metric.Metric}, the one mapping from a metric to a DL4J evaluation, reused by the
 * Spark front end for RDD evaluation. Uses {@link dev.lrsched.listeners.plateau} only for the direction.
 */
package dev.lrsched.listeners.metric;
