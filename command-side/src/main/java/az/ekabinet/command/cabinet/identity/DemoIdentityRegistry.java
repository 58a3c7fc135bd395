package az.ekabinet.command.cabinet.identity;

import az.ekabinet.command.shared.DemoDataFile;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The identity registry of the demo profile: demo citizens shipped in
 * {@value #DATA_FILE}, so that the system demonstrates itself with no outside service. The file is read once, at
 * start-up ({@link DemoDataFile}); a broken file stops the start.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.identity-registry.mode", havingValue = "demo", matchIfMissing = true)
public class DemoIdentityRegistry implements IdentityRegistry {

    static final String DATA_FILE = "demo-data/identity-registry.json";

    private final Map<Key, PersonRecord> people;

    public DemoIdentityRegistry() {
        this.people = load();
    }

    @Override
    public Mono<PersonRecord> find(DocumentNumber document, Fin fin) {
        return Mono.justOrEmpty(people.get(new Key(document, fin)));
    }

    private static Map<Key, PersonRecord> load() {
        List<PersonRecord> records = DemoDataFile.read(DATA_FILE, new TypeReference<>() { });
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
