package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.query.ops.OpsCountersReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A node's admission control under a synthetic flood: requests held open by a test endpoint fill a class's slots,
 * and what comes next is refused at once (503 SERVICE_BUSY, Retry-After) and changes nothing, while the other
 * classes and the event streams are still served. Tiny limits (two slots a class) make a flood of
 * a few requests. (A slot is given back just after the answer is sent, so a client's next request may meet its
 * previous one still counted: each class has two slots, which a test's requests one after the other need.) The
 * hashing limit follows congestion as it does by default, told only by how long a login waited in front of the node:
 * a held request is slow on purpose, so the latency target is out of reach here. One hashing thread, so that the
 * limit may fall to one.
 */
@IntegrationTest
@DirtiesContext // its limits and its holding endpoints serve this class only
@TestPropertySource(properties = {"ekabinet.admission.browsing=2", "ekabinet.admission.critical=2",
        "ekabinet.admission.password=2", "ekabinet.admission.retry-after=3s", "ekabinet.admission.max-queue-time=1s",
        "ekabinet.admission.congestion-queue-time=700ms", "ekabinet.admission.latency-target=1h",
        "ekabinet.admission.report-interval=200ms", "ekabinet.passwords.parallelism=1"})
class AdmissionControlIT {

    /** Endpoints that answer only when the test lets them: each holds its slot until then. */
    @TestConfiguration
    static class HoldingEndpoints {

        static volatile Sinks.Empty<Void> gate = Sinks.empty();

        @RestController
        static class Holding {

            @GetMapping("/api/dev/held/browsing")
            Mono<String> browsing() {
                return gate.asMono().thenReturn("let go");
            }

            @AdmittedAs(RequestClass.CRITICAL)
            @PostMapping("/api/dev/held/critical")
            Mono<String> critical() {
                return gate.asMono().thenReturn("let go");
            }

            @AdmittedAs(RequestClass.PASSWORD)
            @PostMapping("/api/dev/held/password")
            Mono<String> password() {
                return gate.asMono().thenReturn("let go");
            }

            @GetMapping(path = "/api/dev/held/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
            Flux<String> stream() {
                return Flux.just("open").concatWith(gate.asMono().then(Mono.empty()));
            }
        }
    }

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OpsCountersReader counters;
    @LocalServerPort
    int port;

    WebClient client;
    final List<Disposable> held = new ArrayList<>();

    @BeforeEach
    void setUp() {
        HoldingEndpoints.gate = Sinks.empty();
        client = WebClient.create("http://localhost:" + port);
    }

    @AfterEach
    void letGo() {
        HoldingEndpoints.gate.tryEmitEmpty();
        held.forEach(Disposable::dispose);
    }

    private void hold(String method, String path, String requestClass, int inFlight) {
        held.add(client.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .retrieve().toEntity(String.class).subscribe(answer -> { }, failure -> { }));
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(requestClass) == inFlight);
    }

    private double inFlight(String requestClass) {
        return meters.get("ekabinet.admission.in.flight").tag("class", requestClass).gauge().value();
    }

    private double refused(String requestClass) {
        var counter = meters.find("ekabinet.admission.requests").tag("class", requestClass).tag("outcome", "refused")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static void isBusy(WebTestClient.ResponseSpec answer) {
        answer.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("Retry-After", "3")
                .expectBody().jsonPath("$.code").isEqualTo("SERVICE_BUSY");
    }

    private JsonNode wallet(String token) {
        return http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private List<String> pending(String token) {
        return http.get().uri("/api/me/wallet/pending-payments").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .findValuesAsText("paymentCode");
    }

    /** A payment of {@code amount} the demo bank notified for me, among my pending payments now: its code. */
    private String pendingPayment(CitizenClient.SignedUp me, String amount) {
        var bank = ProviderClient.demoBank(http, clock);
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, amount, me.document())).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(10)).until(() -> pending(me.token()).contains(code));
        return code;
    }

    private WebTestClient.ResponseSpec credit(String token, String code) {
        return credit(token, code, h -> { });
    }

    /** The credit, with headers as a load balancer in front would add them. */
    private WebTestClient.ResponseSpec credit(String token, String code,
                                              java.util.function.Consumer<org.springframework.http.HttpHeaders> more) {
        return http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token)).headers(more)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange();
    }

    @Test
    void browsingBeyondItsSlotsIsRefusedAtOnceWhileMoneyAndStreamsGetIn() {
        var me = new CitizenClient(http).signUp("an admitted citizen's password");
        var bank = ProviderClient.demoBank(http, clock);
        String code = pendingPayment(me, "25.00");

        hold("GET", "/api/dev/held/browsing", "browsing", 1);
        hold("GET", "/api/dev/held/browsing", "browsing", 2);
        double refusedBefore = refused("browsing");

        // answered while the two held requests are still held: a refusal waits for nothing
        isBusy(http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(me.token())).exchange());
        isBusy(http.get().uri("/api/exam-sessions").headers(h -> h.setBearerAuth(me.token())).exchange());
        // a page on the front-end's origin can read the refusal and its Retry-After
        // (over real HTTP: the test client bound to the application has no host for an origin to differ from)
        var fromTheFrontEnd = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/api/me/wallet").header("Origin", "https://kabinet.example.az")
                .headers(h -> h.setBearerAuth(me.token())).exchange();
        fromTheFrontEnd.expectHeader().valueEquals("Access-Control-Allow-Origin", "https://kabinet.example.az");
        isBusy(fromTheFrontEnd);
        assertThat(refused("browsing")).isEqualTo(refusedBefore + 3);
        // the operators' counters add up every node's reports
        long refusedNow = (long) refused("browsing");
        await().atMost(Duration.ofSeconds(10)).until(() -> counters.read().block().admission().stream()
                .anyMatch(c -> c.requestClass().equals("browsing") && c.refused() >= refusedNow && c.admitted() > 0));
        assertThat(inFlight("browsing")).as("the held requests are still held").isEqualTo(2);

        // money is admitted beside the browsing flood: the citizen's credit and a provider's next notification
        credit(me.token(), code).expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("25.00");
        bank.post(bank.notification(Ids.paymentCode(), "10.00", me.document())).expectStatus().isCreated();

        // an event stream takes no slot
        String first = client.get().uri("/api/dev/held/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(String.class).blockFirst(Duration.ofSeconds(10));
        assertThat(first).isEqualTo("open");

        HoldingEndpoints.gate.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("browsing") == 0);
        assertThat(wallet(me.token()).get("balance").asText()).isEqualTo("25.00");
        assertThat(meters.get("ekabinet.admission.limit").tag("class", "browsing").gauge().value()).isEqualTo(2);
        assertThat(meters.get("ekabinet.admission.limit").tag("class", "critical").gauge().value()).isEqualTo(2);
    }

    @Test
    void aRefusedCreditChangesNothingAndGoesThroughOnceASlotIsFree() {
        var me = new CitizenClient(http).signUp("a patient citizen's password");
        String code = pendingPayment(me, "40.00");

        hold("POST", "/api/dev/held/critical", "critical", 1);
        hold("POST", "/api/dev/held/critical", "critical", 2);
        isBusy(credit(me.token(), code));

        assertThat(wallet(me.token()).get("balance").asText()).as("read while money is full: browsing has its own")
                .isEqualTo("0.00");
        assertThat(pending(me.token())).as("the code is still waiting to be credited").contains(code);

        HoldingEndpoints.gate.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("critical") == 0);
        credit(me.token(), code).expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("40.00");
    }

    @Test
    void aRequestThatWaitedTooLongInFrontOfTheNodeIsRefusedAndChangesNothingMoneyWaitingLongest() {
        var me = new CitizenClient(http).signUp("a queued citizen's password");
        String code = pendingPayment(me, "15.00");
        long waitedBefore = meters.get("ekabinet.admission.queue").tag("class", "critical").timer().count();

        // received by the load balancer 3 s ago (the class's slots are all free): its client has waited long enough
        isBusy(credit(me.token(), code,
                h -> h.set("X-Request-Start", "t=" + (System.currentTimeMillis() - 3_000) * 1_000)));
        assertThat(wallet(me.token()).get("balance").asText()).isEqualTo("0.00");
        assertThat(pending(me.token())).contains(code);

        // 1.2 s ago: more than browsing may have waited here (1 s), less than money (2 s)
        java.util.function.Consumer<org.springframework.http.HttpHeaders> receivedAWhileAgo =
                h -> h.set("X-Request-Start", "t=" + (System.currentTimeMillis() - 1_200) * 1_000);
        isBusy(http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(me.token())).headers(receivedAWhileAgo)
                .exchange());

        credit(me.token(), code, receivedAWhileAgo)
                .expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("15.00");
        var waited = meters.get("ekabinet.admission.queue").tag("class", "critical").timer();
        assertThat(waited.count()).as("both waits measured").isEqualTo(waitedBefore + 2);
        assertThat(waited.max(java.util.concurrent.TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void aLoginServedAfterAWaitInFrontOfTheNodeLowersTheHashingLimitUntilCalmLoginsRaiseItAgain() {
        var me = new CitizenClient(http).signUp("a congested citizen's password");
        assertThat(limit("password")).isEqualTo(2);

        // 800 ms ago: served (a login may wait 1 s), but a sign of congestion (700 ms)
        login(me, h -> h.set("X-Request-Start", "t=" + (System.currentTimeMillis() - 800) * 1_000))
                .expectStatus().isOk();
        // (the limiter hears of a request just after its answer is sent)
        await().atMost(Duration.ofSeconds(10)).until(() -> limit("password") == 1); // a tenth less, at least one
        assertThat(limit("browsing")).as("browsing and money keep theirs").isEqualTo(2);

        hold("POST", "/api/dev/held/password", "password", 1);
        isBusy(login(me, h -> { }));

        HoldingEndpoints.gate.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("password") == 0);
        login(me, h -> { }).expectStatus().isOk(); // calm, the class full while it is worked on
        await().atMost(Duration.ofSeconds(10)).until(() -> limit("password") == 2);
    }

    private double limit(String requestClass) {
        return meters.get("ekabinet.admission.limit").tag("class", requestClass).gauge().value();
    }

    private WebTestClient.ResponseSpec login(CitizenClient.SignedUp me,
                                             java.util.function.Consumer<org.springframework.http.HttpHeaders> more) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).headers(more)
                .bodyValue("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(me.cabinetNumber(), me.password()))
                .exchange();
    }

    @Test
    void loginsBeyondTheHashingSlotsAreRefusedAtOnceAndTheRestIsServed() {
        var me = new CitizenClient(http).signUp("a hashing citizen's password");

        hold("POST", "/api/dev/held/password", "password", 1);
        hold("POST", "/api/dev/held/password", "password", 2);
        isBusy(new CitizenClient(http).login(me.cabinetNumber(), me.password()));
        assertThat(wallet(me.token()).get("balance").asText()).as("browsing is not held up by logins")
                .isEqualTo("0.00");

        HoldingEndpoints.gate.tryEmitEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("password") == 0);
        new CitizenClient(http).login(me.cabinetNumber(), me.password()).expectStatus().isOk();
    }
}
