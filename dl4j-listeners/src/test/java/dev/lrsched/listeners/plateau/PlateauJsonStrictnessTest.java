package dev.lrsched.listeners.plateau;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lrsched.listeners.plateau.PlateauPolicy.State;
import org.junit.jupiter.api.Test;

/**
 * The plateau JSON ({@link State}, {@link PlateauSettings}) is read by lrsched's own strict mapper: unknown and
 * repeated fields are errors. A repeat after every constructor field used to be written straight into the final
 * field, past the constructor's validation (a restored state with {@code factor = -1}).
 */
class PlateauJsonStrictnessTest {

    private static String withExtra(String json, String field) {
        int end = json.lastIndexOf('}');
        return json.substring(0, end).stripTrailing() + ",\n  " + field + "\n}";
    }

    @Test
    void aRepeatedStateFieldIsRefusedNamingTheField() {
        String stepped = PlateauStateCompatibilityTest.STEPPED;
        for (String repeat : new String[] {"\"factor\" : -1", "\"numBadEpochs\" : -7", "\"mode\" : \"MIN\"",
                "\"best\" : \"NaN\""}) {
            String json = withExtra(stepped, repeat);
            String name = repeat.substring(1, repeat.indexOf('"', 1));
            assertThatThrownBy(() -> State.fromJson(json)).as(repeat).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Duplicate field '" + name + "'");
        }
    }

    @Test
    void aRepeatedSettingsFieldIsRefusedNamingTheField() {
        String json = withExtra(PlateauPolicy.builder().build().getSettings().toJson(), "\"patience\" : -3");
        assertThatThrownBy(() -> PlateauSettings.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate field 'patience'");
    }

    @Test
    void anUnknownStateFieldIsRefusedNamingTheField() {
        String json = withExtra(PlateauStateCompatibilityTest.STEPPED, "\"numreductions\" : 3");
        assertThatThrownBy(() -> State.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numreductions");
        assertThat(State.fromJson(PlateauStateCompatibilityTest.STEPPED).getNumReductions()).isEqualTo(1L);
    }
}
