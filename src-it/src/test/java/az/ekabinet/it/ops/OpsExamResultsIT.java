package az.ekabinet.it.ops;

import static az.ekabinet.it.support.OpsStreams.isCounters;
import static az.ekabinet.it.support.OpsStreams.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.domain.exam.result.DefineResultSheet;
import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.FinishResultImport;
import az.ekabinet.domain.exam.result.PublishResults;
import az.ekabinet.domain.exam.result.RecordResults;
import az.ekabinet.domain.exam.result.RecordedResults;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.Prometheus;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.projection.ops.OpsCountersProjector;
import az.ekabinet.query.ops.OpsCounters;
import az.ekabinet.query.ops.OpsCountersReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/**
 * Operators see the exam results' work without any of the results: imports, corrections and publications counted
 * ({@code readmodel.ops_counters}, the stream's counters, Prometheus), and each finished import and publication on
 * the ops stream with its counts and session only. The commands go through Axon's gateway as the results' import
 * will send them; the session is published over HTTP by the administrator.
 */
@IntegrationTest
class OpsExamResultsIT {

    static final String ADMIN = "ops-it-results-admin";
    static final String CENTRE = "OPSIT-CENTRE";
    static final String IMPORT = "ops-it-import-";
    static final ObjectMapper JSON = new ObjectMapper();
    static final ResultSheet SHEET = new ResultSheet(List.of(
            new ResultSubject("LOGIC", "Məntiq", "Logic", 600),
            new ResultSubject("LANG", "Xarici dil", "Foreign language", 400)), 500);
    static final LocalDate EXAM_DAY = LocalDate.parse("2026-07-05");

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OpsCountersReader counters;
    @LocalServerPort
    int port;

    @Test
    void importsAndPublicationsAreCountedAndShownWithCountsOnly() throws JsonProcessingException {
        String sessionId = ExamSession.idOf(new ResultClient(http, clock).session());
        String resultsId = ExamResults.idOf(sessionId);
        List<String> numbers = List.of("904417", "904418", "904419", "904420");
        OpsCounters.ResultCounts before = countersPast(head()).results();
        OpsStreams ops = OpsStreams.of(port, new CitizenClient(http));
        List<ServerSentEvent<String>> seen = new CopyOnWriteArrayList<>();
        Disposable following = ops.stream(head()).subscribe(seen::add);
        try {
            commands.sendAndWait(new DefineResultSheet(resultsId, sessionId, SHEET, ADMIN));

            // the first file: two new results and a line whose total is not the sum of its scores
            RecordedResults first = record(resultsId, IMPORT + 1, result(numbers.get(0), 455, 300),
                    result(numbers.get(1), 500, 250), new ExamResult(numbers.get(2), List.of(100, 100), 300, EXAM_DAY,
                            CENTRE));
            assertThat(first.recorded()).isEqualTo(2);
            assertThat(first.rejected()).hasSize(1);
            finish(resultsId, IMPORT + 1, 3, first);

            // the second: one result corrected, one as it was
            RecordedResults second = record(resultsId, IMPORT + 2, result(numbers.get(0), 460, 300),
                    result(numbers.get(1), 500, 250));
            assertThat(second.corrected()).isEqualTo(1);
            assertThat(second.unchanged()).isEqualTo(1);
            finish(resultsId, IMPORT + 2, 2, second);

            Instant publishAt = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            assertThat(commands.<Instant>sendAndWait(new PublishResults(resultsId, publishAt, ADMIN)))
                    .isEqualTo(publishAt);

            // a result recorded after the publication was set is published with the others
            RecordedResults late = record(resultsId, IMPORT + 3, result(numbers.get(3), 300, 300));
            assertThat(late.recorded()).isEqualTo(1);
            finish(resultsId, IMPORT + 3, 1, late);

            // moving the instant publishes nothing more
            Instant movedTo = publishAt.plus(Duration.ofDays(1));
            commands.sendAndWait(new PublishResults(resultsId, movedTo, ADMIN));

            var expected = new OpsCounters.ResultCounts(before.imported() + 3, before.corrected() + 1,
                    before.published() + 3);
            long last = jdbc.queryForObject(
                    "SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                    resultsId);
            assertThat(countersPast(last).results()).as("the counters, as the stream's reader reads them")
                    .isEqualTo(expected);
            assertThat(jdbc.queryForMap("""
                    SELECT results_imported, results_corrected, results_published FROM readmodel.ops_counters
                    WHERE id = 1""")).as("the counters' row")
                    .isEqualTo(Map.of("results_imported", expected.imported(),
                            "results_corrected", expected.corrected(), "results_published", expected.published()));

            await("the stream's activities and counters").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(activities(seen, sessionId)).as("activities of the session").hasSize(5);
                assertThat(seen).as("counters with the results")
                        .anySatisfy(e -> assertThat(isCounters(e) && counted(json(e)).equals(expected)).isTrue());
            });
            List<JsonNode> activities = activities(seen, sessionId);
            assertThat(activities).extracting(a -> a.get("type").asText()).containsExactly("ResultImportFinished",
                    "ResultImportFinished", "ResultsPublicationSet", "ResultImportFinished", "ResultsPublicationSet");
            assertLines(activities.get(0), 3, 2, 0, 0, 1);
            assertLines(activities.get(1), 2, 0, 1, 1, 0);
            assertPublication(activities.get(2), publishAt, null, 2);
            assertLines(activities.get(3), 1, 1, 0, 0, 0);
            assertPublication(activities.get(4), movedTo, publishAt, 3);

            List<String> shown = seen.stream().filter(OpsStreams::isActivity).map(e -> json(e).get("type").asText())
                    .toList();
            assertThat(shown).as("results and corrections are counted, never shown")
                    .doesNotContain("ResultSheetDefined", "ResultsRecorded", "ResultCorrected");
            String text = activities.stream().map(OpsExamResultsIT::withoutInstants).map(JsonNode::toString)
                    .reduce("", String::concat);
            assertThat(text).as("nothing of the results, nor who imported them")
                    .doesNotContain(numbers.toArray(String[]::new))
                    .doesNotContain(CENTRE, ADMIN, IMPORT, "scores", "total", "LOGIC");
        } finally {
            following.dispose();
        }

        await("the metrics").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Prometheus.scrape(http, ops.operatorToken()))
                .contains("ekabinet_ops_results_imported " + (double) (before.imported() + 3) + "\n")
                .contains("ekabinet_ops_results_corrected " + (double) (before.corrected() + 1) + "\n")
                .contains("ekabinet_ops_results_published " + (double) (before.published() + 3) + "\n"));
    }

    private RecordedResults record(String resultsId, String importId, ExamResult... results) {
        List<RecordResults.Line> lines = new ArrayList<>();
        for (ExamResult result : results) {
            lines.add(new RecordResults.Line(lines.size() + 2, result)); // line 1 is the file's header
        }
        return commands.sendAndWait(new RecordResults(resultsId, importId, ADMIN, lines));
    }

    private void finish(String resultsId, String importId, long linesRead, RecordedResults recorded) {
        commands.sendAndWait(new FinishResultImport(resultsId, importId, ADMIN, linesRead, recorded.recorded(),
                recorded.corrected(), recorded.unchanged(), recorded.rejected().size()));
    }

    private static ExamResult result(String applicationNumber, int logicTenths, int languageTenths) {
        return new ExamResult(applicationNumber, List.of(logicTenths, languageTenths), logicTenths + languageTenths,
                EXAM_DAY, CENTRE);
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(globalindex), 0) FROM domainevententry", Long.class);
    }

    /** The counters once the ops-counters processor has passed the event at {@code index}. */
    private OpsCounters countersPast(long index) {
        return await("the ops counters past event " + index).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> counters.read().block(Duration.ofSeconds(10)), read -> read.processors().stream()
                        .anyMatch(p -> p.name().equals(OpsCountersProjector.PROCESSING_GROUP) && p.position() != null
                                && p.position() >= index));
    }

    private static List<JsonNode> activities(List<ServerSentEvent<String>> seen, String sessionId) {
        return seen.stream().filter(OpsStreams::isActivity).map(OpsStreams::json)
                .filter(a -> a.path("sessionId").asText().equals(sessionId))
                .filter(a -> a.get("type").asText().startsWith("Result")).toList();
    }

    private static OpsCounters.ResultCounts counted(JsonNode counters) {
        JsonNode results = counters.get("results");
        return new OpsCounters.ResultCounts(results.get("imported").asLong(), results.get("corrected").asLong(),
                results.get("published").asLong());
    }

    private static void assertLines(JsonNode activity, long read, long recorded, long corrected, long unchanged,
                                    long rejected) throws JsonProcessingException {
        assertThat(fields(activity)).containsExactlyInAnyOrder("id", "type", "at", "sessionId", "lines");
        assertThat(activity.get("lines")).isEqualTo(JSON.readTree("""
                {"read":%d,"recorded":%d,"corrected":%d,"unchanged":%d,"rejected":%d}""".formatted(read, recorded,
                corrected, unchanged, rejected)));
    }

    private static void assertPublication(JsonNode activity, Instant publishAt, Instant previousPublishAt,
                                          long resultCount) {
        assertThat(fields(activity)).containsExactlyInAnyOrder("id", "type", "at", "sessionId", "publication");
        JsonNode publication = activity.get("publication");
        assertThat(Instant.parse(publication.get("publishAt").asText())).isEqualTo(publishAt);
        if (previousPublishAt == null) {
            assertThat(fields(publication)).containsExactlyInAnyOrder("publishAt", "resultCount");
        } else {
            assertThat(fields(publication)).containsExactlyInAnyOrder("publishAt", "previousPublishAt",
                    "resultCount");
            assertThat(Instant.parse(publication.get("previousPublishAt").asText())).isEqualTo(previousPublishAt);
        }
        assertThat(publication.get("resultCount").asLong()).isEqualTo(resultCount);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The activity without its instants, whose digits could match anything by chance. */
    private static JsonNode withoutInstants(JsonNode activity) {
        ObjectNode copy = activity.deepCopy();
        copy.remove("at");
        copy.remove("id");
        if (copy.get("publication") instanceof ObjectNode publication) {
            publication.remove(List.of("publishAt", "previousPublishAt"));
        }
        return copy;
    }
}
