package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.WalletOpened;
import az.ekabinet.projection.plumbing.CopyText;
import az.ekabinet.projection.plumbing.ProjectionRebuild;
import az.ekabinet.projection.plumbing.RebuiltTable;
import az.ekabinet.projection.plumbing.StoredPayloads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;
import org.postgresql.PGStatement;
import org.postgresql.copy.CopyIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the auditors' ledger from the event store in bulk, for the administrators' replay: the same lines, in
 * global-index order, as the ledger's processor writes when its tokens are reset ({@link LedgerMovement},
 * {@link LedgerChain}), at a fraction of the cost. The processor handles each event in a unit of work of its own
 * through Axon's interceptors and handler resolution, about 55 µs an event on the benchmark's machine; here the
 * ledger's events are read with one cursor, their stored payloads deserialized by the event serializer's mapper
 * ({@link StoredPayloads}) and the lines written with one COPY. That reads the events as the processor does only
 * while no upcaster is registered; otherwise the rebuild is not {@linkplain #available() available} and the
 * administrators' replay resets the processor's tokens instead.
 *
 * <p><b>What it covers.</b> Exactly what the processor's token says was handled: every event up to the token's
 * index that is not one of its gaps; what is above a gap not settled yet is held back, as the processor's writer
 * holds it ({@link LedgerWriter}). The processor is shut down meanwhile, and its token row is locked for the whole
 * rebuild so that no other node's processor writes lines the swap would drop. The token is left as it was; once
 * started again, the processor appends the events that commit later (gaps, new events) after the rebuilt lines.
 *
 * <p><b>Signed checkpoints.</b> The rebuilt lines make the same Merkle tree as the processor's, and must meet every
 * signed checkpoint they reach ({@link LedgerChain}); a rebuild that would contradict one (the events handled in
 * another order than was signed) fails and changes nothing.
 *
 * <p><b>All or nothing.</b> The lines go into a copy of the ledger's tables, swapped in at the end
 * ({@link RebuiltTable}), all in one transaction: auditors read the old ledger until the commit, and a failure leaves
 * it as it was.
 */
@Component
public class LedgerRebuild implements ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(LedgerRebuild.class);

    /** Events read per round trip. */
    private static final int CHUNK = 5_000;
    /**
     * Characters of COPY text sent per write: a piece of a few hundred lines, whose text and bytes stay well below
     * G1's humongous size (half a region: 512 KiB in the node's 512 MiB heap). Sent per chunk of 5,000 lines, each
     * piece was three humongous arrays, and each of those started a garbage collection.
     */
    private static final int COPY_WRITE_CHARS = 64 * 1024;

    /** The events the ledger is made of (those {@link LedgerProjector} handles). */
    private static final List<Class<?>> EVENTS = List.of(WalletOpened.class, FundsCredited.class, FundsDebited.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final TokenStore tokens;
    private final Serializer eventSerializer;
    private final ObjectProvider<Configuration> axon;

    public LedgerRebuild(JdbcTemplate jdbc, PlatformTransactionManager transactions, TokenStore tokens,
                         @Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<Configuration> axon) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.transaction = new TransactionTemplate(transactions);
        this.tokens = tokens;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    @Override
    public String processingGroup() {
        return LedgerProjector.PROCESSING_GROUP;
    }

    @Override
    public boolean available() {
        return payloads().isPresent();
    }

    private Optional<StoredPayloads> payloads() {
        return StoredPayloads.of(eventSerializer, axon.getObject().upcasterChain(), EVENTS);
    }

    @Override
    public long rebuild() {
        StoredPayloads payloads = payloads().orElseThrow(() ->
                new IllegalStateException("the ledger's events cannot be read as stored: replay its processor"));
        return transaction.execute(status -> {
            long started = System.nanoTime();
            LedgerWriter.lock(jdbc);
            GapAwareTrackingToken handled = handledUpTo();
            RebuiltTable lines = new RebuiltTable(jdbc, "readmodel", "ledger_entry");
            RebuiltTable wallets = new RebuiltTable(jdbc, "readmodel", "ledger_wallet");
            RebuiltTable held = new RebuiltTable(jdbc, "readmodel", "ledger_held");
            Map<String, String> cabinets = new LinkedHashMap<>();
            List<Moved> heldBack = new ArrayList<>();
            // before the COPY, on the same connection: the checkpoints to meet, and where the handled events stop being
            // settled (what the processor handled above it waits, as its writer would have it wait)
            Map<Long, byte[]> signedRoots = new LedgerTree(jdbc).signedRoots(0, Long.MAX_VALUE);
            long unsettled = handled == null ? Long.MAX_VALUE : LedgerWriter.firstUnsettledGap(jdbc, handled.getGaps(),
                    jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM readmodel.ledger_entry", Long.class));
            long written = jdbc.execute((ConnectionCallback<Long>) writer ->
                    copyLines(writer, lines, handled, payloads, cabinets, heldBack, signedRoots, unsettled));
            StringBuilder heldRows = new StringBuilder(heldBack.size() * 200);
            for (Moved moved : heldBack) {
                LedgerMovement m = moved.movement();
                CopyText.appendRow(heldRows, moved.globalIndex(), m.walletId(), m.type().name(), m.amountQepik(),
                        m.balanceAfterQepik(), m.cause(), m.occurredAt(), "now");
            }
            CopyText.load(jdbc, "COPY " + held.name() + " (global_index, wallet_id, type, amount_qepik, "
                    + "balance_after_qepik, cause, occurred_at, seen_at) FROM STDIN", heldRows);
            StringBuilder walletRows = new StringBuilder(cabinets.size() * 64);
            cabinets.forEach((wallet, cabinet) -> CopyText.appendRow(walletRows, wallet, cabinet));
            CopyText.load(jdbc, "COPY " + wallets.name() + " (wallet_id, cabinet_number) FROM STDIN", walletRows);
            long copied = System.nanoTime();
            lines.index();
            wallets.index();
            held.index();
            long indexed = System.nanoTime();
            lines.swap();
            wallets.swap();
            held.swap();
            tokens.releaseClaim(processingGroup(), 0);
            log.info("Ledger rebuilt up to global index {}: {} lines of {} wallets written in {} ms, indexed in {} ms",
                    handled == null ? 0 : handled.getIndex(), written, cabinets.size(), (copied - started) / 1_000_000,
                    (indexed - copied) / 1_000_000);
            return written;
        });
    }

    /**
     * The processor's token, claimed and its row locked until this transaction ends (the processor is shut down; a
     * processor on another node holding it makes the claim, and the rebuild, fail). {@code null} if nothing was
     * handled yet.
     */
    private GapAwareTrackingToken handledUpTo() {
        TrackingToken token = tokens.fetchToken(processingGroup(), 0);
        if (token instanceof ReplayToken replay) { // an earlier reset still being replayed: where it has got to
            token = replay.getCurrentToken();
        }
        if (token != null && !(token instanceof GapAwareTrackingToken)) {
            throw new IllegalStateException("the ledger's token is not a JDBC event store's token: " + token);
        }
        return (GapAwareTrackingToken) token;
    }

    /**
     * Two threads, one handing chunks of {@link #CHUNK} to the other: one reads the handled events on a connection
     * of its own and deserializes them, this one chains the lines and sends them to the COPY. One after the other,
     * the machine sat idle a third of the time. (A third thread, reading apart from deserializing, measured slower on
     * two cores.)
     */
    private long copyLines(Connection writer, RebuiltTable lines, GapAwareTrackingToken handled,
                           StoredPayloads payloads, Map<String, String> cabinets, List<Moved> heldBack,
                           Map<Long, byte[]> signedRoots, long unsettled) throws SQLException {
        if (handled == null) {
            return 0;
        }
        CopyIn copy = writer.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + lines.name() + " (" + LedgerChain.COLUMNS + ") FROM STDIN");
        Handoff<List<Read>> deserialized = new Handoff<>();
        ExecutorService reading =
                Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "ledger-rebuild-read"));
        try {
            Future<?> read = reading.submit(() -> {
                read(handled, payloads, deserialized);
                return null;
            });
            LedgerChain chain = LedgerChain.empty(signedRoots);
            StringBuilder text = new StringBuilder(COPY_WRITE_CHARS + 1024);
            for (List<Read> chunk = deserialized.take(); chunk != null; chunk = deserialized.take()) {
                for (Read event : chunk) {
                    if (event instanceof Opened opened) {
                        cabinets.putIfAbsent(opened.walletId(), opened.cabinetNumber());
                    } else if (event instanceof Moved moved && moved.globalIndex() > unsettled) {
                        heldBack.add(moved);
                    } else if (event instanceof Moved moved) {
                        String cabinetNumber = cabinets.get(moved.movement().walletId());
                        if (cabinetNumber == null) {
                            throw new IllegalStateException("money moved in a wallet that was never opened: "
                                    + moved.movement().walletId());
                        }
                        chain.append(moved.globalIndex(), moved.movement(), cabinetNumber, text);
                        if (text.length() >= COPY_WRITE_CHARS) {
                            send(text, copy);
                        }
                    }
                }
            }
            send(text, copy);
            read.get(); // its failure, if it failed
            copy.endCopy();
            return chain.position();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rebuilding the ledger", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the events for the ledger failed", e.getCause());
        } finally {
            deserialized.stop();
            reading.shutdownNow();
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Sends the COPY text made so far, and empties it. */
    private static void send(StringBuilder text, CopyIn copy) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** What the ledger takes from an event, in global-index order. */
    private sealed interface Read {
    }

    private record Opened(String walletId, String cabinetNumber) implements Read {
    }

    private record Moved(long globalIndex, LedgerMovement movement) implements Read {
    }

    /**
     * The ledger's events the token covers, read with one cursor ({@link #CHUNK} rows a round trip) and their
     * payloads deserialized as stored ({@link StoredPayloads}): only the columns and the event types the ledger uses
     * cross the wire.
     */
    private void read(GapAwareTrackingToken handled, StoredPayloads payloads, Handoff<List<Read>> deserialized)
            throws SQLException, IOException {
        Set<Long> gaps = handled.getGaps();
        List<Read> chunk = new ArrayList<>(CHUNK);
        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false); // a cursor: the driver fetches CHUNK rows at a time
            try (PreparedStatement statement = reader.prepareStatement("""
                    SELECT globalindex, eventidentifier, payloadtype, payload FROM domainevententry
                    WHERE globalindex <= ? AND payloadtype = ANY(?) ORDER BY globalindex""")) {
                statement.setFetchSize(CHUNK);
                // binary results: the payloads arrive as bytes, not as hex text the driver decodes (in the profile)
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                statement.setLong(1, handled.getIndex());
                statement.setArray(2, reader.createArrayOf("text", payloads.typeNames()));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long globalIndex = rs.getLong(1);
                        if (gaps.contains(globalIndex)) {
                            continue; // committed after the processor passed it: it will handle it when started
                        }
                        chunk.add(ledgerRead(globalIndex, rs.getString(2), payloads.read(rs.getString(3), rs.getBytes(4))));
                        if (chunk.size() == CHUNK) {
                            if (!deserialized.put(chunk)) {
                                return;
                            }
                            chunk = new ArrayList<>(CHUNK);
                        }
                    }
                }
            }
            reader.rollback();
            if (!chunk.isEmpty()) {
                deserialized.put(chunk);
            }
        } finally {
            deserialized.end();
        }
    }

    /** What the ledger takes from one of its events. */
    private static Read ledgerRead(long globalIndex, String eventId, Object payload) {
        if (payload instanceof WalletOpened opened) {
            return new Opened(opened.walletId(), opened.cabinetNumber());
        }
        if (payload instanceof FundsCredited credited) {
            return new Moved(globalIndex, LedgerMovement.of(credited, eventId));
        }
        return new Moved(globalIndex, LedgerMovement.of((FundsDebited) payload, eventId));
    }

    /**
     * A bounded hand-over between the two threads: the receiver waits for the next item or the end; the
     * sender waits while the receiver is behind, and gives up once the rebuild has stopped.
     */
    private static final class Handoff<T> {

        private static final Object END = new Object();

        private final BlockingQueue<Object> items = new ArrayBlockingQueue<>(4);
        private volatile boolean stopped;

        /** {@code false} if the rebuild was stopped (the item is dropped). */
        boolean put(T item) {
            try {
                while (!stopped) {
                    if (items.offer(item, 100, TimeUnit.MILLISECONDS)) {
                        return true;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        /** No more items: sent also when the sender failed, so that the receiver never waits for ever. */
        @SuppressWarnings("unchecked")
        void end() {
            put((T) END);
        }

        /** The next item, or {@code null} at the end. */
        @SuppressWarnings("unchecked")
        T take() throws InterruptedException {
            Object item = items.take();
            return item == END ? null : (T) item;
        }

        void stop() {
            stopped = true;
        }
    }
}
