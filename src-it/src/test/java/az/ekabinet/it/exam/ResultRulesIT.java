package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ResultClient.HEADER;
import static az.ekabinet.it.support.ResultClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.ResultClient.Applicant;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every way to get results wrong is a clear 4xx (or a rejected line in the report) and changes nothing; only
 * administrators set sheets, import and publish.
 */
@IntegrationTest
class ResultRulesIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    ResultClient results;
    EventStore events;

    @BeforeEach
    void setUp() {
        results = new ResultClient(http, clock);
        events = new EventStore(jdbc);
    }

    private static List<String> fields(WebTestClient.ResponseSpec answer) {
        JsonNode problem = answer.expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
        assertThat(problem.get("code").asText()).isEqualTo("VALIDATION_FAILED");
        return StreamSupport.stream(problem.get("errors").spliterator(), false)
                .map(error -> error.get("field").asText() + " " + error.get("code").asText()).toList();
    }

    private int eventsOfResults(String session) {
        return events.eventsOf("exam-results:" + session);
    }

    @Test
    void onlyAdministratorsSetSheetsImportAndPublish() {
        String session = results.session();
        String citizen = new CitizenClient(http).signUp(ResultClient.PASSWORD).token();
        String operator = new CitizenClient(http).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        for (String token : List.of(citizen, operator)) {
            http.put().uri("/api/admin/exam-sessions/{id}/result-sheet", session).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(ResultClient.SHEET).exchange()
                    .expectStatus().isForbidden();
            http.post().uri("/api/admin/exam-sessions/{id}/results", session).headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.parseMediaType("text/csv")).bodyValue(HEADER).exchange()
                    .expectStatus().isForbidden();
            http.post().uri("/api/admin/exam-sessions/{id}/results/publication", session)
                    .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isForbidden();
        }
        http.post().uri("/api/admin/exam-sessions/{id}/results", session)
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(HEADER).exchange()
                .expectStatus().isUnauthorized();
        assertThat(eventsOfResults(session)).isZero();
    }

    @Test
    void aSheetIsCheckedFieldByField() {
        String session = results.session();
        assertThat(fields(results.setSheet(session, "{\"subjects\":[],\"passThreshold\":\"1\"}")))
                .containsExactly("subjects REQUIRED");
        assertThat(fields(results.setSheet(session, """
                {"subjects":[{"code":"logic","nameAz":"Məntiq","nameEn":"Logic","maxScore":"60.55"},
                             {"code":"TOTAL","nameAz":"x","nameEn":"x","maxScore":"0"},
                             {"code":"LANG","nameAz":"","nameEn":"%s","maxScore":"40"},
                             {"code":"LANG","nameAz":"Dil","nameEn":"Language","maxScore":"-4"}],
                 "passThreshold":"abc"}""".formatted("x".repeat(101)))))
                .containsExactlyInAnyOrder("subjects[0].code SUBJECT_CODE_FORMAT", "subjects[0].maxScore SCORE_FORMAT",
                        "subjects[1].code SUBJECT_CODE_FORMAT", "subjects[1].maxScore SCORE_NOT_POSITIVE",
                        "subjects[2].nameAz REQUIRED", "subjects[2].nameEn TOO_LONG",
                        "subjects[3].code SUBJECT_CODE_DUPLICATE", "subjects[3].maxScore SCORE_FORMAT",
                        "passThreshold SCORE_FORMAT");
        assertThat(fields(results.setSheet(session, """
                {"subjects":[{"code":"LOGIC","nameAz":"Məntiq","nameEn":"Logic","maxScore":"60"}],
                 "passThreshold":"60.1"}"""))).containsExactly("passThreshold PASS_THRESHOLD_ABOVE_MAXIMUM");
        results.setSheet(session, "{\"subjects\":").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("MALFORMED_REQUEST");
        results.setSheet("no-such-session", ResultClient.SHEET).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_NOT_FOUND");
        assertThat(eventsOfResults(session)).isZero();
    }

    @Test
    void theSheetStandsOnceResultsAreRecordedAndTheSameSheetAgainIsFine() {
        String session = results.sessionWithSheet();
        results.setSheet(session, ResultClient.SHEET.replace("\"50\"", "\"40\"")).expectStatus().isOk()
                .expectBody().jsonPath("$.header").isEqualTo(HEADER.strip());
        Applicant applicant = results.confirmedApplicant(session);
        results.imported(session, HEADER + line(applicant.number(), "30", "20", "50"));
        int before = eventsOfResults(session);
        results.setSheet(session, ResultClient.SHEET).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_SHEET_IN_USE");
        results.setSheet(session, ResultClient.SHEET.replace("\"50\"", "\"40\"")).expectStatus().isOk();
        assertThat(eventsOfResults(session)).isEqualTo(before);
    }

    @Test
    void aFileThatIsNotTheSessionsIsRefusedWholeBeforeAnyLineIsRead() {
        String session = results.sessionWithSheet();
        Applicant applicant = results.confirmedApplicant(session);
        String lines = line(applicant.number(), "30", "20", "50");
        int before = eventsOfResults(session);
        for (String file : List.of("application_number,LANG,LOGIC,total,exam_date,centre_code\n" + lines,
                "application_number,LOGIC,total,exam_date,centre_code\n" + lines, lines, "")) {
            results.importCsv(session, file).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.code").isEqualTo("RESULT_FILE_HEADER_INVALID")
                    .jsonPath("$.expectedHeader").isEqualTo(HEADER.strip());
        }
        http.post().uri("/api/admin/exam-sessions/{id}/results", session)
                .headers(h -> h.setBearerAuth(results.adminToken()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isEqualTo(415);
        assertThat(eventsOfResults(session)).isEqualTo(before);

        results.importCsv("no-such-session", HEADER + lines).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_NOT_FOUND");
        String withoutSheet = results.session();
        results.importCsv(withoutSheet, HEADER + lines).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_SHEET_MISSING");
        results.publish(withoutSheet, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_SHEET_MISSING");
        assertThat(eventsOfResults(withoutSheet)).isZero();
    }

    @Test
    void spreadsheetHabitsAreForgivenBlankLinesSkippedAndLineNumbersStayTrue() {
        String session = results.sessionWithSheet();
        Applicant first = results.confirmedApplicant(session);
        Applicant second = results.confirmedApplicant(session);
        String file = "\uFEFFApplication_Number,LOGIC,LANG,TOTAL,Exam_Date,Centre_Code\r\n"
                + line(first.number(), "30", "20", "50").replace("\n", "\r\n")
                + "\r\n"
                + "\"" + second.number() + "\", 31 ,\"20.5\",51.5,2026-07-05,BAKU-01\r\n"
                + "999999,1,1,3,2026-07-05,BAKU-01\r\n";
        JsonNode report = results.imported(session, file);
        assertThat(report.get("linesRead").asLong()).isEqualTo(3);
        assertThat(report.get("recorded").asLong()).isEqualTo(2);
        assertThat(report.get("rejected").get(0).get("lineNumber").asLong()).isEqualTo(5);
    }

    @Test
    void bytesThatAreNotUtf8RejectTheirLineAndAQuoteNeverClosedStopsTheReadingThere() {
        String session = results.sessionWithSheet();
        Applicant first = results.confirmedApplicant(session);
        Applicant second = results.confirmedApplicant(session);
        var file = new ByteArrayOutputStream();
        file.writeBytes((HEADER + line(first.number(), "30", "20", "50")).getBytes(StandardCharsets.UTF_8));
        file.writeBytes(line("99999" + (char) 0xC3, "1", "1", "2").getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes(line(second.number(), "31", "20", "51").getBytes(StandardCharsets.UTF_8));
        file.writeBytes("\"999997,1,1,2,2026-07-05,BAKU-01\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(line("999996", "1", "1", "2").getBytes(StandardCharsets.UTF_8));
        JsonNode report = http.post().uri("/api/admin/exam-sessions/{id}/results", session)
                .headers(h -> h.setBearerAuth(results.adminToken()))
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(file.toByteArray()).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(report.get("recorded").asLong()).isEqualTo(2);
        assertThat(report.get("rejected")).extracting(line -> line.get("lineNumber").asLong() + " "
                + line.get("problem").asText())
                .containsExactly("3 APPLICATION_NUMBER_FORMAT", "5 FILE_UNREADABLE");
    }

    @Test
    void aReportListsTheFirstThousandRejectedLinesAndCountsThemAll() {
        String session = results.sessionWithSheet();
        var file = new StringBuilder(HEADER);
        for (int i = 0; i < 1_200; i++) {
            file.append(line(String.valueOf(900_000 + i), "1", "1", "2"));
        }
        JsonNode report = results.imported(session, file.toString());
        assertThat(report.get("linesRead").asLong()).isEqualTo(1_200);
        assertThat(report.get("rejectedCount").asLong()).isEqualTo(1_200);
        assertThat(report.get("rejected")).hasSize(1_000);
        assertThat(report.get("rejectedListTruncated").asBoolean()).isTrue();
        assertThat(report.get("rejected").get(999).get("lineNumber").asLong()).isEqualTo(1_001);
    }

    @Test
    void thePublicationInstantMovesUntilItComesThenStands() {
        String session = results.sessionWithSheet();
        results.publish(session, clock.instant().plus(Duration.ofDays(2))).expectStatus().isOk();
        results.publish(session, clock.instant().plus(Duration.ofDays(1))).expectStatus().isOk();
        http.post().uri("/api/admin/exam-sessions/{id}/results/publication", session)
                .headers(h -> h.setBearerAuth(results.adminToken())).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"publishAt\":\"tomorrow\"}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("publishAt")
                .jsonPath("$.errors[0].code").isEqualTo("INSTANT_FORMAT");
        results.publish(session, null).expectStatus().isOk();
        results.publish(session, clock.instant().plus(Duration.ofDays(1))).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("RESULTS_ALREADY_PUBLISHED");
        results.publish("no-such-session", null).expectStatus().isNotFound();
    }

    @Test
    void aMalformedNumberIsNobodysApplication() {
        String citizen = new CitizenClient(http).signUp(ResultClient.PASSWORD).token();
        for (String number : List.of("12345", "abcdef", "1234567")) {
            results.result(citizen, number).expectStatus().isNotFound()
                    .expectBody().jsonPath("$.code").isEqualTo("APPLICATION_NOT_FOUND");
        }
    }
}
