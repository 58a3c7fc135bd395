package az.ekabinet.config.plumbing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The JSON of what Axon stores (events, tokens, sagas), made by a private mapper, never by the web one: a change of
 * web JSON settings must not change what is stored for years. Unknown properties are tolerated so that an event
 * written by a newer version still reads. Instants in the form it writes are read by hand
 * ({@link StoredInstantDeserializer}, registered after, so in place of, Jackson's own). The modules given shape the
 * stored form of domain values of their own.
 */
public final class StoredJson {

    private StoredJson() {
    }

    public static ObjectMapper mapper(Module... modules) {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(new SimpleModule("stored-instants")
                        .addDeserializer(Instant.class, new StoredInstantDeserializer()))
                .registerModules(modules)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static Serializer serializer(Module... modules) {
        return JacksonSerializer.builder().objectMapper(mapper(modules)).build();
    }
}
