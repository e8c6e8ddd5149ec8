package dev.lrsched.schedules.reliability.properties;

import dev.lrsched.schedules.ScheduleFunction;

/**
 * {@link ScheduleFunction}s that DL4J's JSON can save (public static member classes with a public no-arg
 * constructor and value equality), with factors in (0, 1], for the FunctionSchedule generator.
 */
public final class SavableFactors {

    private SavableFactors() {
    }

    /** 0.5^(iteration / 1000): in (0, 1]. */
    public static final class Halving implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public double factorAt(long iteration, long epoch) {
            return Math.pow(0.5, iteration / 1000.0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Halving;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** 1 / (1 + epoch): in (0, 1]. */
    public static final class Reciprocal implements ScheduleFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public double factorAt(long iteration, long epoch) {
            return 1.0 / (1.0 + epoch);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Reciprocal;
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }
}
