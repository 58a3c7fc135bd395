package az.ekabinet.command.sms;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * The HTTP adapter against a stub gateway on 127.0.0.1: what it sends, what it retries, when it gives up, and that
 * an open circuit does not call the gateway at all. Timeouts and backoffs are small so the class stays fast.
 */
class HttpSmsGatewayTest {

    private static final PhoneNumber TO = PhoneNumber.parse("+994501234567");
    private static final String TEXT = "Təsdiq kodu: 123456";
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(300);
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(10);

    /** One received request, as the stub saw it. */
    record Received(String authorization, String contentType, String body) {
    }

    private final AtomicInteger hits = new AtomicInteger();
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private DisposableServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.disposeNow();
        }
    }

    /** A gateway answering the n-th call (1-based) with the status the function gives, after the given delay. */
    private void startStub(IntFunction<Integer> statusOfCall, Duration delay) {
        stub = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/v1/messages", (request, response) ->
                        request.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
                            int call = hits.incrementAndGet();
                            received.add(new Received(request.requestHeaders().get("Authorization"),
                                    request.requestHeaders().get("Content-Type"), body));
                            Mono<Void> answer = response.status(statusOfCall.apply(call)).send().then();
                            return delay.isZero() ? answer : Mono.delay(delay).then(answer);
                        })))
                .bindNow();
    }

    private void startStub(IntFunction<Integer> statusOfCall) {
        startStub(statusOfCall, Duration.ZERO);
    }

    private HttpSmsGateway gateway(int maxRetries, SmsProperties.CircuitBreaker circuit) {
        var properties = new SmsProperties(SmsProperties.Mode.HTTP, "http://127.0.0.1:" + stub.port(), "test-api-key",
                "DIM", Duration.ofMillis(500), RESPONSE_TIMEOUT, maxRetries, Duration.ofMillis(10), circuit, null);
        return new HttpSmsGateway(properties, WebClient.builder());
    }

    private HttpSmsGateway gateway(int maxRetries) {
        // A circuit that cannot open within one test, so that only the retry behaviour is observed.
        return gateway(maxRetries, new SmsProperties.CircuitBreaker(50f, 100, 100, Duration.ofMinutes(1)));
    }

    @Test
    void anAcceptedMessageCompletesAndCarriesTheDocumentedJsonAndBearerKey() throws Exception {
        startStub(call -> 202);

        StepVerifier.create(gateway(2).send(TO, TEXT)).expectComplete().verify(VERIFY_TIMEOUT);

        assertThat(hits).hasValue(1);
        Received request = received.remove();
        assertThat(request.authorization()).isEqualTo("Bearer test-api-key");
        assertThat(request.contentType()).startsWith("application/json");
        var json = new ObjectMapper();
        assertThat(json.readTree(request.body()))
                .isEqualTo(json.readTree("{\"from\":\"DIM\",\"to\":\"+994501234567\",\"text\":\"Təsdiq kodu: 123456\"}"));
    }

    @Test
    void twoUnavailableAnswersAreRetriedUntilTheGatewayAccepts() {
        startStub(call -> call <= 2 ? 503 : 202);
        HttpSmsGateway gateway = gateway(2);

        StepVerifier.create(gateway.send(TO, TEXT)).expectComplete().verify(VERIFY_TIMEOUT);

        assertThat(hits).hasValue(3);
        assertThat(received).extracting(Received::body).containsOnly(received.peek().body());
        assertThat(gateway.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aGatewayThatKeepsFailingEndsAsUnavailableAfterAllRetries() {
        startStub(call -> 500);

        StepVerifier.create(gateway(2).send(TO, TEXT))
                .expectErrorSatisfies(failure -> assertThat(failure)
                        .isInstanceOf(ExternalServiceUnavailableException.class)
                        .hasNoCause())
                .verify(VERIFY_TIMEOUT);

        assertThat(hits).hasValue(1 + 2);
    }

    @Test
    void aRefusalIsNotRetried() {
        startStub(call -> 400);

        StepVerifier.create(gateway(2).send(TO, TEXT))
                .expectError(ExternalServiceUnavailableException.class)
                .verify(VERIFY_TIMEOUT);

        assertThat(hits).hasValue(1);
    }

    @Test
    void aGatewaySlowerThanTheResponseTimeoutEndsAsUnavailable() {
        startStub(call -> 202, RESPONSE_TIMEOUT.multipliedBy(3));

        StepVerifier.create(gateway(1).send(TO, TEXT))
                .expectError(ExternalServiceUnavailableException.class)
                .verify(VERIFY_TIMEOUT);

        // Each attempt reached the stub and was abandoned: the timeout is per attempt, and timeouts are retried.
        assertThat(hits).hasValue(2);
    }

    @Test
    void anUnreachableGatewayEndsAsUnavailable() {
        startStub(call -> 202);
        HttpSmsGateway gateway = gateway(1);
        stub.disposeNow(); // nothing listens on the port any more: connection refused

        StepVerifier.create(gateway.send(TO, TEXT))
                .expectError(ExternalServiceUnavailableException.class)
                .verify(VERIFY_TIMEOUT);
        stub = null;
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheGateway() {
        startStub(call -> 500);
        HttpSmsGateway gateway = gateway(0, new SmsProperties.CircuitBreaker(50f, 2, 2, Duration.ofMinutes(1)));

        for (int i = 0; i < 2; i++) {
            StepVerifier.create(gateway.send(TO, TEXT))
                    .expectError(ExternalServiceUnavailableException.class)
                    .verify(VERIFY_TIMEOUT);
        }
        assertThat(hits).hasValue(2);
        assertThat(gateway.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);

        StepVerifier.create(gateway.send(TO, TEXT))
                .expectError(ExternalServiceUnavailableException.class)
                .verify(VERIFY_TIMEOUT);
        assertThat(hits).hasValue(2);
    }

    @Test
    void refusalsDoNotOpenTheCircuit() {
        startStub(call -> 422);
        HttpSmsGateway gateway = gateway(0, new SmsProperties.CircuitBreaker(50f, 2, 2, Duration.ofMinutes(1)));

        for (int i = 0; i < 3; i++) {
            StepVerifier.create(gateway.send(TO, TEXT))
                    .expectError(ExternalServiceUnavailableException.class)
                    .verify(VERIFY_TIMEOUT);
        }
        assertThat(hits).hasValue(3);
        assertThat(gateway.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void withoutABaseUrlEverySendFailsButTheAdapterStillStarts() {
        var properties = new SmsProperties(SmsProperties.Mode.HTTP, "${EKABINET_SMS_BASE_URL}", null,
                null, null, null, null, null, null, null);

        StepVerifier.create(new HttpSmsGateway(properties, WebClient.builder()).send(TO, TEXT))
                .expectError(ExternalServiceUnavailableException.class)
                .verify(VERIFY_TIMEOUT);
    }
}
