package dev.lrsched.schedules.expression;

/**
 * The node classes of the functions in {@link Functions}, one small final class each, computing exactly
 * what exp4j 0.4.8's built-in function computes: the {@link Math} method of the same name, with exp4j's
 * three exceptions spelled out ({@code log2(x) = log(x) / log(2)}; {@code signum} gives {@code 0} for
 * NaN and {@code -0}; {@code cot(x) = 1 / tan(x)}, throwing where {@code tan(x) == 0}). {@code min} and
 * {@code max} (added by lrsched) are {@link Math#min} and {@link Math#max}.
 */
final class FunctionNodes {

    /** exp4j's {@code log2} divides by {@code Math.log(2d)}: the same double, computed once. */
    private static final double LN_2 = Math.log(2d);

    private FunctionNodes() {
    }

    /**
     * A function of one argument. Each subclass evaluates its argument in its own {@code eval} (no shared
     * template method), so every function has its own call site and the JIT inlines one level less.
     */
    abstract static class Unary extends Node {
        final Node arg;

        Unary(Node arg) {
            this.arg = arg;
        }
    }

    /** A function of two arguments, evaluated left to right. */
    abstract static class Binary extends Node {
        final Node a;
        final Node b;

        Binary(Node a, Node b) {
            this.a = a;
            this.b = b;
        }
    }

    static final class Abs extends Unary {
        Abs(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.abs(x);
        }
    }

    static final class Acos extends Unary {
        Acos(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.acos(x);
        }
    }

    static final class Asin extends Unary {
        Asin(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.asin(x);
        }
    }

    static final class Atan extends Unary {
        Atan(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.atan(x);
        }
    }

    static final class Cbrt extends Unary {
        Cbrt(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.cbrt(x);
        }
    }

    static final class Ceil extends Unary {
        Ceil(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.ceil(x);
        }
    }

    static final class Cos extends Unary {
        Cos(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.cos(x);
        }
    }

    static final class Cosh extends Unary {
        Cosh(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.cosh(x);
        }
    }

    static final class Cot extends Unary {
        Cot(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            double tan = Math.tan(x);
            if (tan == 0d) {
                throw DivisionByZeroException.COTANGENT;
            }
            return 1d / tan;
        }
    }

    static final class Exp extends Unary {
        Exp(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.exp(x);
        }
    }

    static final class Expm1 extends Unary {
        Expm1(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.expm1(x);
        }
    }

    static final class Floor extends Unary {
        Floor(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.floor(x);
        }
    }

    static final class Log extends Unary {
        Log(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.log(x);
        }
    }

    static final class Log10 extends Unary {
        Log10(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.log10(x);
        }
    }

    static final class Log1p extends Unary {
        Log1p(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.log1p(x);
        }
    }

    static final class Log2 extends Unary {
        Log2(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.log(x) / LN_2;
        }
    }

    static final class Signum extends Unary {
        Signum(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return x > 0 ? 1 : x < 0 ? -1 : 0;
        }
    }

    static final class Sin extends Unary {
        Sin(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.sin(x);
        }
    }

    static final class Sinh extends Unary {
        Sinh(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.sinh(x);
        }
    }

    static final class Sqrt extends Unary {
        Sqrt(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.sqrt(x);
        }
    }

    static final class Tan extends Unary {
        Tan(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.tan(x);
        }
    }

    static final class Tanh extends Unary {
        Tanh(Node arg) {
            super(arg);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = arg.eval(iteration, epoch, step);
            return Math.tanh(x);
        }
    }

    static final class Pow extends Binary {
        Pow(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = a.eval(iteration, epoch, step);
            double y = b.eval(iteration, epoch, step);
            return Math.pow(x, y);
        }
    }

    static final class Min extends Binary {
        Min(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = a.eval(iteration, epoch, step);
            double y = b.eval(iteration, epoch, step);
            return Math.min(x, y);
        }
    }

    static final class Max extends Binary {
        Max(Node a, Node b) {
            super(a, b);
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double x = a.eval(iteration, epoch, step);
            double y = b.eval(iteration, epoch, step);
            return Math.max(x, y);
        }
    }
}
