package dev.lrsched.samples;

import static dev.lrsched.schedules.testing.ArrayAssertions.assertBitwiseEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SyntheticDataTest {

    private static int[] classCounts(DataSet d) {
        int classes = d.getLabels().columns();
        int[] counts = new int[classes];
        for (int i = 0; i < d.numExamples(); i++) {
            counts[d.getLabels().getRow(i).argMax().getInt(0)]++;
        }
        return counts;
    }

    @Test
    void blobsAreDeterministicBalancedAndOneHot() {
        DataSet a = SyntheticData.blobs(90, 3, 5, 4.0, 7);
        DataSet b = SyntheticData.blobs(90, 3, 5, 4.0, 7);
        assertBitwiseEqual(a.getFeatures(), b.getFeatures(), "features, same seed");
        assertBitwiseEqual(a.getLabels(), b.getLabels(), "labels, same seed");
        assertThat(a.getFeatures().shape()).containsExactly(90, 5);
        assertThat(a.getLabels().shape()).containsExactly(90, 3);
        assertThat(a.getLabels().sum(1).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(a.getLabels().sum(1).maxNumber().doubleValue()).isEqualTo(1.0);
        assertThat(classCounts(a)).containsExactly(30, 30, 30);
        assertThat(SyntheticData.blobs(90, 3, 5, 4.0, 8).getFeatures()).isNotEqualTo(a.getFeatures());
    }

    @Test
    void blobsRejectBadArguments() {
        assertThatThrownBy(() -> SyntheticData.blobs(10, 1, 2, 1, 0)).hasMessage("classes must be >= 2, got 1");
        assertThatThrownBy(() -> SyntheticData.blobs(2, 3, 2, 1, 0)).hasMessage("rows must be >= classes (3), got 2");
        assertThatThrownBy(() -> SyntheticData.blobs(10, 2, 0, 1, 0)).hasMessage("features must be >= 1, got 0");
        assertThatThrownBy(() -> SyntheticData.blobs(10, 2, 2, Double.NaN, 0)).hasMessage("separation must be finite and > 0, got NaN");
    }

    @Test
    void spiralsHaveRadiusAtMostOne() {
        DataSet s = SyntheticData.spirals(50, 3, 0.2, 1);
        assertThat(s.getFeatures().shape()).containsExactly(150, 2);
        assertThat(classCounts(s)).containsExactly(50, 50, 50);
        assertThat(s.getFeatures().norm2(1).maxNumber().doubleValue()).isLessThanOrEqualTo(1.0 + 1e-6);
        assertBitwiseEqual(s.getFeatures(), SyntheticData.spirals(50, 3, 0.2, 1).getFeatures(), "spirals, same seed");
    }

    @Test
    void ionosphereShapedHasTheUciShape() {
        DataSet d = SyntheticData.ionosphereShaped(3);
        assertThat(d.getFeatures().shape()).containsExactly(351, 34);
        assertThat(d.getLabels().shape()).containsExactly(351, 2);
        assertThat(classCounts(d)).containsExactly(126, 225);
        assertThat(d.getFeatures().getColumn(1).sumNumber().doubleValue()).isZero();
        assertThat(d.getFeatures().minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        assertThat(d.getFeatures().maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertBitwiseEqual(d.getFeatures(), SyntheticData.ionosphereShaped(3).getFeatures(), "ionosphere-shaped, same seed");
    }

    @Test
    void splitIsDeterministicAndPartitionsTheRows() {
        DataSet d = SyntheticData.blobs(100, 2, 3, 2, 1);
        SyntheticData.Split s = SyntheticData.split(d, 0.8, 5);
        assertThat(s.train().numExamples()).isEqualTo(80);
        assertThat(s.validation().numExamples()).isEqualTo(20);
        assertThat(s.train().getFeatures().sumNumber().doubleValue() + s.validation().getFeatures().sumNumber().doubleValue())
                .isCloseTo(d.getFeatures().sumNumber().doubleValue(), org.assertj.core.data.Offset.offset(1e-3));
        assertBitwiseEqual(s.train().getFeatures(), SyntheticData.split(d, 0.8, 5).train().getFeatures(), "split, same seed");
        assertBitwiseEqual(s.validation().getLabels(), SyntheticData.split(d, 0.8, 5).validation().getLabels(),
                "split labels, same seed");
        assertThatThrownBy(() -> SyntheticData.split(d, 1.0, 5)).hasMessage("trainFraction must be in (0.0, 1.0), got 1.0");
    }
}
