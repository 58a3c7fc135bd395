package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The table {@code command.sms_outbox}: where the outbox adapter puts messages instead of sending them, and where
 * the demo reads them back. Not tied to the adapter's mode, so the demo endpoint works (empty) in any mode.
 */
@Component
public class SmsOutbox {

    private final DatabaseClient db;
    private final Clock clock;

    public SmsOutbox(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Mono<Void> append(PhoneNumber to, String text) {
        return Mono.defer(() -> db.sql("INSERT INTO command.sms_outbox (phone, text, sent_at) VALUES (:phone, :text, :sentAt)")
                .bind("phone", to.e164())
                .bind("text", text)
                .bind("sentAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .then());
    }

    /** The latest messages to one number; the id breaks ties between messages of the same microsecond. */
    public Flux<OutboxMessage> newestFirst(PhoneNumber phone, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return db.sql("""
                        SELECT phone, text, sent_at FROM command.sms_outbox
                        WHERE phone = :phone ORDER BY sent_at DESC, id DESC LIMIT :limit""")
                .bind("phone", phone.e164())
                .bind("limit", limit)
                .map((row, meta) -> new OutboxMessage(row.get("phone", String.class), row.get("text", String.class),
                        row.get("sent_at", OffsetDateTime.class).toInstant()))
                .all();
    }
}
