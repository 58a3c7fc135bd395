package az.ekabinet.it.security;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint × every caller: anonymous callers get 401, callers of another role 403 (a provider's endpoint 401
 * for any Bearer token: only a signature authenticates there), and one citizen given another citizen's identifiers
 * (application number, transfer id) gets 404 and never a byte of the other's data.
 */
@IntegrationTest
class AuthorizationMatrixIT {

    static final String PASSWORD = "an authorization test password";
    static final String CITIZEN = "citizen";
    static final String OTHER_CITIZEN = "other citizen";
    static final String OPERATOR = "operator";
    static final String AUDITOR = "auditor";
    static final String ADMIN = "admin";
    static final String ANONYMOUS = "anonymous";

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;

    record Call(HttpMethod method, String path, String body, Set<String> allowed) {
    }

    @Test
    void everyEndpointRefusesEveryoneItIsNotFor() {
        CitizenClient citizens = new CitizenClient(http);
        var owner = citizens.signUp(PASSWORD);
        var other = citizens.signUp(PASSWORD);
        ProviderClient.demoBank(http, clock).payInto(owner.token(), "70.00");
        ApplicationClient applications = new ApplicationClient(http);
        String number = applications.start(owner.token(), DEMO_SESSION);
        applications.fillIn(owner.token(), number);
        String transfer = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(owner.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"5.00\",\"password\":\"%s\"}"
                        .formatted(other.cabinetNumber(), PASSWORD))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("transferId").asText();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(CITIZEN, owner.token());
        tokens.put(OTHER_CITIZEN, other.token());
        tokens.put(OPERATOR, citizens.token("operator", "demo-operator-2026"));
        tokens.put(AUDITOR, citizens.token("auditor", "demo-auditor-2026"));
        tokens.put(ADMIN, citizens.token("admin", "demo-admin-2026"));
        tokens.put(ANONYMOUS, null);

        Set<String> citizensOnly = Set.of(CITIZEN, OTHER_CITIZEN);
        Set<String> ownerOnly = Set.of(CITIZEN);
        String app = "/api/applications/" + number;
        List<Call> calls = List.of(
                new Call(HttpMethod.GET, "/api/me", null, citizensOnly),
                new Call(HttpMethod.GET, "/api/me/wallet", null, citizensOnly),
                new Call(HttpMethod.GET, "/api/me/wallet/pending-payments", null, citizensOnly),
                new Call(HttpMethod.GET, "/api/me/wallet/credits", null, citizensOnly),
                new Call(HttpMethod.GET, "/api/me/wallet/debits", null, citizensOnly),
                new Call(HttpMethod.POST, "/api/me/wallet/transfers/" + transfer + "/confirmation", null, ownerOnly),
                new Call(HttpMethod.GET, "/api/exam-sessions", null, citizensOnly),
                new Call(HttpMethod.GET, app, null, ownerOnly),
                new Call(HttpMethod.GET, app + "/bachelor-records", null, ownerOnly),
                new Call(HttpMethod.GET, app + "/pdf", null, ownerOnly),
                new Call(HttpMethod.PUT, app + "/residence", "{\"districtCode\":\"SHAKI\"}", ownerOnly),
                new Call(HttpMethod.PUT, app + "/previous-names", "{}", ownerOnly),
                new Call(HttpMethod.PUT, app + "/master-education", "{\"kind\":\"NONE\"}", ownerOnly),
                new Call(HttpMethod.PUT, app + "/exam-choices", "{\"section\":\"AZ\",\"foreignLanguage\":\"FR\"}",
                        ownerOnly),
                new Call(HttpMethod.PUT, app + "/bachelor-education", "{\"source\":\"REGISTRY\",\"recordId\":\"X\"}",
                        ownerOnly),
                new Call(HttpMethod.POST, "/api/exam-sessions/" + DEMO_SESSION + "/applications", null, citizensOnly),
                new Call(HttpMethod.GET, "/api/audit/ledger", null, Set.of(AUDITOR)),
                new Call(HttpMethod.GET, "/api/audit/wallets/" + owner.cabinetNumber() + "/balance", null, Set.of(AUDITOR)),
                new Call(HttpMethod.POST, "/api/audit/reconciliation", null, Set.of(AUDITOR)),
                new Call(HttpMethod.GET, "/api/admin/projections", null, Set.of(ADMIN)),
                new Call(HttpMethod.POST, "/api/admin/exam-sessions", "{}", Set.of(ADMIN)),
                new Call(HttpMethod.GET, "/actuator/prometheus", null, Set.of(OPERATOR, ADMIN)),
                new Call(HttpMethod.POST, "/api/payments", "{}", Set.of()));

        List<String> wrong = new ArrayList<>();
        for (Call call : calls) {
            for (var caller : tokens.entrySet()) {
                FluxExchangeResult<byte[]> answer = request(call, caller.getValue());
                int status = answer.getStatus().value();
                String who = caller.getKey();
                String body = call.path().endsWith("/pdf") ? "" : new String(answer.getResponseBodyContent());
                boolean ok;
                if (call.allowed().isEmpty()) { // signed by a payment provider: a Bearer token is not who it needs
                    ok = status == 401;
                } else if (call.allowed().contains(who)) {
                    ok = status != 401 && status != 403 && status != 404 && status < 500;
                } else if (who.equals(ANONYMOUS)) {
                    ok = status == 401;
                } else if (who.equals(OTHER_CITIZEN) && call.path().contains(number) || call.path().contains(transfer)
                        && who.equals(OTHER_CITIZEN)) {
                    ok = status == 404 && !body.contains(owner.fin()) && !body.contains(owner.cabinetNumber());
                } else {
                    ok = status == 403;
                }
                if (!ok) {
                    wrong.add(who + " → " + call.method() + " " + call.path() + ": " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(applications.balance(owner.token())).as("only the owner's own confirmation moved money")
                .isEqualTo("65.00");
        assertThat(applications.balance(other.token())).isEqualTo("5.00");
        assertThat(applications.view(owner.token(), number).at("/personal/residence/code").asText())
                .as("the owner's own edit stands; nobody else's reached the application").isEqualTo("SHAKI");
    }

    private FluxExchangeResult<byte[]> request(Call call, String token) {
        WebTestClient.RequestBodySpec spec = http.method(call.method()).uri(call.path());
        if (token != null) {
            spec.headers(h -> h.setBearerAuth(token));
        }
        if (call.body() != null) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
        }
        FluxExchangeResult<byte[]> result = spec.exchange().returnResult(byte[].class);
        result.getResponseBody().blockLast(java.time.Duration.ofSeconds(10));
        return result;
    }
}
