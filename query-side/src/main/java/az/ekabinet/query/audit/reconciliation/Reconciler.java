package az.ekabinet.query.audit.reconciliation;

import az.ekabinet.domain.wallet.MovementCause;
import az.ekabinet.query.audit.AuditSettings;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.query.audit.KeysetPages;
import az.ekabinet.query.audit.LedgerRows;
import az.ekabinet.query.audit.WalletEvent;
import az.ekabinet.query.audit.WalletEvents;
import az.ekabinet.query.audit.reconciliation.Reconciliation.Report;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Runs reconciliations: each replays the event store and compares it with the read models and the ledger
 * ({@link Reconciliation} holds the checks of one run). Everything is read in one read-only REPEATABLE READ
 * transaction, so all of it is one consistent snapshot (a command committing meanwhile is simply not seen), over
 * R2DBC in keyset pages: events are never all in memory, only a small tally per wallet. The payment-code and transfer
 * checks run in SQL. The comparisons and hashing run on the bounded audit scheduler, never on a Netty thread; at most
 * a few runs at once (more: 503 {@code SERVICE_BUSY}).
 *
 * <p>The ledger is written asynchronously: money movements newer than its newest line are reported as
 * {@code ledgerPending}, not as mismatches.
 */
@Component
public class Reconciler {

    private static final String[] MONEY_TYPES = WalletEvent.MONEY_TYPES.toArray(String[]::new);

    private final DatabaseClient db;
    private final WalletEvents events;
    private final TransactionalOperator snapshot;
    private final Scheduler auditScheduler;
    private final int maxRunning;
    private final AtomicInteger running = new AtomicInteger();

    public Reconciler(DatabaseClient db, WalletEvents events, ReactiveTransactionManager transactions,
                      @Qualifier("auditScheduler") Scheduler auditScheduler,
                      AuditSettings settings) {
        this.db = db;
        this.events = events;
        var definition = new DefaultTransactionDefinition();
        definition.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        definition.setReadOnly(true);
        this.snapshot = TransactionalOperator.create(transactions, definition);
        this.auditScheduler = auditScheduler;
        this.maxRunning = settings.maxConcurrentReconciliations();
    }

    /** One run, or SERVICE_BUSY when too many already run on this node. */
    public Mono<Report> reconcile() {
        return Mono.defer(() -> {
            if (running.incrementAndGet() > maxRunning) {
                running.decrementAndGet();
                return Mono.error(new DomainException(ErrorCode.SERVICE_BUSY));
            }
            return snapshot.transactional(run(new Reconciliation())).doFinally(signal -> running.decrementAndGet());
        });
    }

    /**
     * Each step reads its part and hands on the checks to apply, in order; they are applied one after the other on
     * the audit scheduler (a step's query may run ahead by a bounded prefetch, its checks never out of order).
     */
    private Mono<Report> run(Reconciliation checks) {
        return Flux.concat(
                        events.all().<Runnable>map(event -> () -> checks.event(event)),
                        readModelWallets(checks),
                        Mono.<Runnable>just(checks::readModelDone),
                        paymentCodesCreditedAgain(checks),
                        transfersWithUnequalSides(checks),
                        ledgerLines(checks),
                        ledgerLinesMissing(checks),
                        ledgerPending(checks))
                .publishOn(auditScheduler)
                .doOnNext(Runnable::run)
                .then(Mono.fromCallable(checks::report));
    }

    private Flux<Runnable> readModelWallets(Reconciliation checks) {
        record WalletRow(String walletId, String cabinetNumber, long balanceQepik) {
        }
        return KeysetPages.stream("", after -> db.sql("""
                        SELECT wallet_id, cabinet_number, balance_qepik FROM readmodel.wallet
                        WHERE wallet_id > :after ORDER BY wallet_id LIMIT :size""")
                        .bind("after", after)
                        .bind("size", KeysetPages.PAGE_SIZE)
                        .map((row, meta) -> new WalletRow(row.get("wallet_id", String.class),
                                row.get("cabinet_number", String.class), row.get("balance_qepik", Long.class)))
                        .all(), WalletRow::walletId)
                .map(row -> () -> checks.readModelWallet(row.walletId(), row.cabinetNumber(), row.balanceQepik()));
    }

    /**
     * Each payment code credits at most once: grouped in PostgreSQL, only the offending codes come back. The SQL reads
     * the stored cause in {@link MovementCause}'s wire form ({@code PAYMENT_CODE:<code>}); it stays SQL so that only
     * the offending codes, not every credit, leave the database.
     */
    private Flux<Runnable> paymentCodesCreditedAgain(Reconciliation checks) {
        return db.sql("""
                        SELECT c.cause, count(*) AS credits,
                               string_agg(c.wallet_id, ', ' ORDER BY c.wallet_id) AS wallets
                        FROM (SELECT e.aggregateidentifier AS wallet_id,
                                     convert_from(e.payload, 'UTF8')::jsonb ->> 'cause' AS cause
                              FROM domainevententry e WHERE e.payloadtype = :credited) c
                        WHERE c.cause LIKE 'PAYMENT!_CODE:%' ESCAPE '!'
                        GROUP BY c.cause HAVING count(*) > 1 ORDER BY c.cause""")
                .bind("credited", FundsCredited.class.getName())
                .map((row, meta) -> {
                    String cause = row.get("cause", String.class);
                    long credits = row.get("credits", Long.class);
                    String wallets = row.get("wallets", String.class);
                    return (Runnable) () -> checks.paymentCodeCreditedAgain(cause, credits, wallets);
                })
                .all();
    }

    /**
     * Each transfer is one debit (TRANSFER_OUT:token) and one credit (TRANSFER_IN:token) of the same amount. The SQL
     * splits the stored cause as {@link MovementCause#parse} does (kind before the first ':', reference after it),
     * in PostgreSQL so that only the offending transfers leave the database; the kinds' names are
     * {@link MovementCause.Kind}'s.
     */
    private Flux<Runnable> transfersWithUnequalSides(Reconciliation checks) {
        return db.sql("""
                        WITH movement AS (
                            SELECT split_part(p ->> 'cause', ':', 1) AS side,
                                   substr(p ->> 'cause', strpos(p ->> 'cause', ':') + 1) AS transfer_id,
                                   (p ->> 'amountQepik')::bigint AS amount
                            FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS p FROM domainevententry
                                  WHERE payloadtype = ANY(:types)) e
                            WHERE p ->> 'cause' LIKE 'TRANSFER!_%' ESCAPE '!')
                        SELECT transfer_id,
                               count(*) FILTER (WHERE side = 'TRANSFER_OUT') AS debits,
                               coalesce(sum(amount) FILTER (WHERE side = 'TRANSFER_OUT'), 0) AS debited,
                               count(*) FILTER (WHERE side = 'TRANSFER_IN') AS credits,
                               coalesce(sum(amount) FILTER (WHERE side = 'TRANSFER_IN'), 0) AS credited
                        FROM movement GROUP BY transfer_id
                        HAVING count(*) FILTER (WHERE side = 'TRANSFER_OUT') <> 1
                            OR count(*) FILTER (WHERE side = 'TRANSFER_IN') <> 1
                            OR sum(amount) FILTER (WHERE side = 'TRANSFER_OUT')
                               <> sum(amount) FILTER (WHERE side = 'TRANSFER_IN')
                        ORDER BY transfer_id""")
                .bind("types", MONEY_TYPES)
                .map((row, meta) -> {
                    String transferId = row.get("transfer_id", String.class);
                    long debits = row.get("debits", Long.class);
                    long debited = row.get("debited", Long.class);
                    long credits = row.get("credits", Long.class);
                    long credited = row.get("credited", Long.class);
                    return (Runnable) () -> checks.transferSidesDiffer(transferId, debits, debited, credits, credited);
                })
                .all();
    }

    /** The ledger in position order, each line with the event its global index names (if a money movement). */
    private Flux<Runnable> ledgerLines(Reconciliation checks) {
        record LedgerRow(LedgerLine line, String hash, long globalIndex, WalletEvent event) {
        }
        return KeysetPages.stream(0L, after -> db.sql("SELECT " + LedgerRows.COLUMNS + ", l.global_index, "
                        + WalletEvents.COLUMNS + " FROM readmodel.ledger_entry l LEFT JOIN domainevententry e"
                        + " ON e.globalindex = l.global_index AND e.payloadtype = ANY(:types)"
                        + " WHERE l.position > :after ORDER BY l.position LIMIT :size")
                        .bind("types", MONEY_TYPES)
                        .bind("after", after)
                        .bind("size", KeysetPages.PAGE_SIZE)
                        .map((row, meta) -> new LedgerRow(LedgerRows.line(row), row.get("hash", String.class),
                                row.get("global_index", Long.class),
                                row.get("globalindex", Long.class) == null ? null : WalletEvents.parse(row)))
                        .all(), (LedgerRow row) -> row.line().position())
                .map(row -> () -> checks.ledgerLine(row.line(), row.hash(), row.globalIndex(), row.event()));
    }

    /** Money movements the ledger has passed (older than its newest line) without writing a line for them. */
    private Flux<Runnable> ledgerLinesMissing(Reconciliation checks) {
        return db.sql("""
                        SELECT e.globalindex, e.aggregateidentifier FROM domainevententry e
                        WHERE e.payloadtype = ANY(:types)
                          AND e.globalindex < (SELECT coalesce(max(global_index), 0) FROM readmodel.ledger_entry)
                          AND NOT EXISTS (SELECT 1 FROM readmodel.ledger_entry l WHERE l.global_index = e.globalindex)
                        ORDER BY e.globalindex""")
                .bind("types", MONEY_TYPES)
                .map((row, meta) -> {
                    long globalIndex = row.get("globalindex", Long.class);
                    String walletId = row.get("aggregateidentifier", String.class);
                    return (Runnable) () -> checks.ledgerLineMissing(globalIndex, walletId);
                })
                .all();
    }

    /** Money movements newer than the ledger's newest line: the asynchronous ledger has not reached them yet. */
    private Mono<Runnable> ledgerPending(Reconciliation checks) {
        return db.sql("""
                        SELECT count(*) AS pending FROM domainevententry e WHERE e.payloadtype = ANY(:types)
                          AND e.globalindex > (SELECT coalesce(max(global_index), 0) FROM readmodel.ledger_entry)""")
                .bind("types", MONEY_TYPES)
                .map((row, meta) -> row.get("pending", Long.class))
                .one()
                .map(pending -> () -> checks.ledgerPending(pending));
    }
}
