package az.ekabinet.query.exam.result;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultBlocks;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ReadModelJson;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The owner's published result, with one query: the application (anyone else's is {@code APPLICATION_NOT_FOUND}),
 * its session's sheet if the publication instant has come by this node's clock, and the result. Before that
 * instant, and when the applicant has no result, it is {@code RESULT_NOT_PUBLISHED}: nothing tells the two apart.
 */
@Component
public class ResultViews {

    /**
     * Whether {@code e}, a row of {@code readmodel.exam_result_block}, is the block application {@code a}'s result
     * would be in ({@link ResultBlocks}).
     */
    public static final String BLOCK_OF_APPLICATION = "e.session_id = a.session_id "
            + "AND e.block = a.application_number::int / " + ResultBlocks.NUMBERS_PER_BLOCK;
    /** Where application {@code a}'s result starts in its block's lines, {@code e.lines}. */
    private static final String LINE_START = "E'\\n' || a.application_number || ','";
    /** Whether application {@code a} has a result in its block {@code e} (null without a block). */
    public static final String HAS_RESULT = "strpos(e.lines, " + LINE_START + ") > 0";

    /** The owner's application, its sheet if published, and what follows the number in its result's line. */
    private static final String OWNED_RESULT = """
            SELECT a.session_id, s.title, r.sheet, r.publish_at,
                   NULLIF(split_part(split_part(e.lines, %s, 2), E'\\n', 1), '') AS result,
                   COALESCE((e.revisions ->> a.application_number)::int, 1) AS revision
            FROM readmodel.exam_application a
            JOIN readmodel.exam_session s ON s.session_id = a.session_id
            LEFT JOIN readmodel.result_sheet r ON r.session_id = a.session_id AND r.publish_at <= :now
            LEFT JOIN readmodel.exam_result_block e ON %s AND r.session_id IS NOT NULL
            WHERE a.application_number = :number AND a.cabinet_id = :cabinet""".formatted(LINE_START,
            BLOCK_OF_APPLICATION);

    private static final int MAX_PARSED_SHEETS = 64;

    private final DatabaseClient db;
    private final Clock clock;
    private final Map<String, ResultSheet> parsedSheets = new ConcurrentHashMap<>();

    public ResultViews(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The owner's published result. */
    public Mono<ResultView> owned(String number, String cabinetId) {
        return read(number, cabinetId).map(this::view);
    }

    /**
     * The owner's published result as read, before it is made a view: its entity tag is known without building the
     * view, so a repeat that already holds it costs no more than the query.
     */
    public Mono<Read> read(String number, String cabinetId) {
        if (number == null || !number.matches("[0-9]{6}")) {
            return Mono.error(new DomainException(ErrorCode.APPLICATION_NOT_FOUND));
        }
        return db.sql(OWNED_RESULT)
                .bind("now", clock.instant())
                .bind("number", number)
                .bind("cabinet", cabinetId)
                .map((row, meta) -> read(number, row))
                .one()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.APPLICATION_NOT_FOUND)))
                .flatMap(read -> Mono.justOrEmpty(read)
                        .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RESULT_NOT_PUBLISHED))));
    }

    /** A published result as read. */
    public record Read(String sessionId, String sessionTitle, String sheet, Instant publishedAt, ExamResult result,
                       int revision) {

        /** The strong entity tag of this result: it changes with each correction, and only then. */
        public String entityTag() {
            return "\"" + result.applicationNumber() + "." + revision + "\"";
        }
    }

    private static Optional<Read> read(String number, Readable row) {
        String rest = row.get("result", String.class);
        return rest == null ? Optional.empty() : Optional.of(new Read(row.get("session_id", String.class),
                row.get("title", String.class), row.get("sheet", String.class),
                row.get("publish_at", OffsetDateTime.class).toInstant(), ResultBlocks.result(number, rest),
                row.get("revision", Integer.class)));
    }

    public ResultView view(Read read) {
        ResultSheet sheet = sheet(read.sheet());
        ExamResult result = read.result();
        List<Integer> scores = result.scoresTenths();
        var subjects = new ArrayList<ResultView.Subject>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            ResultSubject subject = sheet.subjects().get(i);
            subjects.add(new ResultView.Subject(subject.code(), subject.nameAz(), subject.nameEn(),
                    Scores.text(scores.get(i)), Scores.text(subject.maxScoreTenths())));
        }
        return new ResultView(result.applicationNumber(), ExamSession.codeOf(read.sessionId()), read.sessionTitle(),
                subjects, Scores.text(result.totalTenths()), Scores.text(sheet.maxTotalTenths()),
                Scores.text(sheet.passThresholdTenths()), sheet.passes(result.totalTenths()), result.examDate(),
                result.centreCode(), read.publishedAt(), read.revision());
    }

    /**
     * A sheet from its stored JSON, parsed once per node: the text alone decides the sheet, so a sheet read again is
     * the one parsed before (a results-day rush reads the same few sheets over and over).
     */
    private ResultSheet sheet(String json) {
        if (parsedSheets.size() > MAX_PARSED_SHEETS) {
            parsedSheets.clear();
        }
        return parsedSheets.computeIfAbsent(json, text -> ReadModelJson.read(text, ResultSheet.class));
    }
}
