package dev.lrsched.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class IonosphereTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedCopyIsTheUciDataSet() {
        DataSet d = Ionosphere.bundled();
        assertThat(d.getFeatures().shape()).containsExactly(351, 34);
        assertThat(d.getLabels().shape()).containsExactly(351, 1);
        assertThat(d.getLabels().sumNumber().intValue()).isEqualTo(225);          // 225 'g', 126 'b'
        assertThat(d.getFeatures().getColumn(1).sumNumber().doubleValue()).isZero(); // feature 2 is constantly 0
        // first row of the UCI file: 1,0,0.99539,-0.05889,... ,g
        assertThat(d.getFeatures().getDouble(0, 2)).isCloseTo(0.99539, Offset.offset(1e-6));
        assertThat(d.getLabels().getDouble(0, 0)).isEqualTo(1.0);
        assertThat(d.getLabels().getDouble(1, 0)).isEqualTo(0.0);                  // second row is 'b'
    }

    @Test
    void readsTheUciIonosphereLayoutWithGoodBadOrNumericLabels() throws IOException {
        Path csv = tmp.resolve("iono.csv");
        Files.writeString(csv, String.join("\n",
                "# a comment",
                row(1, "g"),
                row(0, "b"),
                "",
                row(1, "1"),
                row(0.5, " B "),
                row(1, "0")) + "\n");
        DataSet d = Ionosphere.readCsv(csv);
        assertThat(d.getFeatures().shape()).containsExactly(5, 34);
        assertThat(d.getLabels().toDoubleVector()).containsExactly(1, 0, 1, 0, 0);
        assertThat(d.getFeatures().getDouble(3, 0)).isEqualTo(0.5);
        assertThat(d.getFeatures().getDouble(0, 9)).isEqualTo(0.2, Offset.offset(1e-6));
    }

    @Test
    void skipsAHeaderLine() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int j = 1; j <= 34; j++) {
            header.append('a').append(j).append(',');
        }
        Path csv = tmp.resolve("h.csv");
        Files.writeString(csv, header.append("class") + "\n" + row(1, "g") + "\n");
        assertThat(Ionosphere.readCsv(csv).numExamples()).isEqualTo(1);
    }

    @Test
    void malformedRowsNameTheLine() throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, row(1, "g") + "\n" + row(1, "x") + "\n");
        assertThatThrownBy(() -> Ionosphere.readCsv(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad.csv line 2: label must be g, b, 1 or 0, got 'x'");
        Files.writeString(csv, row(1, "g") + "\n1,2,g\n");
        assertThatThrownBy(() -> Ionosphere.readCsv(csv))
                .hasMessage("bad.csv line 2: expected 35 columns (34 features + label), got 3");
        Files.writeString(csv, row(1, "g") + "\n" + row(1, "g").replaceFirst("0\\.1", "abc") + "\n");
        assertThatThrownBy(() -> Ionosphere.readCsv(csv))
                .hasMessage("bad.csv line 2: column 9 is not a number: 'abc'");
        Files.writeString(csv, "\n# nothing\n");
        assertThatThrownBy(() -> Ionosphere.readCsv(csv)).hasMessage("bad.csv has no data rows");
        assertThatThrownBy(() -> Ionosphere.readCsv(tmp.resolve("missing.csv")))
                .isInstanceOf(UncheckedIOException.class);
    }

    private static String row(double first, String label) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < 34; j++) {
            sb.append(j == 0 ? first : j == 1 ? 0 : (j % 7) / 10.0).append(',');
        }
        return sb.append(label).toString();
    }
}
