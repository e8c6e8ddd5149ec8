package dev.lrsched.schedules.expression;

/** The three variables {@code iteration}, {@code epoch}, {@code step}: each reads one argument of {@link Node#eval}. */
final class Variables {

    private Variables() {
    }

    /** The node for {@code name}, or null if it is not a variable. */
    static Node of(String name) {
        switch (name) {
            case "iteration":
                return Iteration.INSTANCE;
            case "epoch":
                return Epoch.INSTANCE;
            case "step":
                return Step.INSTANCE;
            default:
                return null;
        }
    }

    static final class Iteration extends Node {
        static final Iteration INSTANCE = new Iteration();

        @Override
        double eval(double iteration, double epoch, double step) {
            return iteration;
        }
    }

    static final class Epoch extends Node {
        static final Epoch INSTANCE = new Epoch();

        @Override
        double eval(double iteration, double epoch, double step) {
            return epoch;
        }
    }

    static final class Step extends Node {
        static final Step INSTANCE = new Step();

        @Override
        double eval(double iteration, double epoch, double step) {
            return step;
        }
    }
}
