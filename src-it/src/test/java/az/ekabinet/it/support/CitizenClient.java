package az.ekabinet.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A citizen going through the cabinet's screens over HTTP, reading SMS codes from the demo outbox. */
public record CitizenClient(WebTestClient http) {

    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    public record Registered(String fin, String cabinetNumber, String phone, String password) {
    }

    /** A registered citizen with a live session; {@code document} is the full number ("AZE12345678"). */
    public record SignedUp(String fin, String document, String cabinetNumber, String password, String token) {
    }

    /** A new synthetic citizen (the test identity registry knows every T-FIN), registered and logged in. */
    public SignedUp signUp(String password) {
        return signUp(Ids.fin(), password);
    }

    /** A synthetic citizen with this FIN (see {@link Ids#azerbaijaniFin()}), registered and logged in. */
    public SignedUp signUp(String fin, String password) {
        String number = Ids.documentNumber();
        var registered = register("AZE", number, fin, Ids.phone(), password);
        return new SignedUp(registered.fin(), "AZE" + number, registered.cabinetNumber(), password,
                token(registered.cabinetNumber(), password));
    }

    public String start(String series, String number, String fin) {
        return http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"%s\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}".formatted(series, number, fin))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("registrationId").asText();
    }

    public void contact(String registrationId, String phone, String email) {
        String body = email == null ? "{\"mobilePhone\":\"%s\"}".formatted(phone)
                : "{\"mobilePhone\":\"%s\",\"email\":\"%s\"}".formatted(phone, email);
        http.put().uri("/api/registrations/{id}/contact", registrationId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isAccepted();
    }

    /** The code in the newest SMS to the phone. */
    public String lastCode(String phone) {
        JsonNode messages = http.get().uri(b -> b.path("/api/dev/sms-outbox").queryParam("phone", phone).build())
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(messages.size()).as("SMS messages to " + phone).isPositive();
        Matcher m = CODE.matcher(messages.get(0).get("text").asText());
        assertThat(m.find()).as("a 6-digit code in the SMS").isTrue();
        return m.group(1);
    }

    public WebTestClient.ResponseSpec verifyPhone(String registrationId, String code) {
        return http.post().uri("/api/registrations/{id}/phone-verification", registrationId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"%s\"}".formatted(code)).exchange();
    }

    public WebTestClient.ResponseSpec setPassword(String registrationId, String password) {
        return http.post().uri("/api/registrations/{id}/password", registrationId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"password\":\"%s\"}".formatted(password)).exchange();
    }

    /** The whole registration of a person the identity registry knows; returns what the citizen needs to log in. */
    public Registered register(String series, String number, String fin, String phone, String password) {
        String registrationId = start(series, number, fin);
        contact(registrationId, phone, null);
        verifyPhone(registrationId, lastCode(phone)).expectStatus().isNoContent();
        String cabinetNumber = whenAdmitted(() -> setPassword(registrationId, password), HttpStatus.CREATED)
                .get("cabinetNumber").asText();
        return new Registered(fin, cabinetNumber, phone, password);
    }

    public WebTestClient.ResponseSpec login(String username, String password) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password)).exchange();
    }

    public String token(String username, String password) {
        return whenAdmitted(() -> login(username, password), HttpStatus.OK).get("accessToken").asText();
    }

    /**
     * A password request sent as a patient client sends it: again after {@code Retry-After} (the node's is 1 s) while
     * the node is too busy hashing to admit it (503 {@code SERVICE_BUSY}, nothing done), for up to 30 s; then its
     * answer must be {@code expected}. Tests that put many citizens through at once meet a node's hashing limit.
     */
    private JsonNode whenAdmitted(Supplier<WebTestClient.ResponseSpec> request, HttpStatus expected) {
        EntityExchangeResult<JsonNode> answer = await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> request.get().expectBody(JsonNode.class).returnResult(),
                        result -> result.getStatus().value() != 503);
        assertThat(answer.getStatus()).as("%s", answer).isEqualTo(expected);
        return answer.getResponseBody();
    }
}
