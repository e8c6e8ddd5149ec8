/**
 * lrsched's own parser and evaluator for {@link dev.lrsched.schedules.LambdaSchedule} expressions:
 * exp4j 0.4.8's grammar and arithmetic (bit for bit), compiled once into a tree of small immutable
 * nodes whose evaluation allocates nothing.
 *
 * <p>Public are only {@link dev.lrsched.schedules.expression.CompiledExpression} and
 * {@link dev.lrsched.schedules.expression.DivisionByZeroException}, for {@code LambdaSchedule}; the
 * package is internal to lrsched and may change in any release.
 */
package dev.lrsched.schedules.expression;
