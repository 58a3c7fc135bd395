package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.TestGraduateRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.text.Normalizer;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The master's exam application over HTTP, from registration and a credited payment to a confirmed
 * application and its printed PDF; the problems list in both languages; bad input refused with nothing stored.
 */
@IntegrationTest
class ApplicationJourneyIT {

    static final String PASSWORD = "an applicant's password";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    CitizenClient citizens;
    ApplicationClient applications;
    ProviderClient bank;
    EventStore events;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        applications = new ApplicationClient(http);
        bank = ProviderClient.demoBank(http, clock);
        events = new EventStore(jdbc);
    }

    @Test
    void fromRegistrationAndPaymentToAConfirmedApplicationAndItsPdf() throws IOException {
        var citizen = citizens.signUp(Ids.azerbaijaniFin(), PASSWORD);
        String me = citizen.token();
        bank.payInto(me, "60.00");
        String number = applications.start(me, DEMO_SESSION);

        JsonNode draft = applications.view(me, number);
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.at("/personal/surname").asText()).isEqualTo("Şükürova");
        assertThat(draft.at("/personal/fin").asText()).isEqualTo(citizen.fin());
        assertThat(draft.get("fee").asText()).isEqualTo("50.00");
        assertThat(draft.get("problems").findValuesAsText("code"))
                .containsExactly("RESIDENCE_MISSING", "BACHELOR_MISSING", "MASTER_MISSING", "EXAM_CHOICES_MISSING");
        assertThat(draft.get("problems").findValuesAsText("section")).containsExactly("PERSONAL", "BACHELOR", "MASTER", "EXAM");
        assertThat(draft.at("/problems/0/message").asText()).contains("faktiki yaşadığınız məntəqəni");
        JsonNode inEnglish = applications.get(me, number, "en").expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(inEnglish.at("/problems/0/message").asText()).contains("the place where you actually live");

        http.get().uri("/api/applications/{n}/pdf", number).headers(h -> h.setBearerAuth(me)).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("APPLICATION_NOT_CONFIRMED");

        JsonNode records = http.get().uri("/api/applications/{n}/bachelor-records", number)
                .headers(h -> h.setBearerAuth(me)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(records.findValuesAsText("recordId")).containsExactly(TestGraduateRegistry.recordIdOf(citizen.fin()),
                TestGraduateRegistry.abroadRecordIdOf(citizen.fin()));
        assertThat(records.path(1).path("gpa").isMissingNode()).as("the registry has no GPA for it").isTrue();
        applications.put(me, number, "bachelor-education", "{\"source\":\"REGISTRY\",\"recordId\":\"%s\"}"
                .formatted(TestGraduateRegistry.abroadRecordIdOf(citizen.fin()))).expectStatus().isNoContent();
        JsonNode abroad = applications.view(me, number).get("bachelor");
        assertThat(abroad.get("registry").asText()).isEqualTo("ABROAD");
        assertThat(abroad.path("gpa").isMissingNode()).as("a blank registry GPA stays blank").isTrue();
        String recordId = records.at("/0/recordId").asText();
        applications.put(me, number, "bachelor-education", "{\"source\":\"REGISTRY\",\"recordId\":\"%s\"}".formatted(recordId))
                .expectStatus().isNoContent();
        applications.put(me, number, "previous-names", "{\"surname\":\"  əliyeva \"}").expectStatus().isNoContent();
        applications.put(me, number, "residence", "{\"districtCode\":\"ganja\"}").expectStatus().isNoContent();
        applications.put(me, number, "master-education", "{\"kind\":\"PAID\",\"institutionCode\":\"11730\",\"graduationYear\":2018}")
                .expectStatus().isNoContent();
        assertThat(applications.view(me, number).get("problems").findValuesAsText("code"))
                .as("a master's degree before the bachelor's (2020) is a problem across sections")
                .containsExactly("MASTER_BEFORE_BACHELOR", "EXAM_CHOICES_MISSING");
        applications.put(me, number, "master-education", "{\"kind\":\"NONE\"}").expectStatus().isNoContent();
        applications.put(me, number, "exam-choices",
                "{\"section\":\"AZ\",\"foreignLanguage\":\"DE\",\"specializationCodes\":[\"060501\",\"060504\"]}")
                .expectStatus().isNoContent();

        JsonNode complete = applications.view(me, number);
        assertThat(complete.get("problems")).isEmpty();
        assertThat(complete.at("/personal/previousNames/surname").asText()).isEqualTo("Əliyeva");
        assertThat(complete.at("/personal/residence/name").asText()).isEqualTo("Gəncə şəhəri");
        assertThat(complete.at("/bachelor/source").asText()).isEqualTo("REGISTRY");
        assertThat(complete.at("/bachelor/gpa/value").asText()).isEqualTo("91.25");
        assertThat(complete.at("/examChoices/specializations/1/name").asText()).isEqualTo("Kibertəhlükəsizlik");

        applications.confirm(me, number).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CONFIRMED")
                .jsonPath("$.feeCharged").isEqualTo("50.00")
                .jsonPath("$.balance").isEqualTo("10.00");
        assertThat(applications.balance(me)).isEqualTo("10.00");
        JsonNode debit = http.get().uri("/api/me/wallet/debits").headers(h -> h.setBearerAuth(me)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().at("/items/0");
        assertThat(debit.get("kind").asText()).isEqualTo("EXAM_FEE");
        assertThat(debit.get("reference").asText()).isEqualTo(number);
        assertThat(debit.get("amount").asText()).isEqualTo("50.00");

        JsonNode confirmed = applications.view(me, number);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("feeCharged").asText()).isEqualTo("50.00");
        assertThat(confirmed.get("confirmedAt").asText()).isNotBlank();
        applications.put(me, number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("APPLICATION_ALREADY_CONFIRMED");
        JsonNode sessions = http.get().uri("/api/exam-sessions").headers(h -> h.setBearerAuth(me)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(StreamSupport.stream(sessions.spliterator(), false)
                .filter(s -> s.get("id").asText().equals(DEMO_SESSION)).findFirst().orElseThrow()
                .get("applicationStatus").asText()).isEqualTo("CONFIRMED");

        byte[] pdf = http.get().uri("/api/applications/{n}/pdf", number).headers(h -> h.setBearerAuth(me)).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFC);
        }
        assertThat(text).contains(number, "Şükürova", "Gülnarə", "İlqar qızı", "Əliyeva", "Gəncə şəhəri",
                citizen.fin(), "Azərbaycan Texniki Universiteti", "İnformasiya texnologiyaları və sistemləri mühəndisliyi",
                "91.25 / 100", "Alman dili", "060504 – Kibertəhlükəsizlik", "50.00 AZN");
    }

    @Test
    void badInputIsRefusedFieldByFieldAndStoresNothing() {
        String me = citizens.signUp(PASSWORD).token();
        String number = applications.start(me, DEMO_SESSION);
        long before = events.totalEvents();

        applications.put(me, number, "bachelor-education", """
                {"source":"MANUAL","institutionCode":"00000","admissionYear":2020,"graduationYear":2019,
                 "specialtyCode":"50632","diplomaSeries":"TA","diplomaNumber":"12","instructionLanguage":"AZ",
                 "gpa":{"scale":"4","value":"4.5"}}""")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[?(@.field=='institutionCode')].code").isEqualTo("CODE_UNKNOWN")
                .jsonPath("$.errors[?(@.field=='admissionYear')].code").isEqualTo("ADMISSION_NOT_BEFORE_GRADUATION")
                .jsonPath("$.errors[?(@.field=='diplomaNumber')].code").isEqualTo("DIPLOMA_NUMBER_FORMAT")
                .jsonPath("$.errors[?(@.field=='gpaValue')].code").isEqualTo("GPA_RANGE");
        applications.put(me, number, "exam-choices", "{\"section\":\"RU\",\"foreignLanguage\":\"RU\"}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].code").isEqualTo("RUSSIAN_IN_RUSSIAN_SECTION")
                .jsonPath("$.errors[0].message").isNotEmpty();
        applications.put(me, number, "previous-names", "{\"surname\":\"Wilson\"}").expectStatus().isBadRequest();
        applications.put(me, number, "master-education", "{\"kind\":\"NONE\",\"graduationYear\":2020}")
                .expectStatus().isBadRequest();
        applications.put(me, number, "residence", "{\"districtCode\":42}").expectStatus().isBadRequest();
        applications.put(me, number, "residence", "{\"districtCode\":").expectStatus().isBadRequest();
        applications.put(me, number, "bachelor-education", "{\"source\":\"REGISTRY\",\"recordId\":\"SOMEONE-ELSES\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("GRADUATE_RECORD_UNKNOWN");
        http.post().uri("/api/applications/{n}/confirmation", number).headers(h -> h.setBearerAuth(me))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"consentToDebit\":false}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].code").isEqualTo("CONSENT_REQUIRED");
        applications.confirm(me, number).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.code").isEqualTo("APPLICATION_INCOMPLETE")
                .jsonPath("$.problems.length()").isEqualTo(4);

        assertThat(events.totalEvents()).isEqualTo(before);
        assertThat(applications.view(me, number).get("problems")).hasSize(4);
    }

    @Test
    void nobodyButTheOwnerReachesAnApplication() {
        String me = citizens.signUp(PASSWORD).token();
        String someoneElse = citizens.signUp(PASSWORD).token();
        bank.payInto(someoneElse, "100.00");
        String number = applications.start(me, DEMO_SESSION);
        applications.fillIn(me, number);
        long before = events.totalEvents();

        applications.get(someoneElse, number, "az").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("APPLICATION_NOT_FOUND");
        applications.put(someoneElse, number, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus().isNotFound();
        applications.confirm(someoneElse, number).expectStatus().isNotFound();
        for (String path : new String[] {"pdf", "bachelor-records", "status-stream"}) {
            http.get().uri("/api/applications/{n}/" + path, number).headers(h -> h.setBearerAuth(someoneElse)).exchange()
                    .expectStatus().isNotFound();
            http.get().uri("/api/applications/{n}/" + path, number).exchange().expectStatus().isUnauthorized();
        }
        String staff = citizens.token("operator", "demo-operator-2026");
        applications.get(staff, number, "az").expectStatus().isForbidden();

        assertThat(events.totalEvents()).isEqualTo(before);
        assertThat(applications.balance(someoneElse)).isEqualTo("100.00");
    }
}
