package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ResultClient.HEADER;
import static az.ekabinet.it.support.ResultClient.line;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.it.support.ResultClient.Applicant;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Results end to end over HTTP: the administrator sets the sheet, imports the scoring file and publishes; the
 * citizen sees nothing before the instant and everything after it (result, services history, ETag); the auditor
 * finds every import and correction in the event store, the previous result kept.
 */
@IntegrationTest
class ResultsJourneyIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    ResultClient results;

    @BeforeEach
    void setUp() {
        results = new ResultClient(http, clock);
    }

    private static Map<Long, String> rejected(JsonNode report) {
        var lines = new java.util.TreeMap<Long, String>();
        report.get("rejected").forEach(line -> lines.put(line.get("lineNumber").asLong(),
                line.get("problem").asText()));
        return lines;
    }

    private JsonNode services(String token) {
        return http.get().uri("/api/me/services").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody().get("items").get(0);
    }

    private String pdfText(Applicant applicant) {
        byte[] pdf = http.get().uri("/api/applications/{n}/result/pdf", applicant.number())
                .headers(h -> h.setBearerAuth(applicant.token())).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return Normalizer.normalize(new PDFTextStripper().getText(document), Normalizer.Form.NFC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theAdministratorImportsAndPublishesAndTheCitizenSeesTheResultOnlyFromThePublicationOn() {
        String session = results.sessionWithSheet();
        Applicant passing = results.confirmedApplicant(session);
        Applicant failing = results.confirmedApplicant(session);
        var draftOwner = new CitizenClient(http).signUp(ResultClient.PASSWORD);
        String draft = new ApplicationClient(http).start(draftOwner.token(), session);
        Applicant elsewhere = results.confirmedApplicant(results.sessionWithSheet());
        Applicant aboveMaximum = results.confirmedApplicant(session);
        Applicant wrongTotal = results.confirmedApplicant(session);

        String file = HEADER
                + line(passing.number(), "45.5", "30", "75.5")          // 2
                + line(failing.number(), "20", "9.5", "29.5")           // 3
                + line(draft, "10", "10", "20")                         // 4: never confirmed
                + line(elsewhere.number(), "10", "10", "20")            // 5: another session's
                + line("999999", "10", "10", "20")                      // 6: nobody's
                + line(passing.number(), "45.5", "30", "75.5")          // 7: the same number again
                + line(aboveMaximum.number(), "61", "0", "61")          // 8: LOGIC is out of 60
                + line(wrongTotal.number(), "10", "10", "21")           // 9
                + "12345,10,10,20,2026-07-05,BAKU-01\n"                 // 10
                + "999991,10.25,10,20.25,2026-07-05,BAKU-01\n"          // 11
                + "999992,10,10,20,05.07.2026,BAKU-01\n"                // 12
                + "999993,10,10,20,2026-07-05,baku 01\n"                // 13
                + "999994,10,10\n";                                     // 14
        JsonNode report = results.imported(session, file);
        assertThat(report.get("linesRead").asLong()).isEqualTo(13);
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        assertThat(report.get("recorded").asLong()).isEqualTo(2);
        assertThat(report.get("rejectedCount").asLong()).isEqualTo(11);
        assertThat(report.get("rejectedListTruncated").asBoolean()).isFalse();
        assertThat(rejected(report)).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.ofEntries(
                Map.entry(4L, "APPLICATION_NOT_CONFIRMED"), Map.entry(5L, "APPLICATION_OF_OTHER_SESSION"),
                Map.entry(6L, "APPLICATION_UNKNOWN"), Map.entry(7L, "DUPLICATE_LINE"),
                Map.entry(8L, "SCORE_ABOVE_MAXIMUM"), Map.entry(9L, "TOTAL_NOT_SUM"),
                Map.entry(10L, "APPLICATION_NUMBER_FORMAT"), Map.entry(11L, "SCORE_FORMAT"),
                Map.entry(12L, "EXAM_DATE_FORMAT"), Map.entry(13L, "CENTRE_CODE_FORMAT"),
                Map.entry(14L, "COLUMN_COUNT"))));
        results.result(aboveMaximum.token(), aboveMaximum.number()).expectStatus().isNotFound();

        // before the publication instant: nothing, not even whether a result exists
        results.result(passing.token(), passing.number()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_NOT_PUBLISHED")
                .jsonPath("$.total").doesNotExist();
        http.get().uri("/api/applications/{n}/result/pdf", passing.number())
                .headers(h -> h.setBearerAuth(passing.token())).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_NOT_PUBLISHED");
        assertThat(services(passing.token()).get("resultStatus").asText()).isEqualTo("AWAITING");

        // the same file again changes nothing
        JsonNode again = results.imported(session, file);
        assertThat(again.get("recorded").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);
        assertThat(again.get("corrected").asLong()).isZero();
        assertThat(rejected(again)).isEqualTo(rejected(report));

        Instant publishAt = clock.instant();
        results.publish(session, publishAt).expectStatus().isOk()
                .expectBody().jsonPath("$.sessionId").isEqualTo(session);

        var answer = results.result(passing.token(), passing.number()).expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noCache().cachePrivate())
                .expectBody(JsonNode.class).returnResult();
        JsonNode mine = answer.getResponseBody();
        String etag = answer.getResponseHeaders().getETag();
        assertThat(etag).isEqualTo("\"" + passing.number() + ".1\"");
        assertThat(mine.get("total").asText()).isEqualTo("75.5");
        assertThat(mine.get("maxTotal").asText()).isEqualTo("100.0");
        assertThat(mine.get("passThreshold").asText()).isEqualTo("50.0");
        assertThat(mine.get("passed").asBoolean()).isTrue();
        assertThat(mine.get("examDate").asText()).isEqualTo("2026-07-05");
        assertThat(mine.get("centreCode").asText()).isEqualTo("BAKU-01");
        assertThat(mine.get("sessionId").asText()).isEqualTo(session);
        assertThat(mine.get("subjects")).extracting(s -> s.get("code").asText() + " " + s.get("nameAz").asText()
                        + " " + s.get("score").asText() + "/" + s.get("maxScore").asText())
                .containsExactly("LOGIC Məntiq 45.5/60.0", "LANG Xarici dil (ingilis) 30.0/40.0");
        results.result(failing.token(), failing.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.passed").isEqualTo(false).jsonPath("$.total").isEqualTo("29.5");

        String printed = pdfText(passing);
        assertThat(printed).contains("Magistraturaya qəbul imtahanının nəticəsi", passing.number(), "Məntiq",
                "45.5 / 60.0", "75.5 / 100.0", "Keçdi", "BAKU-01");
        assertThat(pdfText(failing)).contains("Keçmədi", "29.5 / 100.0");

        // a repeat with the ETag costs no body
        http.get().uri("/api/applications/{n}/result", passing.number()).headers(h -> h.setBearerAuth(passing.token()))
                .header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified().expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
        // a list, and the weak form of the tag, match too (If-None-Match compares weakly)
        http.get().uri("/api/applications/{n}/result", passing.number()).headers(h -> h.setBearerAuth(passing.token()))
                .header(HttpHeaders.IF_NONE_MATCH, "\"other\", W/" + etag).exchange()
                .expectStatus().isNotModified();

        // nobody else sees it; an unconfirmed application has no result
        results.result(failing.token(), passing.number()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("APPLICATION_NOT_FOUND");
        results.result(draftOwner.token(), draft).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("RESULT_NOT_PUBLISHED");

        JsonNode used = services(passing.token());
        assertThat(used.get("resultStatus").asText()).isEqualTo("PUBLISHED");
        assertThat(StreamSupport.stream(used.get("actions").spliterator(), false).map(JsonNode::asText).toList())
                .containsExactly("PRINT", "VIEW_RESULT");

        // a correction after publication: a new ETag, the old one no longer matches
        JsonNode corrected = results.imported(session, HEADER + line(passing.number(), "50", "30", "80"));
        assertThat(corrected.get("corrected").asLong()).isEqualTo(1);
        var fresh = results.result(passing.token(), passing.number())
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult();
        assertThat(fresh.getResponseBody().get("total").asText()).isEqualTo("80.0");
        assertThat(fresh.getResponseHeaders().getETag()).isEqualTo("\"" + passing.number() + ".2\"").isNotEqualTo(etag);
        http.get().uri("/api/applications/{n}/result", passing.number()).headers(h -> h.setBearerAuth(passing.token()))
                .header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk();

        // a later file's new result joins those recorded before (kept beside them in the read model): all read
        JsonNode later = results.imported(session, HEADER + line(wrongTotal.number(), "10", "10", "20"));
        assertThat(later.get("recorded").asLong()).isEqualTo(1);
        results.result(wrongTotal.token(), wrongTotal.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo("20.0").jsonPath("$.revision").isEqualTo(1);
        results.result(failing.token(), failing.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo("29.5");
        results.result(passing.token(), passing.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo("80.0").jsonPath("$.revision").isEqualTo(2);
    }

    @Test
    void theAuditorReplaysWhoImportedCorrectedAndPublishedWhatAndWhenWithThePreviousResultKept() {
        String session = results.sessionWithSheet();
        Applicant applicant = results.confirmedApplicant(session);
        Applicant other = results.confirmedApplicant(session);
        JsonNode first = results.imported(session, HEADER + line(applicant.number(), "30", "20", "50")
                + line(other.number(), "10", "10", "20"));
        JsonNode second = results.imported(session, HEADER + line(applicant.number(), "31", "20", "51"));
        results.publish(session, null).expectStatus().isOk();

        String auditor = new CitizenClient(http).token("auditor", "demo-auditor-2026");
        List<JsonNode> history = http.get().uri("/api/audit/exam-sessions/{id}/results/history", session)
                .headers(h -> h.setBearerAuth(auditor)).accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk().expectBodyList(JsonNode.class).returnResult().getResponseBody();
        assertThat(history).extracting(entry -> entry.get("type").asText()).containsExactly("SHEET_DEFINED",
                "RESULTS_RECORDED", "IMPORT_FINISHED", "RESULT_CORRECTED", "IMPORT_FINISHED", "PUBLICATION_SET");
        assertThat(history).allSatisfy(entry -> assertThat(entry.get("by").asText()).isEqualTo("staff:admin"));
        assertThat(history.get(1).get("importId").asText()).isEqualTo(first.get("importId").asText());
        assertThat(history.get(1).get("resultCount").asInt()).isEqualTo(2);
        assertThat(history.get(2).get("lines").get("recorded").asInt()).isEqualTo(2);
        JsonNode correction = history.get(3);
        assertThat(correction.get("importId").asText()).isEqualTo(second.get("importId").asText());
        assertThat(correction.get("applicationNumber").asText()).isEqualTo(applicant.number());
        assertThat(correction.get("previous").get("scores")).extracting(JsonNode::asText).containsExactly("30.0", "20.0");
        assertThat(correction.get("corrected").get("total").asText()).isEqualTo("51.0");
        assertThat(Instant.parse(history.get(5).get("publishAt").asText())).isBeforeOrEqualTo(clock.instant());

        // one applicant's story, as NDJSON
        String story = http.get().uri(b -> b.path("/api/audit/exam-sessions/{id}/results/history")
                        .queryParam("applicationNumber", applicant.number()).build(session))
                .headers(h -> h.setBearerAuth(auditor)).accept(MediaType.APPLICATION_NDJSON).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(story.lines().toList()).hasSize(2);
        assertThat(story).contains("\"type\":\"RESULTS_RECORDED\"", "\"total\":\"50.0\"", "\"type\":\"RESULT_CORRECTED\"")
                .doesNotContain(other.number());

        http.get().uri(b -> b.path("/api/audit/exam-sessions/{id}/results/history")
                        .queryParam("applicationNumber", "12345").build(session))
                .headers(h -> h.setBearerAuth(auditor)).exchange().expectStatus().isBadRequest();
        http.get().uri("/api/audit/exam-sessions/{id}/results/history", session)
                .headers(h -> h.setBearerAuth(applicant.token())).exchange().expectStatus().isForbidden();
    }

    @Test
    void aCorrectionOfAResultMissingFromTheReadModelPutsItBack() {
        String session = results.sessionWithSheet();
        Applicant applicant = results.confirmedApplicant(session);
        results.imported(session, HEADER + line(applicant.number(), "30", "20", "50"));
        results.publish(session, clock.instant()).expectStatus().isOk();
        // the read model changed by hand: the applicant's block is gone
        jdbc.update("DELETE FROM readmodel.exam_result_block WHERE session_id = ?", ExamSession.idOf(session));
        results.result(applicant.token(), applicant.number()).expectStatus().isNotFound();

        JsonNode corrected = results.imported(session, HEADER + line(applicant.number(), "31", "20", "51"));

        assertThat(corrected.get("corrected").asLong()).isEqualTo(1);
        results.result(applicant.token(), applicant.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo("51.0").jsonPath("$.revision").isEqualTo(2);
    }

    @Test
    void theResultsReadModelIsRebuiltFromTheEventsIdentically() {
        String session = results.sessionWithSheet();
        Applicant first = results.confirmedApplicant(session);
        Applicant second = results.confirmedApplicant(session);
        Applicant third = results.confirmedApplicant(session);
        results.imported(session, HEADER + line(first.number(), "30", "20", "50") + line(second.number(), "1", "2", "3"));
        results.imported(session, HEADER + line(second.number(), "1", "3", "4"));
        results.imported(session, HEADER + line(third.number(), "5", "5", "10"));
        results.publish(session, clock.instant().plusSeconds(3600)).expectStatus().isOk();

        String sheets = "SELECT session_id, sheet::text, publish_at, defined_at FROM readmodel.result_sheet "
                + "ORDER BY session_id";
        String resultRows = "SELECT session_id, block, lines, revisions::text FROM readmodel.exam_result_block "
                + "ORDER BY session_id, block";
        var live = List.of(jdbc.queryForList(sheets), jdbc.queryForList(resultRows));
        assertThat(live.get(1)).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT string_agg(lines, '') FROM readmodel.exam_result_block "
                + "WHERE session_id = ?", String.class, ExamSession.idOf(session)))
                .contains("\n" + first.number() + ",").contains("\n" + second.number() + ",")
                .contains("\n" + third.number() + ",");
        jdbc.update("UPDATE readmodel.exam_result_block SET lines = replace(lines, ?, ?), revisions = NULL "
                + "WHERE session_id = ?", "\n" + first.number() + ",300", "\n" + first.number() + ",1000",
                ExamSession.idOf(session));

        var admin = az.ekabinet.it.support.AdminClient.demo(http);
        JsonNode replay = admin.replay("exam-results", java.time.Duration.ofSeconds(60));
        assertThat(replay.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(List.of(jdbc.queryForList(sheets), jdbc.queryForList(resultRows)))
                .as("rebuilt from the event store: identical, the hand-made change repaired").isEqualTo(live);
    }
}
