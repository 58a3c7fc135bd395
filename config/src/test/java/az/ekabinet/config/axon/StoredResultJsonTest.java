package az.ekabinet.config.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON of exam results: a result is its line (revision 2), and the events stored before it, with each
 * result as an object (revision 1), still read as the same results.
 */
class StoredResultJsonTest {

    private static final Instant AT = Instant.parse("2026-07-20T08:00:00Z");
    private static final ExamResult FIRST = new ExamResult("200001", List.of(455, 300), 755,
            LocalDate.parse("2026-07-05"), "BAKU-01");
    private static final ExamResult SECOND = new ExamResult("012345", List.of(0, 4000), 4000,
            LocalDate.parse("2026-07-06"), "GNC-2");
    private static final String RECORDED = "{\"resultsId\":\"exam-results:S\",\"sessionId\":\"exam-session:S\","
            + "\"importId\":\"i\",\"importedBy\":\"admin\",\"recordedAt\":\"2026-07-20T08:00:00Z\","
            + "\"publicationSet\":false,\"results\":[\"200001,455,300,755,2026-07-05,BAKU-01\","
            + "\"012345,0,4000,4000,2026-07-06,GNC-2\"]}";
    private static final String RECORDED_AS_OBJECTS = "{\"resultsId\":\"exam-results:S\","
            + "\"sessionId\":\"exam-session:S\",\"importId\":\"i\",\"importedBy\":\"admin\","
            + "\"recordedAt\":\"2026-07-20T08:00:00Z\",\"publicationSet\":false,\"results\":["
            + "{\"applicationNumber\":\"200001\",\"scoresTenths\":[455,300],\"totalTenths\":755,"
            + "\"examDate\":\"2026-07-05\",\"centreCode\":\"BAKU-01\"},"
            + "{\"applicationNumber\":\"012345\",\"scoresTenths\":[0,4000],\"totalTenths\":4000,"
            + "\"examDate\":\"2026-07-06\",\"centreCode\":\"GNC-2\"}]}";
    private static final String CORRECTED_AS_OBJECTS = "{\"resultsId\":\"exam-results:S\","
            + "\"sessionId\":\"exam-session:S\",\"importId\":\"i\",\"importedBy\":\"admin\","
            + "\"correctedAt\":\"2026-07-20T08:00:00Z\",\"previous\":{\"applicationNumber\":\"200001\","
            + "\"scoresTenths\":[455,300],\"totalTenths\":755,\"examDate\":\"2026-07-05\",\"centreCode\":\"BAKU-01\"},"
            + "\"corrected\":{\"applicationNumber\":\"200001\",\"scoresTenths\":[460,300],\"totalTenths\":760,"
            + "\"examDate\":\"2026-07-05\",\"centreCode\":\"BAKU-01\"}}";

    private final Serializer serializer = AxonInfrastructure.storedJson();

    @Test
    void recordedResultsAreStoredAsLinesAndReadBack() {
        var recorded = new ResultsRecorded("exam-results:S", "exam-session:S", "i", "admin", AT, false,
                List.of(FIRST, SECOND));
        assertThat(stored(recorded)).isEqualTo(RECORDED);
        assertThat(read(RECORDED, ResultsRecorded.class, "2")).isEqualTo(recorded);
    }

    @Test
    void resultsStoredAsObjectsReadAsTheSameResults() {
        assertThat(read(RECORDED_AS_OBJECTS, ResultsRecorded.class, "1")).isEqualTo(
                new ResultsRecorded("exam-results:S", "exam-session:S", "i", "admin", AT, false,
                        List.of(FIRST, SECOND)));
        var corrected = new ExamResult("200001", List.of(460, 300), 760, LocalDate.parse("2026-07-05"), "BAKU-01");
        ResultCorrected correction = (ResultCorrected) read(CORRECTED_AS_OBJECTS, ResultCorrected.class, "1");
        assertThat(correction.previous()).isEqualTo(FIRST);
        assertThat(correction.corrected()).isEqualTo(corrected);
        assertThat(read(stored(correction), ResultCorrected.class, "2")).isEqualTo(correction);
    }

    @Test
    void aLineGivesBackItsResultAndTwoResultsAreEqualExactlyWhenTheirLinesAre() {
        assertThat(ExamResult.ofLine(FIRST.line())).isEqualTo(FIRST);
        assertThat(ExamResult.ofLine(SECOND.line())).isEqualTo(SECOND);
        assertThat(new ExamResult("200001", List.of(455, 30), 485, LocalDate.parse("2026-07-05"), "BAKU-01").line())
                .isNotEqualTo(new ExamResult("200001", List.of(45, 530), 485, LocalDate.parse("2026-07-05"),
                        "BAKU-01").line());
        assertThatThrownBy(() -> new ExamResult("200001", List.of(1), 1, LocalDate.parse("2026-07-05"), "A,B"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExamResult.ofLine("200001,755,2026-07-05,BAKU-01"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String stored(Object event) {
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    private Object read(String json, Class<?> type, String revision) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                type.getName(), revision));
    }
}
