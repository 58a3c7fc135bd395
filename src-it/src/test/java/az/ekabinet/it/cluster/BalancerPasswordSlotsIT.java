package az.ekabinet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.Prometheus;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * HAProxy's slots for password hashing (config/cluster/haproxy.cfg, backend {@code passwords}): each node hashes two
 * passwords at once and is sent no more; a flood of logins is served as far as the slots go and refused by HAProxy
 * itself, in the nodes' problem form, without reaching a node, and counted by HAProxy's Prometheus exporter and, read
 * from it by the nodes, in the ops counters, since no node's own admission counts it.
 */
class BalancerPasswordSlotsIT extends ClusterTests {

    /** A node's slots for hashing, one per hashing thread. */
    private static final int SLOTS = 2;

    record Login(int status, String retryAfter, JsonNode body) {
    }

    @Test
    void aFloodOfLoginsIsServedAsFarAsTheSlotsGoAndTheRestRefusedByTheBalancer() {
        SignedUp me = new CitizenClient(cluster.http()).signUp(PASSWORD);

        String operator = new CitizenClient(nodeA).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        long refusedBefore = balancerRefusals();

        List<Login> logins = loginsAtOnce(me, 40);

        assertThat(logins).extracting(Login::status).containsOnly(200, 503);
        assertThat(logins.stream().filter(l -> l.status() == 200).count()).as("served: at least every slot's")
                .isGreaterThanOrEqualTo(SLOTS * cluster.size());
        List<Login> refused = logins.stream().filter(l -> l.status() == 503).toList();
        assertThat(refused).as("40 logins at once are more than the slots take").isNotEmpty()
                .allSatisfy(login -> {
                    assertThat(login.body().path("code").asText()).isEqualTo("SERVICE_BUSY");
                    assertThat(login.retryAfter()).isEqualTo("1");
                    assertThat(login.body().has("instance")).as("HAProxy's own answer: it reached no node").isFalse();
                });
        assertThat(balancerRefusals() - refusedBefore).as("HAProxy's refusals, as its Prometheus exporter counts them")
                .isEqualTo(refused.size());
        // the nodes read them as they report their own counts, and the ops counters have every one of them: this
        // HAProxy and this database started together
        long ownAnswers = balancerRefusals() - nodesFiveHundreds();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(countedRefusals(operator))
                .as("the ops counters' refusals of the passwords backend, on node B").isEqualTo(ownAnswers));
    }

    /** The ops counters' refusals of the {@code passwords} backend, as node B's metrics have them; 0 before any. */
    private static long countedRefusals(String operator) {
        Matcher gauge = Pattern.compile("^ekabinet_ops_balancer_refused\\{[^}]*backend=\"passwords\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(Prometheus.scrape(nodeB, operator));
        return gauge.find() ? (long) Double.parseDouble(gauge.group(1)) : 0;
    }

    /** The 5xx answers the nodes gave in the {@code passwords} backend, as HAProxy's exporter counts them. */
    private static long nodesFiveHundreds() {
        Matcher counter = Pattern.compile(
                "^haproxy_server_http_responses_total\\{proxy=\"passwords\",server=\"[^\"]+\",code=\"5xx\"} (\\d+)$",
                Pattern.MULTILINE).matcher(cluster.balancerMetrics());
        long sum = 0;
        while (counter.find()) {
            sum += Long.parseLong(counter.group(1));
        }
        return sum;
    }

    /** The 5xx answers of the {@code passwords} backend, from HAProxy's exporter: its refusals, as no node made one. */
    private static long balancerRefusals() {
        String counter = "haproxy_backend_http_responses_total{proxy=\"passwords\",code=\"5xx\"} ";
        return cluster.balancerMetrics().lines().filter(line -> line.startsWith(counter))
                .mapToLong(line -> Long.parseLong(line.substring(counter.length()).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("HAProxy's exporter has no " + counter));
    }

    private static List<Login> loginsAtOnce(SignedUp who, int count) {
        WebClient balancer = WebClient.create(cluster.baseUrl());
        String body = "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(who.cabinetNumber(), who.password());
        return Flux.range(0, count)
                .flatMap(i -> balancer.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(answer -> answer.bodyToMono(JsonNode.class)
                                .map(json -> new Login(answer.statusCode().value(),
                                        answer.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), json))
                                .defaultIfEmpty(new Login(answer.statusCode().value(), null, null))), count)
                .collectList()
                .block();
    }
}
