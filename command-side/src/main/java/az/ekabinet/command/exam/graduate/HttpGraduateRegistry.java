package az.ekabinet.command.exam.graduate;

import az.ekabinet.command.shared.http.OutsideServiceClient;
import az.ekabinet.command.shared.http.UnusableAnswer;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The real graduate registry over HTTP: one service in front of TMMS and the quality-assurance agency's records of
 * studies abroad. Its API as this adapter assumes it:
 * <pre>
 * GET {base-url}/v1/graduates/{fin}/bachelor-records          e.g. /v1/graduates/5ZK3M7P/bachelor-records
 * Accept: application/json
 *   200  a JSON array of records, [] when there are none:
 *        {"recordId": "TMMS-2019-0451", "registry": "TMMS" | "ABROAD",
 *         "institutionCode": "11703", "institutionName": "Azərbaycan Texniki Universiteti",
 *         "admissionYear": 2015, "graduationYear": 2019,
 *         "specialtyCode": "50632", "specialtyName": "İnformasiya texnologiyaları və sistemləri mühəndisliyi",
 *         "admissionCaseNumber": "2015-11703-0451" (optional), "diplomaSeries": "TA", "diplomaNumber": "123456",
 *         "instructionLanguage": "AZ", "gpa": {"scale": "100", "value": 87.5} | null}
 *   404  the registry knows no bachelor's degree of this person (an empty list)
 * </pre>
 * Institutions abroad have codes of the agency's own (e.g. {@code ABR-TR-0042}), not in our reference list.
 * Records are returned trimmed, with upper-case codes ({@link GraduateRecord}); unknown fields are ignored.
 *
 * <p>Anything else means the registry cannot answer now and ends as {@link ExternalServiceUnavailableException}:
 * 5xx, timeouts and connection failures after {@code max-retries} jittered retries; other statuses (400, 401, …), an
 * empty or unreadable 200, or a record we cannot use (no or a duplicate {@code recordId}, a missing institution,
 * specialty or diploma, implausible years, oversized fields, a GPA outside its scale) at once, logged as an
 * integration error without personal data. Timeouts, retries and the circuit breaker are
 * {@link OutsideServiceClient}'s; a 404 is a normal answer and counts as a success for the breaker.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.graduate-registry.mode", havingValue = "http")
public class HttpGraduateRegistry implements GraduateRegistry {

    static final String PATH = "/v1/graduates/{fin}/bachelor-records";

    private static final ParameterizedTypeReference<List<GraduateRecord>> RECORDS =
            new ParameterizedTypeReference<>() { };

    private final OutsideServiceClient client;

    public HttpGraduateRegistry(WebClient.Builder webClientBuilder, GraduateRegistryProperties properties) {
        this.client = new OutsideServiceClient(SERVICE, GraduateRegistryProperties.PREFIX, properties,
                webClientBuilder);
    }

    @Override
    public Mono<List<BachelorEducation>> recordsOf(Fin fin) {
        return client.call(web -> web.get()
                .uri(PATH, fin.value())
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(HttpGraduateRegistry::read));
    }

    /** The breaker's state, for tests and diagnostics. */
    CircuitBreaker.State circuitState() {
        return client.circuitState();
    }

    private static Mono<List<BachelorEducation>> read(ClientResponse response) {
        int status = response.statusCode().value();
        if (status == HttpStatus.OK.value()) {
            return response.bodyToMono(RECORDS)
                    .switchIfEmpty(Mono.error(() -> new UnusableAnswer("200 without a body")))
                    .map(GraduateRecord::canonical);
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return response.releaseBody().thenReturn(List.of());
        }
        return OutsideServiceClient.unexpectedStatus(response);
    }
}
