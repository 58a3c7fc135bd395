package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ResultClient.HEADER;
import static az.ekabinet.it.support.ResultClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.ResultClient.Applicant;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A scoring file of several parts (the import records a part while it reads and looks up the next): each part
 * recorded, in order, whichever part a result is in; the report counts every line of every part and lists its first
 * rejections in line order.
 */
@IntegrationTest
class ResultImportPartsIT {

    /** More than two parts of the import's 5,000 lines. */
    private static final int LINES = 12_001;

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aFileOfSeveralPartsIsRecordedPartByPartAndReportedInLineOrder() {
        var results = new ResultClient(http, clock);
        String session = results.sessionWithSheet();
        Applicant first = results.confirmedApplicant(session);
        Applicant middle = results.confirmedApplicant(session);
        Applicant last = results.confirmedApplicant(session);
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < LINES; i++) { // line i + 2; every other number is nobody's
            String number = i == 0 ? first.number() : i == LINES / 2 ? middle.number()
                    : i == LINES - 1 ? last.number() : Integer.toString(980_000 + i);
            file.append(line(number, "45.5", "30", "75.5"));
        }

        JsonNode report = results.imported(session, file.toString());
        assertThat(report.get("linesRead").asLong()).isEqualTo(LINES);
        assertThat(report.get("recorded").asLong()).isEqualTo(3);
        assertThat(report.get("rejectedCount").asLong()).isEqualTo(LINES - 3);
        assertThat(report.get("rejectedListTruncated").asBoolean()).isTrue();
        List<Long> listed = new ArrayList<>();
        report.get("rejected").forEach(rejected -> {
            assertThat(rejected.get("problem").asText()).isEqualTo("APPLICATION_UNKNOWN");
            listed.add(rejected.get("lineNumber").asLong());
        });
        assertThat(listed).hasSize(1_000).isSorted().startsWith(3L, 4L).endsWith(1_002L);

        JsonNode again = results.imported(session, file.toString());
        assertThat(again.get("recorded").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(3);

        results.publish(session, clock.instant()).expectStatus().isOk();
        for (Applicant applicant : List.of(first, middle, last)) {
            results.result(applicant.token(), applicant.number()).expectStatus().isOk()
                    .expectBody().jsonPath("$.total").isEqualTo("75.5");
        }
    }

    /**
     * A part whose numbers fill their span is checked by one scan of it, a sparse one by a probe per number: the same
     * file, once dense and once made sparse by one far number, finds the same problem for each line.
     */
    @Test
    void aDensePartAndASparseOneFindTheSameProblems() {
        var results = new ResultClient(http, clock);
        String session = results.sessionWithSheet();
        Applicant confirmed = results.confirmedApplicant(session);
        String draft = new ApplicationClient(http).start(new CitizenClient(http).signUp(ResultClient.PASSWORD).token(),
                session);
        Applicant elsewhere = results.confirmedApplicant(results.sessionWithSheet());
        Applicant alsoConfirmed = results.confirmedApplicant(session);
        List<String> ours = List.of(confirmed.number(), draft, elsewhere.number(), alsoConfirmed.number());
        int first = ours.stream().mapToInt(Integer::parseInt).min().orElseThrow();
        int last = ours.stream().mapToInt(Integer::parseInt).max().orElseThrow();
        List<String> dense = new ArrayList<>(); // every number between: other tests' applications or nobody's
        for (int number = first; number <= last; number++) {
            dense.add(Integer.toString(number));
        }
        List<String> sparse = new ArrayList<>(dense);
        sparse.add("999998");

        JsonNode denseReport = results.imported(session, file(dense));
        Map<String, String> denseOutcomes = outcomes(denseReport, dense);
        assertThat(denseOutcomes).containsEntry(confirmed.number(), "ACCEPTED")
                .containsEntry(alsoConfirmed.number(), "ACCEPTED")
                .containsEntry(draft, "APPLICATION_NOT_CONFIRMED")
                .containsEntry(elsewhere.number(), "APPLICATION_OF_OTHER_SESSION");
        JsonNode sparseReport = results.imported(session, file(sparse));
        assertThat(outcomes(sparseReport, sparse)).containsAllEntriesOf(denseOutcomes)
                .containsEntry("999998", "APPLICATION_UNKNOWN").hasSize(sparse.size());
        assertThat(sparseReport.get("unchanged").asLong()).isEqualTo(denseReport.get("recorded").asLong());
    }

    private static String file(List<String> numbers) {
        StringBuilder file = new StringBuilder(HEADER);
        numbers.forEach(number -> file.append(line(number, "45.5", "30", "75.5")));
        return file.toString();
    }

    /** Each line's number and what became of it: its problem, or ACCEPTED. */
    private static Map<String, String> outcomes(JsonNode report, List<String> numbers) {
        assertThat(report.get("linesRead").asLong()).isEqualTo(numbers.size());
        assertThat(report.get("rejectedListTruncated").asBoolean()).isFalse();
        Map<Long, String> rejected = new HashMap<>();
        report.get("rejected").forEach(r -> rejected.put(r.get("lineNumber").asLong(), r.get("problem").asText()));
        Map<String, String> outcomes = new HashMap<>();
        for (int i = 0; i < numbers.size(); i++) {
            outcomes.put(numbers.get(i), rejected.getOrDefault(i + 2L, "ACCEPTED")); // line 1 is the header
        }
        return outcomes;
    }

    /** A part's lookup reads the applications' numbers over its span as integers: the read model holds nothing else. */
    @Test
    void theApplicationsReadModelHoldsSixDigitNumbersOnly() {
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO readmodel.exam_application
                    (application_number, application_id, session_id, cabinet_id, status, started_at)
                VALUES ('12345 ', 'exam-application:not-a-number', 'exam-session:NOT-A-NUMBER', 'nobody', 'DRAFT', now())
                """)).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("exam_application_number_digits");
    }
}
