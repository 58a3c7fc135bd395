package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

@IntegrationTest
@DirtiesContext // its canary route gives it a context of its own, which serves this class only: closed now
class PlatformIT {

    @Autowired
    WebTestClient http;
    @Autowired
    Environment environment;

    @TestConfiguration
    static class BlockingCanary {
        /** Blocks on the Netty thread on purpose and reports what BlockHound made of it. */
        @Bean
        RouterFunction<ServerResponse> blockingCanaryRoute() {
            return RouterFunctions.route().GET("/it/blocking-canary", request -> {
                String outcome;
                try {
                    Thread.sleep(1);
                    outcome = "not detected on " + Thread.currentThread().getName();
                } catch (InterruptedException e) {
                    outcome = "interrupted";
                } catch (Error e) {
                    outcome = e.getClass().getName();
                }
                return ServerResponse.ok().bodyValue(outcome);
            }).build();
        }
    }

    @Test
    void blockingOnANettyThreadIsCaughtByBlockHound() {
        http.get().uri("/it/blocking-canary").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("reactor.blockhound.BlockingOperationError");
    }

    @Test
    void testsRunOnAFreshDatabaseOfTheirOwn() {
        assertThat(environment.getProperty("ekabinet.db.source")).isEqualTo("local PostgreSQL, fresh test database");
        assertThat(environment.getProperty("spring.datasource.url")).matches(".*/ekabinet_test_[0-9]+_[a-z0-9]+");
        assertThat(environment.getProperty("spring.r2dbc.url"))
                .isEqualTo("r2dbc:" + environment.getProperty("spring.datasource.url").substring("jdbc:".length()));
    }

    @Test
    void healthIsUpAndReadinessIsExposed() {
        http.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void openApiListsTheEndpointsBuiltSoFar() {
        http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/payments'].post").exists()
                .jsonPath("$.paths['/api/payments/{paymentCode}'].get").exists()
                .jsonPath("$.paths['/api/auth/login'].post").exists()
                .jsonPath("$.paths['/api/auth/logout'].post").exists();
    }

    @Test
    void swaggerUiIsServed() {
        http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        http.get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
    }

    @Test
    void prometheusMetricsAreExposedToOperators() {
        new az.ekabinet.it.support.CitizenClient(http).signUp("a password for metrics"); // commands and events ran
        String token = http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"operator\",\"password\":\"demo-operator-2026\"}")
                .exchange().expectStatus().isOk()
                .expectBody(java.util.Map.class).returnResult().getResponseBody().get("accessToken").toString();
        assertThat(az.ekabinet.it.support.Prometheus.scrape(http, token))
                        .contains("http_server_requests_seconds_count")
                        .contains("hikaricp_connections_max")
                        .containsPattern("ekabinet_commands_seconds_count\\{[^}]*outcome=\"success\"[^}]*type=\"ActivateCabinet\"")
                        .containsPattern("ekabinet_events_handled_seconds_count\\{[^}]*processor=\"cabinet-profile\"[^}]*type=\"CabinetActivated\"");
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void unknownPathsAreProblemsNeverAnErrorPage() {
        http.get().uri("/no/such/page").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND").jsonPath("$.status").isEqualTo(404);
        http.get().uri("/api/no/such/endpoint").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void detailsAreAzerbaijaniByDefaultAndEnglishOnRequest() {
        http.get().uri("/no/such/page").exchange()
                .expectHeader().valueEquals("Content-Language", "az")
                .expectBody().jsonPath("$.detail").isEqualTo("Axtarılan tapılmadı.");
        http.get().uri("/no/such/page").header("Accept-Language", "en-GB,en;q=0.9").exchange()
                .expectHeader().valueEquals("Content-Language", "en")
                .expectBody().jsonPath("$.detail").isEqualTo("Not found.");
    }

    @Test
    void transportMistakesAreClientErrors() {
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"username\":")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST");
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"a\",\"password\":\"b\"} trailing").exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest();
        http.post().uri("/api/auth/login").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.code").isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        http.get().uri("/api/auth/login").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().exists("Allow")
                .expectBody().jsonPath("$.code").isEqualTo("METHOD_NOT_ALLOWED");
        String huge = "{\"username\":\"" + "x".repeat(200_000) + "\",\"password\":\"p\"}";
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON).bodyValue(huge).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.code").isEqualTo("PAYLOAD_TOO_LARGE");
    }
}
