package az.ekabinet.it.cluster;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Cluster;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Two nodes of the real jar on one database, behind HAProxy, used as citizens, providers, operators and auditors use
 * them: every journey with each request sent to another node than the one before, answered as one node answers it.
 * The first tests are the wrong answers two nodes once gave (each node deciding on its own copy in memory, a status
 * stream deaf to the other node).
 */
class ClusterIT {

    static final String PASSWORD = "a cluster test password";
    static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> EVENTS = new ParameterizedTypeReference<>() { };

    static Cluster cluster;
    static WebTestClient nodeA;
    static WebTestClient nodeB;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = Cluster.start("cluster-it", 2);
        nodeA = cluster.node(0).http();
        nodeB = cluster.node(1).http();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** 130.00 on the wallet, 50.00 of it credited through node B: a transfer of 100.00 through node A goes through. */
    @Test
    void aTransferDecidedOnOneNodeCountsACreditMadeOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        SignedUp other = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "80.00"); // node A has now loaded my wallet and keeps it
        bank(nodeB).payInto(me.token(), "50.00");

        String transfer = transfer(nodeA, me, other, "100.00").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        confirmTransfer(nodeA, me, transfer).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.balance").isEqualTo("30.00");
        assertThat(new ApplicationClient(nodeB).balance(other.token())).isEqualTo("100.00");
    }

    /** An application started through node A and completed through node B is confirmed through node A. */
    @Test
    void anApplicationCompletedOnOneNodeIsConfirmedOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "50.00");
        String number = new ApplicationClient(nodeA).start(me.token(), DEMO_SESSION); // kept by node A
        new ApplicationClient(nodeB).fillIn(me.token(), number);
        assertThat(new ApplicationClient(nodeB).view(me.token(), number).get("problems")).isEmpty();

        new ApplicationClient(nodeA).confirm(me.token(), number).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CONFIRMED").jsonPath("$.balance").isEqualTo("0.00");
    }

    /** A section set back to what node A last saw, after node B changed it, is recorded: A does not see "no change". */
    @Test
    void anEditThatLooksUnchangedToAStaleCopyIsRecorded() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        ApplicationClient onA = new ApplicationClient(nodeA);
        String number = onA.start(me.token(), DEMO_SESSION);
        onA.put(me.token(), number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNoContent();
        new ApplicationClient(nodeB).put(me.token(), number, "residence", "{\"districtCode\":\"GANJA\"}")
                .expectStatus().isNoContent();

        onA.put(me.token(), number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNoContent();

        assertThat(new ApplicationClient(nodeB).view(me.token(), number).at("/personal/residence/code").asText())
                .isEqualTo("BAKU");
    }

    /** A status stream open on node B hears a confirmation made through node A, in well under a second. */
    @Test
    void aStatusStreamOnOneNodeHearsAConfirmationOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "50.00");
        ApplicationClient onA = new ApplicationClient(nodeA);
        String number = onA.start(me.token(), DEMO_SESSION);
        onA.fillIn(me.token(), number);
        long[] confirming = new long[1];

        Flux<ServerSentEvent<JsonNode>> statuses = WebClient.create(cluster.node(1).baseUrl()).get()
                .uri("/api/applications/{n}/status-stream", number).headers(h -> h.setBearerAuth(me.token()))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(EVENTS)
                .filter(event -> event.data() != null);
        StepVerifier.create(statuses)
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("DRAFT"))
                .then(() -> {
                    confirming[0] = System.nanoTime();
                    onA.confirm(me.token(), number).expectStatus().isOk();
                })
                .assertNext(event -> {
                    assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED");
                    assertThat(Duration.ofNanos(System.nanoTime() - confirming[0])).isLessThan(Duration.ofSeconds(1));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));
    }

    /**
     * Registration, login, profile, a provider's payment credited from the pending list, the histories, a transfer
     * previewed on one node and confirmed on the other, an exam application filled in, confirmed and printed, logout:
     * each request on the other node than the one before.
     */
    @Test
    void aCitizensWholeJourneyWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        CitizenClient citizens = new CitizenClient(http);
        String document = Ids.documentNumber();
        var registered = citizens.register("AZE", document, Ids.fin(), Ids.phone(), PASSWORD);
        String token = citizens.token(registered.cabinetNumber(), PASSWORD);
        SignedUp me = new SignedUp(registered.fin(), "AZE" + document, registered.cabinetNumber(), PASSWORD, token);
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.cabinetNumber").isEqualTo(me.cabinetNumber());

        // a payment made with my document: in my pending list, credited from it, then in my history
        String code = Ids.paymentCode();
        bank(http).post(bank(http).notification(code, "75.00", me.document())).expectStatus().isCreated();
        // the pending list is a streaming projection, a moment behind the notification as on one node
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get(http, token, "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));
        http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("75.00");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !get(http, token, "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));
        assertThat(get(http, token, "/api/me/wallet/credits").findValuesAsText("reference")).contains(code);
        bank(http).status(code).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CREDITED");

        // a transfer: previewed on one node, confirmed on the other
        SignedUp recipient = new CitizenClient(nodeB).signUp(PASSWORD);
        String transfer = transfer(http, me, recipient, "20.00").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        confirmTransfer(http, me, transfer).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("55.00");
        assertThat(get(http, token, "/api/me/wallet/debits").findValuesAsText("reference")).contains(transfer);
        assertThat(new ApplicationClient(http).balance(recipient.token())).isEqualTo("20.00");

        // the exam application
        ApplicationClient applications = new ApplicationClient(http);
        String number = applications.start(token, DEMO_SESSION);
        assertThat(applications.start(token, DEMO_SESSION)).as("a repeated start, on the other node").isEqualTo(number);
        applications.fillIn(token, number);
        assertThat(applications.view(token, number).get("problems")).isEmpty();
        applications.confirm(token, number).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("5.00");
        applications.confirm(token, number).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("5.00");
        http.get().uri("/api/applications/{n}/pdf", number).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF);
        assertThat(get(http, token, "/api/exam-sessions").findValuesAsText("applicationStatus")).contains("CONFIRMED");

        // logout on one node: the token is dead on both (the other hears it within milliseconds)
        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        awaitRefusedOnEveryNode(token);
    }

    /**
     * The cabinet's own screens with each request on the other node: a second session, a new phone verified by its
     * code, a password change (the other session ends on both nodes), logout, a second cabinet for the same FIN
     * refused.
     */
    @Test
    void aCitizensCabinetWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        CitizenClient citizens = new CitizenClient(http);
        var registered = citizens.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), PASSWORD);
        String token = citizens.token(registered.cabinetNumber(), PASSWORD);
        String otherSession = citizens.token(registered.fin(), PASSWORD);

        String newPhone = Ids.phone();
        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\",\"currentPassword\":\"%s\"}".formatted(newPhone, PASSWORD))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/me/contact/phone-verification").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"%s\"}".formatted(citizens.lastCode(newPhone)))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.contact.mobilePhone").isEqualTo(newPhone);

        String changed = PASSWORD + " changed";
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, changed))
                .exchange().expectStatus().isNoContent();
        awaitRefusedOnEveryNode(otherSession);
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        citizens.login(registered.cabinetNumber(), PASSWORD).expectStatus().isUnauthorized();

        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        awaitRefusedOnEveryNode(token);
        citizens.login(registered.cabinetNumber(), changed).expectStatus().isOk();

        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}"
                        .formatted(Ids.documentNumber(), registered.fin()))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code")
                .isEqualTo("CABINET_ALREADY_EXISTS");
    }

    /** An administrator publishes a session through one node; citizens of the other see it; a repeat is the same. */
    @Test
    void anAdministratorsSessionWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        String admin = new CitizenClient(http).token("admin", "demo-admin-2026");
        String citizen = new CitizenClient(http).signUp(PASSWORD).token();
        String id = "cluster-" + Ids.paymentCode().toLowerCase();
        String session = """
                {"id":"%s","title":"Sınaq sessiyası","academicYear":"2025/2026","attempt":2,"fee":"%s",
                 "opensAt":"%s","deadline":"%s"}""";
        Instant now = Instant.now();
        for (int repeat = 0; repeat < 2; repeat++) {
            http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(session.formatted(id, "30.00", now.minusSeconds(3600), now.plus(Duration.ofDays(9))))
                    .exchange().expectStatus().isCreated();
            assertThat(get(http, citizen, "/api/exam-sessions").findValuesAsText("id")).contains(id);
        }
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(session.formatted(id, "35.00", now.minusSeconds(3600), now.plus(Duration.ofDays(9))))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code")
                .isEqualTo("EXAM_SESSION_EXISTS");
        String number = new ApplicationClient(http).start(citizen, id);
        assertThat(new ApplicationClient(http).view(citizen, number).get("fee").asText()).isEqualTo("30.00");
    }

    /** A revoked token, refused by both nodes (the one that did not revoke it hears of it within milliseconds). */
    private static void awaitRefusedOnEveryNode(String token) {
        for (WebTestClient node : new WebTestClient[] {nodeA, nodeB}) {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> node.get()
                    .uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(String.class).getStatus().value() == 401);
        }
    }

    /** An operator's stream on node B shows what commands on node A did; the auditors see one consistent ledger. */
    @Test
    void operatorsAndAuditorsSeeWhatEveryNodeDid() {
        String operator = new CitizenClient(nodeB).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        OpsStreams ops = new OpsStreams(WebClient.create(cluster.node(1).baseUrl()), operator);
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        String code = Ids.paymentCode();

        StepVerifier.create(ops.stream(null).filter(OpsStreams::isActivity).map(OpsStreams::json)
                        .filter(activity -> activity.get("type").asText().equals("FundsCredited")
                                && activity.get("amount").asText().equals("12.34")))
                .then(() -> {
                    bank(nodeA).post(bank(nodeA).notification(code, "12.34", "AA1234567")).expectStatus().isCreated();
                    nodeA.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(me.token()))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                            .exchange().expectStatus().isCreated();
                })
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        String auditor = new CitizenClient(nodeA).token("auditor", "demo-auditor-2026");
        WebTestClient ledgerReader = nodeB.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(64 << 20)).build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerReader.get()
                .uri("/api/audit/ledger?fromPosition=0").headers(h -> h.setBearerAuth(auditor))
                .accept(MediaType.parseMediaType("application/x-ndjson")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("PAYMENT_CODE:" + code));
        cluster.http().post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /**
     * Two citizens' wallets moved from both nodes at once: codes credited, transfers both ways (each previewed on
     * one node and confirmed on the other), and each one's application confirmed six times, three through each node.
     * There is money enough for all of it, so every step succeeds: no 5xx, no refusal; each fee is charged once, and
     * the balances are exactly what the steps add up to, in the read model and in the event store alike.
     */
    @Test
    void oneWalletMovedFromBothNodesAtOnceConservesMoney() {
        SignedUp p = new CitizenClient(nodeA).signUp(PASSWORD);
        SignedUp q = new CitizenClient(nodeB).signUp(PASSWORD);
        bank(nodeA).payInto(p.token(), "300.00");
        bank(nodeB).payInto(q.token(), "300.00");
        Map<SignedUp, String> applications = new LinkedHashMap<>();
        for (SignedUp citizen : List.of(p, q)) {
            String number = new ApplicationClient(nodeA).start(citizen.token(), DEMO_SESSION);
            new ApplicationClient(nodeB).fillIn(citizen.token(), number);
            applications.put(citizen, number);
        }
        List<WebClient> nodes = List.of(WebClient.create(cluster.node(0).baseUrl()),
                WebClient.create(cluster.node(1).baseUrl()));
        Map<SignedUp, Long> expected = new ConcurrentHashMap<>(Map.of(p, 300_00L - 50_00L, q, 300_00L - 50_00L));
        List<Mono<List<Integer>>> steps = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SignedUp owner = i % 2 == 0 ? p : q;
            long qepik = 1_00 + i * 37;
            String code = Ids.paymentCode();
            bank(i % 2 == 0 ? nodeB : nodeA).post(bank(nodeA).notification(code, money(qepik), "AA1234567"))
                    .expectStatus().isCreated();
            expected.merge(owner, qepik, Long::sum);
            WebClient node = nodes.get(i % 2);
            steps.add(send(node.post().uri("/api/me/wallet/credits"), owner, "{\"paymentCode\":\"" + code + "\"}")
                    .map(answer -> List.of(answer.status())));
        }
        for (int i = 0; i < 30; i++) {
            SignedUp from = i % 2 == 0 ? p : q;
            SignedUp to = from == p ? q : p;
            long qepik = 50 + i * 11;
            expected.merge(from, -qepik, Long::sum);
            expected.merge(to, qepik, Long::sum);
            WebClient previewOn = nodes.get(i % 2);
            WebClient confirmOn = nodes.get(1 - i % 2);
            steps.add(send(previewOn.post().uri("/api/me/wallet/transfers"), from,
                    "{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                            .formatted(to.cabinetNumber(), money(qepik), PASSWORD))
                    .flatMap(preview -> preview.status() != 201 ? Mono.just(List.of(preview.status()))
                            : send(confirmOn.post().uri("/api/me/wallet/transfers/{id}/confirmation",
                                    preview.body().get("transferId").asText()), from, null)
                            .map(confirmation -> List.of(preview.status(), confirmation.status()))));
        }
        for (int i = 0; i < 12; i++) {
            SignedUp citizen = i % 2 == 0 ? p : q;
            steps.add(send(nodes.get(i / 2 % 2).post().uri("/api/applications/{n}/confirmation",
                    applications.get(citizen)), citizen, "{\"consentToDebit\":true}")
                    .map(answer -> List.of(answer.status())));
        }
        Collections.shuffle(steps);

        List<Integer> statuses = Flux.fromIterable(steps).flatMap(step -> step, 16).flatMapIterable(s -> s)
                .collectList().block(Duration.ofMinutes(2));

        assertThat(statuses).as("every step succeeds on whichever node").hasSize(20 + 60 + 12)
                .allMatch(status -> status == 200 || status == 201);
        for (SignedUp citizen : List.of(p, q)) {
            for (WebTestClient node : List.of(nodeA, nodeB)) {
                assertThat(new ApplicationClient(node).balance(citizen.token()))
                        .isEqualTo(money(expected.get(citizen)));
            }
            assertThat(cluster.jdbc().queryForObject("""
                    SELECT count(*) FROM domainevententry WHERE payloadtype = 'az.ekabinet.domain.wallet.FundsDebited'
                    AND convert_from(payload, 'UTF8')::jsonb ->> 'cause' = ?""", Integer.class,
                    "EXAM_FEE:" + applications.get(citizen))).as("the fee is charged once").isEqualTo(1);
        }
        List<String> wallets = cluster.jdbc().queryForList(
                "SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number IN (?, ?)", String.class,
                p.cabinetNumber(), q.cabinetNumber());
        new WalletLedger(cluster.jdbc()).assertReadModelEqualsReplay(wallets);
    }

    record Answer(int status, JsonNode body) {
    }

    private static Mono<Answer> send(WebClient.RequestBodySpec request, SignedUp caller, String json) {
        request.headers(h -> h.setBearerAuth(caller.token()));
        WebClient.RequestHeadersSpec<?> spec = json == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        return spec.exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                .map(body -> new Answer(response.statusCode().value(), body))
                .defaultIfEmpty(new Answer(response.statusCode().value(), null)));
    }

    private static String money(long qepik) {
        return "%d.%02d".formatted(qepik / 100, qepik % 100);
    }

    /**
     * An administrator replays a streaming read model and rebuilds the ledger through the node that does not process
     * them: the other node releases their segments meanwhile and takes part again after. One replay at a time in the
     * whole cluster; every node reports the same status; the read models come out as they were.
     */
    @Test
    void anAdministratorsReplaysRunOnOneNodeWhileTheOtherServes() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        for (int i = 0; i < 3; i++) {
            bank(i % 2 == 0 ? nodeA : nodeB).payInto(me.token(), "10.00");
        }
        var jdbc = cluster.jdbc();
        String auditor = new CitizenClient(nodeA).token("auditor", "demo-auditor-2026");
        var ledger = new WalletLedger(jdbc);
        ledger.awaitLedgerCaughtUp(Duration.ofSeconds(30));
        awaitPaymentsCaughtUp();
        String payments = "SELECT payment_code, amount_qepik, credited_to_wallet FROM readmodel.provider_payment "
                + "ORDER BY payment_code";
        // a line per event; the order (positions, hashes) is the global index's, unless a late commit was overtaken by
        // the live ledger, which commands racing on two nodes make likely
        String lines = "SELECT global_index, cabinet_number, type, amount_qepik, balance_after_qepik, cause, occurred_at "
                + "FROM readmodel.ledger_entry ORDER BY global_index";
        var paymentsBefore = jdbc.queryForList(payments);
        var linesBefore = jdbc.queryForList(lines);

        for (String projection : new String[] {"provider-payments", "ledger"}) {
            int away = nodeNotHolding(projection);
            var admin = AdminClient.demo(cluster.node(away).http());
            var other = AdminClient.demo(cluster.node(1 - away).http());
            admin.startReplay(projection);
            cluster.node(1 - away).http().post().uri("/api/admin/projections/{name}/replay", "wallet")
                    .headers(h -> h.setBearerAuth(other.token())).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("REPLAY_IN_PROGRESS");
            assertThat(admin.awaitReplay(projection, Duration.ofSeconds(60)).get("state").asText())
                    .isEqualTo("COMPLETED");
            assertThat(other.awaitReplay(projection, Duration.ofSeconds(5)).get("state").asText())
                    .as("the other node reports the same replay").isEqualTo("COMPLETED");
        }
        assertThat(jdbc.queryForList(payments)).isEqualTo(paymentsBefore);
        assertThat(jdbc.queryForList(lines)).isEqualTo(linesBefore);

        // both processors run on again, whichever node holds them
        bank(nodeB).payInto(me.token(), "7.00");
        bank(nodeA).payInto(me.token(), "8.00");
        awaitPaymentsCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.provider_payment", Integer.class))
                .isEqualTo(paymentsBefore.size() + 2);
        ledger.awaitLedgerCaughtUp(Duration.ofSeconds(30));
        cluster.http().post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /** The provider payments' read model has every payment and every credit of a code the event store has. */
    private static void awaitPaymentsCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.jdbc().queryForList("""
                SELECT (SELECT count(*) FROM readmodel.provider_payment) AS received,
                       (SELECT count(*) FROM readmodel.provider_payment WHERE credited_at IS NOT NULL) AS credited""")
                .get(0).values())
                .containsExactly(storedEvents("PaymentReceived"), storedEvents("PaymentCodeRedeemed")));
    }

    private static long storedEvents(String type) {
        return cluster.jdbc().queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class,
                "az.ekabinet.domain.payment." + type);
    }

    /** The node (0 or 1) holding none of the segments of {@code processor}: its processor claimed them all first. */
    private static int nodeNotHolding(String processor) {
        List<String> owners = cluster.jdbc().queryForList(
                "SELECT DISTINCT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL", String.class,
                processor);
        assertThat(owners).as("one node holds the segments of " + processor).hasSize(1);
        return owners.get(0).startsWith(cluster.node(0).pid() + "@") ? 1 : 0;
    }

    /**
     * A deploy: each node stopped (SIGTERM) and started again in turn while citizens read balances and credit codes
     * through HAProxy. A stopping node says it is not ready, serves on until HAProxy has taken it out, then finishes
     * what it has in flight: no request fails.
     */
    @Test
    void aDeployRestartsEveryNodeWithoutAFailedRequest() throws Exception {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        WebClient balancer = WebClient.create(cluster.baseUrl());
        ProviderClient signer = bank(null);
        AtomicBoolean deploying = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger credited = new AtomicInteger();
        Flux<Integer> load = Flux.<Integer>generate(sink -> sink.next(0)).takeWhile(i -> deploying.get())
                .flatMap(i -> {
                    String code = Ids.paymentCode();
                    byte[] body = bank(null).notification(code, "0.01", "AA1234567").getBytes(StandardCharsets.UTF_8);
                    long timestamp = Clock.systemUTC().instant().getEpochSecond();
                    return balancer.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                            .header("X-Ekabinet-Provider", ProviderClient.DEMO_BANK)
                            .header("X-Ekabinet-Timestamp", Long.toString(timestamp))
                            .header("X-Ekabinet-Signature", signer.sign(timestamp, body)).bodyValue(body)
                            .exchangeToMono(response -> Mono.just(response.statusCode().value()))
                            .flatMap(status -> status != 201 ? Mono.just(status) : balancer.post()
                                    .uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(me.token()))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue("{\"paymentCode\":\"" + code + "\"}")
                                    .exchangeToMono(response -> Mono.just(response.statusCode().value())))
                            .flatMap(status -> status != 201 ? Mono.just(status) : balancer.get().uri("/api/me/wallet")
                                    .headers(h -> h.setBearerAuth(me.token()))
                                    .exchangeToMono(response -> Mono.just(response.statusCode().value())))
                            .doOnNext(status -> {
                                if (status == 200) {
                                    credited.incrementAndGet();
                                } else {
                                    failures.add(Integer.toString(status));
                                }
                            })
                            .onErrorResume(failure -> {
                                failures.add(failure.toString());
                                return Mono.empty();
                            });
                }, 4);
        CompletableFuture<Void> running = load.then().toFuture();

        cluster.rollingRestart();
        deploying.set(false);
        running.get(1, TimeUnit.MINUTES);

        assertThat(failures).as("requests that failed during the deploy").isEmpty();
        assertThat(credited.get()).as("payments credited and balances read during the deploy").isGreaterThan(20);
        assertThat(new ApplicationClient(nodeA).balance(me.token()))
                .isEqualTo("%d.%02d".formatted(credited.get() / 100, credited.get() % 100));
    }

    static ProviderClient bank(WebTestClient http) {
        return ProviderClient.demoBank(http, Clock.systemUTC());
    }

    static WebTestClient.ResponseSpec transfer(WebTestClient http, SignedUp from, SignedUp to, String amount) {
        return http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                        .formatted(to.cabinetNumber(), amount, from.password()))
                .exchange();
    }

    static WebTestClient.ResponseSpec confirmTransfer(WebTestClient http, SignedUp from, String transferId) {
        return http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transferId)
                .headers(h -> h.setBearerAuth(from.token())).exchange();
    }

    static JsonNode get(WebTestClient http, String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
