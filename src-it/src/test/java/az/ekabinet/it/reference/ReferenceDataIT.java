package az.ekabinet.it.reference;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The shipped reference lists, served to anyone, with the fixtures clients rely on. */
@IntegrationTest
class ReferenceDataIT {

    @Autowired
    WebTestClient http;

    private JsonNode get(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void institutionsAndSpecialtiesOfTheFixturesAreThere() {
        JsonNode institutions = get("/api/reference/institutions");
        assertThat(institutions.findValuesAsText("code")).contains("11703", "11726");
        assertThat(institutions.findValuesAsText("name")).contains("Azərbaycan Texniki Universiteti", "\"Odlar Yurdu\" Universiteti");
        JsonNode specialties = get("/api/reference/specialties?codePrefix=50632");
        assertThat(specialties.size()).isEqualTo(1);
        assertThat(specialties.at("/0/name").asText()).isEqualTo("İnformasiya texnologiyaları və sistemləri mühəndisliyi");
        assertThat(get("/api/reference/specialties?codePrefix=506").size()).isGreaterThan(1);
    }

    @Test
    void everyListIsServedAndUnknownOnesAreNotFound() {
        assertThat(get("/api/reference/foreign-languages").findValuesAsText("code")).containsExactly("EN", "DE", "FR", "RU");
        assertThat(get("/api/reference/document-series").findValuesAsText("code")).containsExactly("AZE", "AA", "MYI", "DYI");
        assertThat(get("/api/reference/districts").size()).isGreaterThan(5);
        assertThat(get("/api/reference/sections").findValuesAsText("code")).containsExactly("AZ", "RU");
        assertThat(get("/api/reference/gpa-scales").findValuesAsText("code")).contains("100");
        http.get().uri("/api/reference/planets").exchange().expectStatus().isNotFound();
        http.get().uri("/api/reference/specialties?codePrefix=5%2B").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("CODE_PREFIX_FORMAT");
    }
}
