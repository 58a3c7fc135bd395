package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.ApplicationStatusQuery;
import az.ekabinet.query.exam.result.ResultViews;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Answers {@link ApplicationStatusQuery} from the read model. It returns a future fed by R2DBC, so the subscription
 * query's initial answer never blocks the Netty thread that subscribes to it. Ownership is checked by the caller.
 */
@Component
public class ApplicationStatusQueries {

    private static final String STATUS = """
            SELECT a.status, COALESCE(a.confirmed_at, a.started_at) AS since, r.publish_at
            FROM readmodel.exam_application a
            LEFT JOIN readmodel.result_sheet r ON r.session_id = a.session_id AND r.publish_at <= :now
                AND EXISTS (SELECT 1 FROM readmodel.exam_result_block e WHERE %s AND %s)
            WHERE a.application_number = :number""".formatted(ResultViews.BLOCK_OF_APPLICATION,
            ResultViews.HAS_RESULT);

    private final DatabaseClient db;
    private final Clock clock;

    public ApplicationStatusQueries(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** RESULT_PUBLISHED once the session's publication instant has come by this node's clock and a result exists. */
    @QueryHandler
    public CompletableFuture<ApplicationStatus> status(ApplicationStatusQuery query) {
        return db.sql(STATUS)
                .bind("now", clock.instant())
                .bind("number", query.applicationNumber())
                .map(row -> {
                    OffsetDateTime published = row.get("publish_at", OffsetDateTime.class);
                    return published != null
                            ? new ApplicationStatus(query.applicationNumber(), ApplicationStatus.RESULT_PUBLISHED,
                                    published.toInstant())
                            : new ApplicationStatus(query.applicationNumber(), row.get("status", String.class),
                                    row.get("since", OffsetDateTime.class).toInstant());
                })
                .one()
                .toFuture();
    }
}
