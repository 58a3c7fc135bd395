package az.ekabinet.query.audit.results;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultImportFinished;
import az.ekabinet.domain.exam.result.ResultSheetDefined;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.query.audit.KeysetPages;
import java.util.Optional;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A session's results history, replayed from the event store (no read model): every sheet, import part,
 * correction, finished import and publication, read with the event store's own serializer, in their order. A part of
 * an import holds up to a thousand results, so a few events are read at a time, and they are read off the Netty
 * threads.
 */
@Component
public class ResultHistory {

    private static final int EVENTS_PER_PAGE = 20;

    private final DatabaseClient db;
    private final Serializer serializer;

    public ResultHistory(DatabaseClient db, @Qualifier("eventSerializer") Serializer serializer) {
        this.db = db;
        this.serializer = serializer;
    }

    private record Stored(long sequence, String type, String revision, byte[] payload) {
    }

    /** Everything, or with {@code applicationNumber} only what concerns that application's result. */
    public Flux<ResultHistoryEntry> of(String sessionId, String applicationNumber) {
        String resultsId = ExamResults.idOf(sessionId);
        return KeysetPages.stream(-1L, EVENTS_PER_PAGE, after -> db.sql("""
                                SELECT sequencenumber, payloadtype, payloadrevision, payload FROM domainevententry
                                WHERE aggregateidentifier = :id AND sequencenumber > :after
                                ORDER BY sequencenumber LIMIT :size""")
                        .bind("id", resultsId)
                        .bind("after", after)
                        .bind("size", EVENTS_PER_PAGE)
                        .map((row, meta) -> new Stored(row.get("sequencenumber", Long.class),
                                row.get("payloadtype", String.class), row.get("payloadrevision", String.class),
                                row.get("payload", byte[].class)))
                        .all(), Stored::sequence)
                .publishOn(Schedulers.parallel())
                .flatMapIterable(stored -> entry(stored, applicationNumber).stream().toList());
    }

    private Optional<ResultHistoryEntry> entry(Stored stored, String number) {
        Object event = serializer.deserialize(new SimpleSerializedObject<>(stored.payload(), byte[].class,
                stored.type(), stored.revision()));
        long sequence = stored.sequence();
        if (event instanceof ResultsRecorded e) {
            if (number == null) {
                return Optional.of(new ResultHistoryEntry(sequence, "RESULTS_RECORDED", e.recordedAt(), e.importedBy(),
                        e.importId(), e.results().size(), null, null, null, null, null, null, null));
            }
            return e.results().stream().filter(result -> result.applicationNumber().equals(number)).findFirst()
                    .map(result -> new ResultHistoryEntry(sequence, "RESULTS_RECORDED", e.recordedAt(),
                            e.importedBy(), e.importId(), 1, ResultHistoryEntry.Result.of(result), number, null, null,
                            null, null, null));
        }
        if (event instanceof ResultCorrected e) {
            ExamResult corrected = e.corrected();
            return number != null && !number.equals(corrected.applicationNumber()) ? Optional.empty()
                    : Optional.of(new ResultHistoryEntry(sequence, "RESULT_CORRECTED", e.correctedAt(), e.importedBy(),
                            e.importId(), null, null, corrected.applicationNumber(),
                            ResultHistoryEntry.Result.of(e.previous()), ResultHistoryEntry.Result.of(corrected), null,
                            null, null));
        }
        if (number != null) {
            return Optional.empty();
        }
        if (event instanceof ResultSheetDefined e) {
            return Optional.of(new ResultHistoryEntry(sequence, "SHEET_DEFINED", e.definedAt(), e.definedBy(), null,
                    null, null, null, null, null, null, null, null));
        }
        if (event instanceof ResultImportFinished e) {
            return Optional.of(new ResultHistoryEntry(sequence, "IMPORT_FINISHED", e.finishedAt(), e.importedBy(),
                    e.importId(), null, null, null, null, null, new ResultHistoryEntry.Lines(e.linesRead(),
                    e.recorded(), e.corrected(), e.unchanged(), e.rejected()), null, null));
        }
        if (event instanceof ResultsPublicationSet e) {
            return Optional.of(new ResultHistoryEntry(sequence, "PUBLICATION_SET", e.setAt(), e.setBy(), null, null,
                    null, null, null, null, null, e.publishAt(), e.previousPublishAt()));
        }
        return Optional.empty();
    }
}
