package az.ekabinet.command.exam.result;

import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ReadModelJson;
import java.util.Optional;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A published session's result sheet, from the read models the subscribing projections write in the defining
 * transaction (so a sheet just set is found). An unknown session is {@code EXAM_SESSION_NOT_FOUND}; a session
 * without a sheet is {@code RESULT_SHEET_MISSING}.
 */
@Component
public class ResultSheets {

    private final DatabaseClient db;

    public ResultSheets(DatabaseClient db) {
        this.db = db;
    }

    /** Fails with EXAM_SESSION_NOT_FOUND unless the session is published. */
    public Mono<Void> requireSession(String sessionId) {
        return sheetRow(sessionId).then();
    }

    public Mono<ResultSheet> sheetOf(String sessionId) {
        return sheetRow(sessionId).flatMap(sheet -> Mono.justOrEmpty(sheet)
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RESULT_SHEET_MISSING))));
    }

    private Mono<Optional<ResultSheet>> sheetRow(String sessionId) {
        return db.sql("""
                        SELECT r.sheet FROM readmodel.exam_session s
                        LEFT JOIN readmodel.result_sheet r ON r.session_id = s.session_id
                        WHERE s.session_id = :session""")
                .bind("session", sessionId)
                .map((row, meta) -> Optional.ofNullable(row.get("sheet", String.class))
                        .map(json -> ReadModelJson.read(json, ResultSheet.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.EXAM_SESSION_NOT_FOUND)));
    }
}
