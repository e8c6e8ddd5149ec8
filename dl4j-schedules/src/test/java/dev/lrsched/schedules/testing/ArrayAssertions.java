package dev.lrsched.schedules.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bitwise comparison of ND4J arrays, for claims of exactness ("resumed equals uninterrupted",
 * "deterministic", "untouched"). {@code INDArray.equals} (and AssertJ's {@code isEqualTo} on an
 * INDArray) accepts element differences up to 1e-5, which hides real divergence.
 */
public final class ArrayAssertions {

    private ArrayAssertions() {
    }

    /**
     * Same data type, same shape, and every element (in C order) with the same bit pattern
     * ({@code doubleToRawLongBits}, {@code floatToRawIntBits}; integer types by value): 0.0 and -0.0
     * differ, so do two values one ulp apart.
     */
    public static void assertBitwiseEqual(INDArray expected, INDArray actual, String what) {
        if (expected == null || actual == null) {
            if (expected != actual) {
                fail(what + ": expected " + expected + " but was " + actual);
            }
            return;
        }
        if (expected.dataType() != actual.dataType()) {
            fail(what + ": data type " + actual.dataType() + ", expected " + expected.dataType());
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            fail(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        long n = expected.length();
        if (n == 0) {
            return;
        }
        DataType type = expected.dataType();
        long[] e = bits(expected, type);
        long[] a = bits(actual, type);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i]) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (mismatches > 0) {
            fail(what + ": " + mismatches + " of " + n + " elements differ; first at flat index " + first + ": expected "
                    + value(e[first], type) + " but was " + value(a[first], type));
        }
    }

    private static long[] bits(INDArray x, DataType type) {
        INDArray c = x.dup('c');
        if (type == DataType.DOUBLE) {
            return Arrays.stream(c.data().asDouble()).limit(x.length()).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        if (type.isFPType()) { // FLOAT, HALF, BFLOAT16: widening to float is exact
            float[] f = c.data().asFloat();
            long[] out = new long[(int) x.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = Float.floatToRawIntBits(f[i]);
            }
            return out;
        }
        return Arrays.copyOf(c.data().asLong(), (int) x.length());
    }

    private static String value(long bits, DataType type) {
        if (type == DataType.DOUBLE) {
            return Double.longBitsToDouble(bits) + " (bits " + Long.toHexString(bits) + ")";
        }
        if (type.isFPType()) {
            return Float.intBitsToFloat((int) bits) + " (bits " + Integer.toHexString((int) bits) + ")";
        }
        return Long.toString(bits);
    }
}
