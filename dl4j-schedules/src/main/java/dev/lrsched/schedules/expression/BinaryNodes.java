package dev.lrsched.schedules.expression;

/**
 * The binary operator nodes, three final classes per operator: both operands subtrees ({@code Add}),
 * the right one a constant ({@code AddConstant}: {@code x + 2}) or the left one ({@code ConstantAdd}:
 * {@code 2 + x}). The constant is kept in a field, so the JIT sees fewer receiver types per call site and
 * inlines the tree; the arithmetic is the same Java operation either way, so the value is the same bit
 * for bit. {@code /} and {@code %} throw {@link DivisionByZeroException} when the right operand
 * {@code == 0}, after evaluating both operands (exp4j's order).
 */
final class BinaryNodes {

    private BinaryNodes() {
    }

    /** {@code x + y}. */
    static final class Add extends Node {
        private final Node left;
        private final Node right;

        Add(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) + right.eval(iteration, epoch, step);
        }
    }

    /** {@code x + c}. */
    static final class AddConstant extends Node {
        private final Node left;
        private final double right;

        AddConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) + right;
        }
    }

    /** {@code c + x}. */
    static final class ConstantAdd extends Node {
        private final double left;
        private final Node right;

        ConstantAdd(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left + right.eval(iteration, epoch, step);
        }
    }

    /** {@code x - y}. */
    static final class Subtract extends Node {
        private final Node left;
        private final Node right;

        Subtract(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) - right.eval(iteration, epoch, step);
        }
    }

    /** {@code x - c}. */
    static final class SubtractConstant extends Node {
        private final Node left;
        private final double right;

        SubtractConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) - right;
        }
    }

    /** {@code c - x}. */
    static final class ConstantSubtract extends Node {
        private final double left;
        private final Node right;

        ConstantSubtract(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left - right.eval(iteration, epoch, step);
        }
    }

    /** {@code x * y}. */
    static final class Multiply extends Node {
        private final Node left;
        private final Node right;

        Multiply(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) * right.eval(iteration, epoch, step);
        }
    }

    /** {@code x * c}. */
    static final class MultiplyConstant extends Node {
        private final Node left;
        private final double right;

        MultiplyConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left.eval(iteration, epoch, step) * right;
        }
    }

    /** {@code c * x}. */
    static final class ConstantMultiply extends Node {
        private final double left;
        private final Node right;

        ConstantMultiply(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return left * right.eval(iteration, epoch, step);
        }
    }

    /** {@code x / y}. */
    static final class Divide extends Node {
        private final Node left;
        private final Node right;

        Divide(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left.eval(iteration, epoch, step);
            double b = right.eval(iteration, epoch, step);
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a / b;
        }
    }

    /** {@code x / c}. */
    static final class DivideConstant extends Node {
        private final Node left;
        private final double right;

        DivideConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left.eval(iteration, epoch, step);
            double b = right;
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a / b;
        }
    }

    /** {@code c / x}. */
    static final class ConstantDivide extends Node {
        private final double left;
        private final Node right;

        ConstantDivide(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left;
            double b = right.eval(iteration, epoch, step);
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a / b;
        }
    }

    /** {@code x % y}. */
    static final class Remainder extends Node {
        private final Node left;
        private final Node right;

        Remainder(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left.eval(iteration, epoch, step);
            double b = right.eval(iteration, epoch, step);
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a % b;
        }
    }

    /** {@code x % c}. */
    static final class RemainderConstant extends Node {
        private final Node left;
        private final double right;

        RemainderConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left.eval(iteration, epoch, step);
            double b = right;
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a % b;
        }
    }

    /** {@code c % x}. */
    static final class ConstantRemainder extends Node {
        private final double left;
        private final Node right;

        ConstantRemainder(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            double a = left;
            double b = right.eval(iteration, epoch, step);
            if (b == 0d) {
                throw DivisionByZeroException.DIVISION;
            }
            return a % b;
        }
    }

    /** {@code x ^ y}. */
    static final class Power extends Node {
        private final Node left;
        private final Node right;

        Power(Node left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return Math.pow(left.eval(iteration, epoch, step), right.eval(iteration, epoch, step));
        }
    }

    /** {@code x ^ c}. */
    static final class PowerConstant extends Node {
        private final Node left;
        private final double right;

        PowerConstant(Node left, double right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return Math.pow(left.eval(iteration, epoch, step), right);
        }
    }

    /** {@code c ^ x}. */
    static final class ConstantPower extends Node {
        private final double left;
        private final Node right;

        ConstantPower(double left, Node right) {
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return Math.pow(left, right.eval(iteration, epoch, step));
        }
    }
}
