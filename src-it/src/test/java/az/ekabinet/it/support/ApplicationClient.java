package az.ekabinet.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A citizen's calls on their exam application, over HTTP as a client makes them. */
public record ApplicationClient(WebTestClient http) {

    public static final String DEMO_SESSION = "2025-2026-magistr-1";

    /** Starts (or finds) my application to {@code session}; its number. */
    public String start(String token, String session) {
        return http.post().uri("/api/exam-sessions/{id}/applications", session).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().is2xxSuccessful()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("applicationNumber").asText();
    }

    /** PUT /api/applications/{number}/{section} with a JSON body. */
    public WebTestClient.ResponseSpec put(String token, String number, String section, String json) {
        return http.put().uri("/api/applications/{n}/{section}", number, section).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    public WebTestClient.ResponseSpec get(String token, String number, String language) {
        return http.get().uri("/api/applications/{n}", number).headers(h -> h.setBearerAuth(token))
                .header("Accept-Language", language).exchange();
    }

    public JsonNode view(String token, String number) {
        return get(token, number, "az").expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec confirm(String token, String number) {
        return http.post().uri("/api/applications/{n}/confirmation", number).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"consentToDebit\":true}").exchange();
    }

    /** Fills in every section so the application can be confirmed (bachelor entered by hand). */
    public void fillIn(String token, String number) {
        put(token, number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNoContent();
        put(token, number, "bachelor-education", """
                {"source":"MANUAL","institutionCode":"11726","admissionYear":2017,"graduationYear":2021,
                 "specialtyCode":"50634","diplomaSeries":"OY","diplomaNumber":"778899","instructionLanguage":"AZ"}""")
                .expectStatus().isNoContent();
        put(token, number, "master-education", "{\"kind\":\"NONE\"}").expectStatus().isNoContent();
        put(token, number, "exam-choices", "{\"section\":\"AZ\",\"foreignLanguage\":\"EN\"}").expectStatus().isNoContent();
    }

    public String balance(String token) {
        return http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("balance").asText();
    }
}
