package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.ApplicationStatusQuery;
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

    private final DatabaseClient db;

    public ApplicationStatusQueries(DatabaseClient db) {
        this.db = db;
    }

    @QueryHandler
    public CompletableFuture<ApplicationStatus> status(ApplicationStatusQuery query) {
        return db.sql("""
                        SELECT status, COALESCE(confirmed_at, started_at) AS since FROM readmodel.exam_application
                        WHERE application_number = :number""")
                .bind("number", query.applicationNumber())
                .map(row -> new ApplicationStatus(query.applicationNumber(), row.get("status", String.class),
                        row.get("since", OffsetDateTime.class).toInstant()))
                .one()
                .toFuture();
    }
}
