package az.ekabinet.command.exam.graduate;

import az.ekabinet.command.shared.DemoDataFile;
import az.ekabinet.command.shared.http.UnusableAnswer;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.InvalidValueException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The graduate registry of the demo profile, with no outside service: demo graduates shipped in {@value #DATA_FILE}, an
 * object from FIN to that person's records in the wire format of {@link HttpGraduateRegistry}. The records pass the
 * same checks as the real registry's answers, so a fixture the HTTP adapter would refuse fails the start instead of
 * demonstrating something the real system never shows. Read once, at start-up ({@link DemoDataFile}).
 *
 * <p>Institutions and specialties in our reference lists carry the names they have there; an institution abroad has
 * a code of the form {@code ABR-<ISO country>-<number>}, which no reference list holds.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.graduate-registry.mode", havingValue = "demo", matchIfMissing = true)
public class DemoGraduateRegistry implements GraduateRegistry {

    static final String DATA_FILE = "demo-data/graduate-registry.json";

    private final Map<Fin, List<BachelorEducation>> graduates;

    public DemoGraduateRegistry() {
        this.graduates = load();
    }

    @Override
    public Mono<List<BachelorEducation>> recordsOf(Fin fin) {
        return Mono.just(graduates.getOrDefault(fin, List.of()));
    }

    private static Map<Fin, List<BachelorEducation>> load() {
        Map<String, List<GraduateRecord>> recordsByFin = DemoDataFile.read(DATA_FILE, new TypeReference<>() { });
        Map<Fin, List<BachelorEducation>> byFin = new HashMap<>();
        recordsByFin.forEach((fin, records) -> {
            try {
                byFin.put(new Fin(fin), GraduateRecord.canonical(records));
            } catch (UnusableAnswer | InvalidValueException e) {
                throw new IllegalStateException("Unusable graduate of " + fin + " in " + DATA_FILE + ": "
                        + e.getMessage(), e);
            }
        });
        return Map.copyOf(byFin);
    }
}
