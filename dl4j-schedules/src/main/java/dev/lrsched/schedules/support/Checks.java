package dev.lrsched.schedules.support;

import java.util.List;
import java.util.Objects;

/**
 * Argument validation shared by every lrsched class (see the {@linkplain dev.lrsched.schedules.support package}
 * for who may use it).
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message names the parameter, the
 * value received and the allowed range, for example {@code "period must be > 0, got 0"}. Checks are
 * written NaN-safe ({@code !(x > 0)} rejects NaN as well as non-positive values).
 */
public final class Checks {

    private Checks() {
    }

    /** Rejects NaN and infinities. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    /** Finite and {@code >= 0}. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
        return value;
    }

    /** Finite and {@code > 0}. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
        return value;
    }

    /** {@code > 0}. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
        return value;
    }

    /** {@code >= 0}. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /** {@code min <= value <= max}, value finite. */
    public static double inClosedRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** {@code min < value < max}. */
    public static double inOpenRange(String name, double value, double min, double max) {
        if (!(value > min && value < max)) {
            throw new IllegalArgumentException(name + " must be in (" + min + ", " + max + "), got " + value);
        }
        return value;
    }

    /** {@code min < value <= max}. */
    public static double inLeftOpenRange(String name, double value, double min, double max) {
        if (!(value > min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in (" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** Non-null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Non-null list without null elements. */
    public static <T> List<T> noNulls(String name, List<T> values) {
        notNull(name, values);
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
        }
        return values;
    }

    /** Generic check with a ready-made message. */
    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(Objects.requireNonNull(message));
        }
    }

    /** {@code >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
