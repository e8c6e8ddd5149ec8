package dev.lrsched.listeners.plateau;

import dev.lrsched.schedules.support.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.shade.jackson.core.JsonParser;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

/**
 * The JSON form of the plateau values ({@link PlateauSettings}, {@link PlateauPolicy.State}): pretty-printed,
 * strict on reading (unknown, missing or repeated fields are errors), infinities as the strings {@code "Infinity"} /
 * {@code "-Infinity"} (Jackson's default for non-finite doubles).
 */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            // a repeated field would otherwise win silently, or (after every creator field) be written into the
            // final field past the constructor's validation
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Json() {
    }

    /** The JSON fields of {@code value}, in order, as a mutable map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Object value) {
        return MAPPER.convertValue(value, LinkedHashMap.class);
    }

    static String write(Object value, String what) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " as JSON", e);
        }
    }

    /**
     * @throws IllegalArgumentException the constructor's own message for an invalid value, else
     *                                  "invalid {what} JSON: ..." for malformed JSON and unknown or missing fields
     */
    static <T> T read(String json, Class<T> type, String what) {
        Checks.notNull("json", json);
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) root;
            }
            throw new IllegalArgumentException("invalid " + what + " JSON: " + e.getMessage(), e);
        }
    }
}
