package az.ekabinet.query.exam.result;

import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ReadModelJson;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Optional;
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

    private final DatabaseClient db;
    private final Clock clock;

    public ResultViews(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<ResultView> owned(String number, String cabinetId) {
        if (number == null || !number.matches("[0-9]{6}")) {
            return Mono.error(new DomainException(ErrorCode.APPLICATION_NOT_FOUND));
        }
        return db.sql("""
                        SELECT a.session_id, s.title, r.sheet, r.publish_at, e.scores_tenths, e.total_tenths,
                               e.exam_date, e.centre_code, e.revision
                        FROM readmodel.exam_application a
                        JOIN readmodel.exam_session s ON s.session_id = a.session_id
                        LEFT JOIN readmodel.result_sheet r ON r.session_id = a.session_id AND r.publish_at <= :now
                        LEFT JOIN readmodel.exam_result e ON e.application_number = a.application_number
                            AND r.session_id IS NOT NULL
                        WHERE a.application_number = :number AND a.cabinet_id = :cabinet""")
                .bind("now", clock.instant())
                .bind("number", number)
                .bind("cabinet", cabinetId)
                .map((row, meta) -> view(number, row))
                .one()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.APPLICATION_NOT_FOUND)))
                .flatMap(view -> Mono.justOrEmpty(view)
                        .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RESULT_NOT_PUBLISHED))));
    }

    private static Optional<ResultView> view(String number, Readable row) {
        Integer[] scores = row.get("scores_tenths", Integer[].class);
        if (scores == null) {
            return Optional.empty();
        }
        ResultSheet sheet = ReadModelJson.read(row.get("sheet", String.class), ResultSheet.class);
        var subjects = new ArrayList<ResultView.Subject>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            ResultSubject subject = sheet.subjects().get(i);
            subjects.add(new ResultView.Subject(subject.code(), subject.nameAz(), subject.nameEn(),
                    Scores.text(scores[i]), Scores.text(subject.maxScoreTenths())));
        }
        int total = row.get("total_tenths", Integer.class);
        return Optional.of(new ResultView(number, ExamSession.codeOf(row.get("session_id", String.class)),
                row.get("title", String.class), subjects, Scores.text(total), Scores.text(sheet.maxTotalTenths()),
                Scores.text(sheet.passThresholdTenths()), sheet.passes(total), row.get("exam_date", LocalDate.class),
                row.get("centre_code", String.class), row.get("publish_at", OffsetDateTime.class).toInstant(),
                row.get("revision", Integer.class)));
    }
}
