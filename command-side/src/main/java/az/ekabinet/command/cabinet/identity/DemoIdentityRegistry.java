package az.ekabinet.command.cabinet.identity;

import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The identity registry of the demo profile (SPEC.md §8, §9): demo citizens shipped in
 * {@value #DATA_FILE}, so that the system demonstrates itself with no outside service. The file is read once, at
 * start-up and off any request thread; a broken file stops the start instead of surfacing on a citizen's request.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.identity-registry.mode", havingValue = "demo", matchIfMissing = true)
public class DemoIdentityRegistry implements IdentityRegistry {

    static final String DATA_FILE = "demo-data/identity-registry.json";

    /** Its own mapper: the data file's format must not change with the web JSON settings. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<Key, PersonRecord> people;

    public DemoIdentityRegistry() {
        this.people = load();
    }

    @Override
    public Mono<PersonRecord> find(DocumentNumber document, Fin fin) {
        return Mono.justOrEmpty(people.get(new Key(document, fin)));
    }

    private static Map<Key, PersonRecord> load() {
        List<PersonRecord> records;
        try (InputStream in = DemoIdentityRegistry.class.getClassLoader().getResourceAsStream(DATA_FILE)) {
            if (in == null) {
                throw new IllegalStateException("Missing demo data file " + DATA_FILE);
            }
            records = JSON.readValue(in, new TypeReference<List<PersonRecord>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo data file " + DATA_FILE, e);
        }
        Map<Key, PersonRecord> byKey = new HashMap<>();
        for (PersonRecord person : records) {
            // The same checks a citizen's input gets: a fixture nobody could type in would demonstrate nothing.
            Key key = new Key(new DocumentNumber(DocumentNumber.parseSeries(person.documentSeries()),
                    person.documentNumber()), new Fin(person.fin()));
            if (byKey.putIfAbsent(key, person) != null) {
                throw new IllegalStateException("Duplicate person in " + DATA_FILE + ": " + key);
            }
        }
        return Map.copyOf(byKey);
    }

    private record Key(DocumentNumber document, Fin fin) {
    }
}
