package az.ekabinet.command.shared;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The data files the demo adapters ship ({@code demo-data/*.json}). They are read once, at start-up and
 * off any request thread; a missing or broken file stops the start instead of surfacing on a citizen's request.
 */
public final class DemoDataFile {

    /** Its own strict mapper: the files' format must not change with the web JSON settings, nor hide a typo. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DemoDataFile() {
    }

    /** The file at {@code path} on the class path, read as {@code type}. */
    public static <T> T read(String path, TypeReference<T> type) {
        try (InputStream in = DemoDataFile.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo data file " + path);
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo data file " + path, e);
        }
    }
}
