package az.ekabinet.it.security;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.WalletLedger;
import az.ekabinet.projection.ledger.LedgerCheckpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A generated corpus of hostile request bodies on every endpoint that takes one: malformed JSON, wrong types, huge
 * and unicode-heavy values, boundary amounts, injection strings. Every answer must be a 4xx problem+json and nothing
 * may change: no event stored, no read-model row touched. The corpus comes from a fixed seed (printed on failure),
 * so a failure is reproducible.
 */
@IntegrationTest
class HostileInputIT {

    static final long SEED = Long.getLong("hostile.seed", 20261123L);
    static final int BODIES_PER_ENDPOINT = 60;
    static final String PASSWORD = "a hostile test password";

    /** Values no field of this API accepts. */
    static final List<Object> HOSTILE_VALUES = List.of(
            "' OR 1=1 --", "'; DROP TABLE domainevententry; --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "../../etc/passwd", "%00", "\u0000", "\u202eevil", "😀😀😀", "Ə\u0301\u0301\u0301", "\uFEFF", " ",
            "-1", "-0.01", "1e10", "NaN", "Infinity", "0x10", "99999999999999999999.99", "1.001", "١٢٣",
            "x".repeat(5_000), "Ş".repeat(3_000), -1, 0, 1.5, 1e300, Long.MAX_VALUE, true, List.of(), Map.of("a", 1));

    /** Bodies that are not the JSON they claim to be. */
    static final List<String> MALFORMED = List.of("", "{", "}", "[]", "null", "{\"a\":}", "{\"a\" 1}", "{'a':1}",
            "{\"a\":1}}", "{\"a\":1,\"a\":2}", "\u0000", "{\"a\":\"\\ud800\"}", "[".repeat(2_000),
            "{\"x\":\"" + "y".repeat(70_000) + "\"}");

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    LedgerCheckpoints checkpoints;

    /** An endpoint with the fields a valid body has and who may call it. */
    record Endpoint(HttpMethod method, String path, List<String> fields, Function<WebTestClient.RequestBodySpec,
            WebTestClient.RequestBodySpec> caller) {
    }

    @Test
    void everyHostileBodyIsA4xxProblemAndChangesNothing() {
        CitizenClient citizens = new CitizenClient(http);
        var citizen = citizens.signUp(PASSWORD);
        String token = citizen.token();
        String admin = citizens.token("admin", "demo-admin-2026");
        String number = new ApplicationClient(http).start(token, DEMO_SESSION);
        String registration = citizens.start("AZE", az.ekabinet.it.support.Ids.documentNumber(),
                az.ekabinet.it.support.Ids.fin());
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        Function<WebTestClient.RequestBodySpec, WebTestClient.RequestBodySpec> anyone = spec -> spec;
        Function<WebTestClient.RequestBodySpec, WebTestClient.RequestBodySpec> asCitizen =
                spec -> spec.headers(h -> h.setBearerAuth(token));
        Function<WebTestClient.RequestBodySpec, WebTestClient.RequestBodySpec> asAdmin =
                spec -> spec.headers(h -> h.setBearerAuth(admin));
        String application = "/api/applications/" + number;
        List<Endpoint> endpoints = List.of(
                new Endpoint(HttpMethod.POST, "/api/registrations", List.of("documentSeries", "documentNumber", "fin"), anyone),
                new Endpoint(HttpMethod.PUT, "/api/registrations/" + registration + "/contact",
                        List.of("mobilePhone", "email"), anyone),
                new Endpoint(HttpMethod.POST, "/api/registrations/" + registration + "/password", List.of("password"), anyone),
                new Endpoint(HttpMethod.POST, "/api/me/wallet/credits", List.of("paymentCode"), asCitizen),
                new Endpoint(HttpMethod.POST, "/api/me/wallet/transfers",
                        List.of("recipientCabinetNumber", "amount", "password"), asCitizen),
                new Endpoint(HttpMethod.PUT, "/api/me/contact", List.of("mobilePhone", "email", "currentPassword"), asCitizen),
                new Endpoint(HttpMethod.PUT, "/api/me/password", List.of("currentPassword", "newPassword"), asCitizen),
                new Endpoint(HttpMethod.POST, "/api/me/identity-document", List.of("documentSeries", "documentNumber"),
                        asCitizen),
                new Endpoint(HttpMethod.PUT, application + "/previous-names", List.of("surname", "name", "patronymic"),
                        asCitizen),
                new Endpoint(HttpMethod.PUT, application + "/residence", List.of("districtCode"), asCitizen),
                new Endpoint(HttpMethod.PUT, application + "/bachelor-education", List.of("source", "recordId",
                        "institutionCode", "admissionYear", "graduationYear", "specialtyCode", "diplomaSeries",
                        "diplomaNumber", "instructionLanguage", "gpa"), asCitizen),
                new Endpoint(HttpMethod.PUT, application + "/master-education",
                        List.of("kind", "institutionCode", "graduationYear"), asCitizen),
                new Endpoint(HttpMethod.PUT, application + "/exam-choices",
                        List.of("section", "foreignLanguage", "specializationCodes"), asCitizen),
                new Endpoint(HttpMethod.POST, application + "/confirmation", List.of("consentToDebit"), asCitizen),
                new Endpoint(HttpMethod.POST, "/api/admin/exam-sessions", List.of("id", "title", "academicYear",
                        "attempt", "fee", "opensAt", "deadline"), asAdmin));

        Random random = new Random(SEED);
        long events = new EventStore(jdbc).totalEvents();
        // the ledger written and signed up to the setup's last movement, as its timer would within seconds
        new WalletLedger(jdbc).awaitLedgerCaughtUp(Duration.ofSeconds(30));
        checkpoints.signIfGrown();
        Map<String, String> rows = settledRows();
        List<String> broken = new ArrayList<>();
        int sent = 0;
        for (Endpoint endpoint : endpoints) {
            for (int i = 0; i < BODIES_PER_ENDPOINT; i++) {
                byte[] body = hostileBody(endpoint.fields(), random);
                EntityExchangeResult<byte[]> answer = endpoint.caller().apply(http.method(endpoint.method())
                                .uri(endpoint.path()).contentType(MediaType.APPLICATION_JSON))
                        .bodyValue(body).exchange().expectBody().returnResult();
                sent++;
                check(endpoint.method() + " " + endpoint.path(), body, answer, broken);
            }
        }
        for (int i = 0; i < BODIES_PER_ENDPOINT; i++) { // signed by the provider: the signature is right, the body is not
            byte[] body = hostileBody(List.of("paymentCode", "amount", "payerDocumentNumber", "paidAt", "provider"), random);
            check("POST /api/payments", body, bank.post(new String(body, StandardCharsets.UTF_8)).expectBody().returnResult(),
                    broken);
            sent++;
        }

        assertThat(broken).as("answers that were not a 4xx problem (seed %d, %d bodies)", SEED, sent).isEmpty();
        assertThat(new EventStore(jdbc).totalEvents()).as("events stored").isEqualTo(events);
        assertThat(readModelRows()).as("read-model rows").isEqualTo(rows);
        clock.advance(Duration.ofMinutes(16)); // wrong current passwords above counted against this address
    }

    private static void check(String request, byte[] body, EntityExchangeResult<byte[]> answer, List<String> broken) {
        int status = answer.getStatus().value();
        MediaType type = answer.getResponseHeaders().getContentType();
        boolean problem = type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        if (status < 400 || status >= 500 || !problem) {
            String shown = new String(body, StandardCharsets.UTF_8);
            broken.add(status + " " + type + " for " + request + " with "
                    + (shown.length() > 200 ? shown.substring(0, 200) + "…" : shown));
        }
    }

    /** A body that breaks the JSON itself, or valid JSON with at least one hostile value. */
    static byte[] hostileBody(List<String> fields, Random random) {
        if (random.nextInt(5) == 0) {
            return MALFORMED.get(random.nextInt(MALFORMED.size())).getBytes(StandardCharsets.UTF_8);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : fields) {
            if (random.nextInt(3) > 0) {
                body.put(field, HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
            }
        }
        body.put(fields.get(random.nextInt(fields.size())), HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digest once the streaming projections have caught up with the setup (two equal readings in a row). */
    private Map<String, String> settledRows() {
        var last = new java.util.concurrent.atomic.AtomicReference<>(readModelRows());
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, String> now = readModelRows();
            return now.equals(last.getAndSet(now)) ? now : null;
        }, java.util.Objects::nonNull);
    }

    /**
     * A digest of the whole content of every read-model and command table (but the guessing counters, which count
     * refusals on purpose, sessions, which note their last use, and the nodes' and balancers' admission counts, which
     * count every request and when they were written): a refused request must not change a single row.
     */
    private Map<String, String> readModelRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String table : jdbc.queryForList("""
                SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname IN ('readmodel', 'command')
                AND tablename NOT IN ('login_throttle', 'idempotency_key', 'auth_session', 'node_admission',
                                      'balancer_refusals')
                ORDER BY 1""", String.class)) {
            rows.put(table, jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY "
                    + "t::text)), '') FROM " + table + " t", String.class));
        }
        return rows;
    }
}
