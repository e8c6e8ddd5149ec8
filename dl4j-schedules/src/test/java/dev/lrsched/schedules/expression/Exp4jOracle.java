package dev.lrsched.schedules.expression;

import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;
import net.objecthunter.exp4j.ValidationResult;
import net.objecthunter.exp4j.function.Function;

/**
 * exp4j 0.4.8 exactly as LambdaSchedule used it before it had its own parser (the same builder calls,
 * variables, min/max and validation), reduced to an outcome that can be compared with
 * {@link CompiledExpression}'s: a value, a division by zero (with exp4j's message), or a rejection.
 */
final class Exp4jOracle {

    private static final Function MIN = new Function("min", 2) {
        @Override
        public double apply(double... args) {
            return Math.min(args[0], args[1]);
        }
    };
    private static final Function MAX = new Function("max", 2) {
        @Override
        public double apply(double... args) {
            return Math.max(args[0], args[1]);
        }
    };

    private Exp4jOracle() {
    }

    /** What exp4j does with {@code text} at these counters; {@code null} if it rejects the text. */
    static Outcome exp4j(String text, double iteration, double epoch, double step) {
        Expression e;
        try {
            if (text.isBlank()) {
                return null;
            }
            e = new ExpressionBuilder(text).variables("iteration", "epoch", "step").functions(MIN, MAX).build();
            ValidationResult v = e.validate(false);
            if (!v.isValid()) {
                return null;
            }
            e.setVariable("iteration", iteration).setVariable("epoch", epoch).setVariable("step", step);
        } catch (RuntimeException rejected) {
            return null;
        }
        try {
            return Outcome.value(e.evaluate());
        } catch (ArithmeticException divisionByZero) {
            return Outcome.thrown(divisionByZero.getMessage());
        } catch (RuntimeException rejected) {
            return null; // e.g. "()": exp4j's validation passes, its evaluation pops an empty stack
        }
    }

    /** What lrsched does; {@code null} if it rejects the text (then {@code rejection[0]} holds why). */
    static Outcome lrsched(String text, double iteration, double epoch, double step, String[] rejection) {
        CompiledExpression c;
        try {
            c = CompiledExpression.compile(text);
        } catch (IllegalArgumentException rejected) {
            rejection[0] = rejected.getMessage();
            return null;
        }
        try {
            return Outcome.value(c.evaluate(iteration, epoch, step));
        } catch (DivisionByZeroException divisionByZero) {
            return Outcome.thrown(divisionByZero.getMessage());
        }
    }

    /** A value (compared bit for bit via {@link Double#doubleToLongBits}) or an exception message. */
    static final class Outcome {
        final long bits;
        final String thrown;

        private Outcome(long bits, String thrown) {
            this.bits = bits;
            this.thrown = thrown;
        }

        static Outcome value(double v) {
            return new Outcome(Double.doubleToLongBits(v), null);
        }

        static Outcome thrown(String message) {
            return new Outcome(0, message);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome && ((Outcome) o).bits == bits
                    && java.util.Objects.equals(((Outcome) o).thrown, thrown);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(bits);
        }

        @Override
        public String toString() {
            return thrown != null ? "throws " + thrown : Double.longBitsToDouble(bits) + " (bits " + Long.toHexString(bits) + ")";
        }
    }
}
