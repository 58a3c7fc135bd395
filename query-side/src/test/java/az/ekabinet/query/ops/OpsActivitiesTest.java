package az.ekabinet.query.ops;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultImportFinished;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** What the ops stream shows of the exam results' events: counts, instants and the session, nothing of a result. */
class OpsActivitiesTest {

    static final String SESSION = "exam-session:2025-2026-magistr-1";
    static final String RESULTS = "exam-results:2025-2026-magistr-1";
    static final Instant STORED = Instant.parse("2026-07-20T08:00:00Z");

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(json).build();
    private final OpsActivities activities = new OpsActivities(serializer);

    private Optional<OpsActivity> shown(Object event) {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        return activities.of(new StoredEvent(42, stored.getType().getName(), stored.getType().getRevision(), STORED,
                stored.getData(), 0, 0));
    }

    /** The activity as the stream writes it (absent fields left out), compared with the JSON expected. */
    private void assertWritten(OpsActivity activity, String expected) throws Exception {
        assertThat(json.readTree(json.writeValueAsString(activity))).isEqualTo(json.readTree(expected));
    }

    @Test
    void aFinishedImportShowsItsLinesCountedAndItsSessionOnly() throws Exception {
        var finished = new ResultImportFinished(RESULTS, SESSION, "import-7f3a", "admin.aliyev", STORED, 120, 100, 5,
                10, 5);

        OpsActivity activity = shown(finished).orElseThrow();

        assertWritten(activity, """
                {"id":42,"type":"ResultImportFinished","at":"2026-07-20T08:00:00Z",\
                "sessionId":"exam-session:2025-2026-magistr-1",\
                "lines":{"read":120,"recorded":100,"corrected":5,"unchanged":10,"rejected":5}}""");
    }

    @Test
    void aPublicationShowsWhenAndHowManyAndTheInstantItMovedOnlyOnceMoved() throws Exception {
        Instant publishAt = Instant.parse("2026-08-01T06:00:00Z");
        var first = new ResultsPublicationSet(RESULTS, SESSION, publishAt, null, 2_500, "admin.aliyev", STORED);
        var moved = new ResultsPublicationSet(RESULTS, SESSION, publishAt.plusSeconds(86_400), publishAt, 2_510,
                "admin.aliyev", STORED);

        assertWritten(shown(first).orElseThrow(), """
                {"id":42,"type":"ResultsPublicationSet","at":"2026-07-20T08:00:00Z",\
                "sessionId":"exam-session:2025-2026-magistr-1",\
                "publication":{"publishAt":"2026-08-01T06:00:00Z","resultCount":2500}}""");
        assertWritten(shown(moved).orElseThrow(), """
                {"id":42,"type":"ResultsPublicationSet","at":"2026-07-20T08:00:00Z",\
                "sessionId":"exam-session:2025-2026-magistr-1",\
                "publication":{"publishAt":"2026-08-02T06:00:00Z","previousPublishAt":"2026-08-01T06:00:00Z",\
                "resultCount":2510}}""");
    }

    @Test
    void aCorrectedResultIsNotShown() {
        var result = new ExamResult("123456", List.of(455), 455, LocalDate.parse("2026-07-05"), "BAKU-01");
        var corrected = new ResultCorrected(RESULTS, SESSION, "import-7f3a", "admin.aliyev", STORED, result,
                new ExamResult("123456", List.of(460), 460, LocalDate.parse("2026-07-05"), "BAKU-01"));

        assertThat(List.of(activities.types())).doesNotContain(ResultCorrected.class.getName());
        assertThat(shown(corrected)).isEmpty();
    }
}
