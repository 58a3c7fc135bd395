package az.ekabinet.command.shared.http;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** What the tests of the HTTP adapters share besides the {@link StubServer}. */
public final class HttpAdapterTesting {

    public static final Duration VERIFY_LIMIT = Duration.ofSeconds(10);
    /** Generous: a cold JVM on a busy machine must not turn a quick answer into a timeout and a retry. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    /** A circuit that cannot open within one test, so that only the retries are observed. */
    public static final CircuitBreakerSettings LENIENT_BREAKER =
            new CircuitBreakerSettings(50, 100, 100, Duration.ofMinutes(1));

    private HttpAdapterTesting() {
    }

    /** The call fails, within {@link #VERIFY_LIMIT}, as "{@code service} unavailable" (a 503 for the citizen). */
    public static void verifyUnavailable(Mono<?> call, String service) {
        verifyUnavailable(call, service, VERIFY_LIMIT);
    }

    /** The call fails, within {@code limit}, as "{@code service} unavailable". */
    public static void verifyUnavailable(Mono<?> call, String service, Duration limit) {
        StepVerifier.create(call)
                .expectErrorSatisfies(failure -> {
                    assertThat(failure).isInstanceOf(ExternalServiceUnavailableException.class);
                    assertThat(((ExternalServiceUnavailableException) failure).properties())
                            .containsEntry("service", service);
                })
                .verify(limit);
    }
}
