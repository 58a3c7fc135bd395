package az.ekabinet.it.support;

import az.ekabinet.command.cabinet.identity.DemoIdentityRegistry;
import az.ekabinet.command.cabinet.identity.IdentityRegistry;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.DocumentSeries;
import az.ekabinet.domain.identity.Fin;
import java.time.LocalDate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/**
 * The demo identity registry (its published citizens answer exactly as in the demo), plus any number of synthetic
 * people for tests that need many cabinets: a FIN starting with {@code T} holding an {@code AZE} card is a
 * person named after their FIN; one starting with {@value #AZERBAIJANI_NAMED} is Şükürova Gülnarə İlqar qızı, whose
 * name has the letters a font or an encoding most likely loses. A FIN can register only once per database, and tests
 * share one.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIdentityRegistry {

    public static final String AZERBAIJANI_NAMED = "TZ";

    /**
     * A FIN the registry breaks on, with a failure of no kind the service expects (not the registry being unavailable):
     * the way for a test to provoke an unexpected failure, a 500, over HTTP.
     */
    public static final String BREAKS_THE_REGISTRY = "9BR0KEN";

    @Bean
    @Primary
    IdentityRegistry demoPlusSyntheticPeople(DemoIdentityRegistry demo) {
        return (document, fin) -> fin.value().equals(BREAKS_THE_REGISTRY)
                ? Mono.error(new IllegalStateException("the test identity registry breaks on " + BREAKS_THE_REGISTRY))
                : fin.value().startsWith("T") && document.series() == DocumentSeries.AZE
                        ? Mono.just(synthetic(document, fin))
                        : demo.find(document, fin);
    }

    static PersonRecord synthetic(DocumentNumber document, Fin fin) {
        if (fin.value().startsWith(AZERBAIJANI_NAMED)) {
            return new PersonRecord(fin.value(), document.series().name(), document.number(), "Şükürova", "Gülnarə",
                    "İlqar qızı", LocalDate.of(2001, 9, 17), "F", "Azərbaycan Respublikası", "Gəncə şəhəri, Ə. Əliyev küç. 5",
                    LocalDate.of(2021, 1, 1), LocalDate.of(2031, 1, 1), "ASAN xidmət");
        }
        return new PersonRecord(fin.value(), document.series().name(), document.number(), "Testov", "Test " + fin.value(),
                "Sınaq oğlu", LocalDate.of(2000, 1, 1), "M", "Azərbaycan Respublikası", "Bakı şəhəri",
                LocalDate.of(2020, 1, 1), LocalDate.of(2030, 1, 1), "ASAN xidmət");
    }
}
