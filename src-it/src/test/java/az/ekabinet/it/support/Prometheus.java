package az.ekabinet.it.support;

import org.springframework.test.web.reactive.server.WebTestClient;

/** Reads /actuator/prometheus: the text is larger than the application's 64 KB request-body limit the client shares. */
public final class Prometheus {

    private Prometheus() {
    }

    public static String scrape(WebTestClient http, String token) {
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
