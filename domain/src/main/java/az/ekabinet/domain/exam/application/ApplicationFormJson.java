package az.ekabinet.domain.exam.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * The one JSON shape of an {@link ApplicationForm} outside the event store: the projection writes it into the read
 * model and the query side reads it back, so both must use this same mapping (Jackson on the records).
 */
public final class ApplicationFormJson {

    /** Unknown properties are ignored: a field dropped from a section must not make stored forms unreadable. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ApplicationFormJson() {
    }

    public static String write(ApplicationForm form) {
        try {
            return JSON.writeValueAsString(form);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApplicationForm read(String json) {
        try {
            return JSON.readValue(json, ApplicationForm.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
