package dev.lrsched.schedules.testing;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArrayAssertionsTest {

    @Test
    void oneUlpThatInDArrayEqualsAcceptsFails() {
        INDArray a = Nd4j.createFromArray(new double[][] {{0.5, 1.0}, {2.0, 3.0}});
        INDArray b = a.dup();
        b.putScalar(1, 0, Math.nextUp(2.0));
        assertThat(a.equals(b)).isTrue(); // the tolerance this helper exists to avoid
        assertBitwiseEqual(a, a.dup(), "copy");
        assertThatThrownBy(() -> assertBitwiseEqual(a, b, "p")).isInstanceOf(AssertionError.class)
                .hasMessage("p: 1 of 4 elements differ; first at flat index 2: expected 2.0 (bits 4000000000000000)"
                        + " but was 2.0000000000000004 (bits 4000000000000001)");
    }

    @Test
    void floatSignedZeroShapeAndTypeDiffer() {
        INDArray f = Nd4j.createFromArray(0.0f, 1.0f);
        assertBitwiseEqual(f, f.dup(), "copy");
        assertThatThrownBy(() -> assertBitwiseEqual(f, Nd4j.createFromArray(-0.0f, 1.0f), "z"))
                .hasMessageContaining("expected 0.0 (bits 0) but was -0.0 (bits 80000000)");
        assertThatThrownBy(() -> assertBitwiseEqual(f, f.castTo(DataType.DOUBLE), "t"))
                .hasMessage("t: data type DOUBLE, expected FLOAT");
        assertThatThrownBy(() -> assertBitwiseEqual(f, f.reshape(2, 1), "s"))
                .hasMessage("s: shape [2, 1], expected [2]");
    }

    @Test
    void viewsAndOrdersCompareByElementNotByBuffer() {
        INDArray c = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray fOrder = c.dup('f');
        assertBitwiseEqual(c, fOrder, "f order");
        assertBitwiseEqual(c.getRow(1), Nd4j.createFromArray(4.0, 5.0, 6.0), "row view");
    }
}
