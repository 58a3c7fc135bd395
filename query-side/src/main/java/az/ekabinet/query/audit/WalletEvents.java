package az.ekabinet.query.audit;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Wallet events straight from the event store over R2DBC, in keyset pages (bounded memory, back-pressure). */
@Component
public class WalletEvents {

    /** The event store's columns {@link #parse} reads. */
    public static final String COLUMNS =
            "e.globalindex, e.aggregateidentifier, e.sequencenumber, e.payloadtype, e.payload";

    private final DatabaseClient db;

    public WalletEvents(DatabaseClient db) {
        this.db = db;
    }

    /** One wallet's events in their order (sequence number). */
    public Flux<WalletEvent> ofWallet(String walletId) {
        return KeysetPages.stream(-1L, after -> db.sql("SELECT " + COLUMNS + " FROM domainevententry e"
                        + " WHERE e.aggregateidentifier = :wallet AND e.sequencenumber > :after"
                        + " AND e.payloadtype = ANY(:types) ORDER BY e.sequencenumber LIMIT :size")
                .bind("wallet", walletId)
                .bind("after", after)
                .bind("types", WalletEvent.TYPES.toArray(String[]::new))
                .bind("size", KeysetPages.PAGE_SIZE)
                .map((row, meta) -> parse(row))
                .all(), WalletEvent::sequence);
    }

    /** Every wallet's events, in the event store's global order. */
    public Flux<WalletEvent> all() {
        return KeysetPages.stream(0L, after -> db.sql("SELECT " + COLUMNS + " FROM domainevententry e"
                        + " WHERE e.globalindex > :after AND e.payloadtype = ANY(:types)"
                        + " ORDER BY e.globalindex LIMIT :size")
                .bind("after", after)
                .bind("types", WalletEvent.TYPES.toArray(String[]::new))
                .bind("size", KeysetPages.PAGE_SIZE)
                .map((row, meta) -> parse(row))
                .all(), WalletEvent::globalIndex);
    }

    /** A row holding the {@link #COLUMNS} as a wallet event. */
    public static WalletEvent parse(Readable row) {
        return WalletEvent.parse(row.get("globalindex", Long.class), row.get("aggregateidentifier", String.class),
                row.get("sequencenumber", Long.class), row.get("payloadtype", String.class),
                row.get("payload", byte[].class));
    }
}
