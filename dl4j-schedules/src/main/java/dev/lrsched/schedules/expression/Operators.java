package dev.lrsched.schedules.expression;

/**
 * The operators {@code + - * / % ^} and unary minus, with exp4j 0.4.8's arithmetic: plain Java
 * {@code double} operations, {@code ^} is {@link Math#pow}, and {@code /} and {@code %} throw
 * {@link DivisionByZeroException} when the right operand {@code == 0} (so also for {@code -0.0}).
 * Unary plus is the identity and has no node. Operands are evaluated left to right, as exp4j's
 * postfix evaluation does, so the first division by zero is the one reported.
 */
final class Operators {

    private Operators() {
    }

    /** The node for the binary operator {@code op} (one of {@code + - * / % ^}), folded if constant. */
    static Node binary(char op, Node left, Node right) {
        Node node;
        switch (op) {
            case '+':
                node = new Add(left, right);
                break;
            case '-':
                node = new Subtract(left, right);
                break;
            case '*':
                node = new Multiply(left, right);
                break;
            case '/':
                node = new Divide(left, right);
                break;
            case '%':
                node = new Remainder(left, right);
                break;
            case '^':
                node = new Power(left, right);
                break;
            default:
                throw new AssertionError("not a binary operator: " + op);
        }
        return Node.fold(node, left, right);
    }

    /** {@code -operand}, folded if constant. */
    static Node negate(Node operand) {
        return Node.fold(new Negate(operand), operand);
    }

    static final class Negate extends Node {
        private final Node operand;

        Negate(Node operand) {
            this.operand = operand;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return -operand.eval(iteration, epoch, step);
        }
    }

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

    static final class Power extends Node {
        private final Node base;
        private final Node exponent;

        Power(Node base, Node exponent) {
            this.base = base;
            this.exponent = exponent;
        }

        @Override
        double eval(double iteration, double epoch, double step) {
            return Math.pow(base.eval(iteration, epoch, step), exponent.eval(iteration, epoch, step));
        }
    }
}
