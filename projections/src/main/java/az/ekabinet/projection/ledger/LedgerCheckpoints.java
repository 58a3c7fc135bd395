package az.ekabinet.projection.ledger;

import az.ekabinet.domain.ledger.Checkpoint;
import az.ekabinet.domain.ledger.NoteSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signs checkpoints of the ledger's Merkle tree (C2SP {@code tlog-checkpoint} in a signed note, {@link Checkpoint},
 * {@link NoteSigner}) and stores them: by the ledger's writer once {@code checkpoint-lines} lines were added since
 * the last checkpoint, in its transaction; and every {@code checkpoint-interval} on every node, when any line was
 * added since. A checkpoint of a given size is the same whoever signs it (the tree is, and Ed25519 signatures are
 * deterministic), so nodes signing at once store it once. The same timer appends the lines the ledger held back
 * ({@link #appendHeld()}) when no processor batch has.
 */
@Component
public class LedgerCheckpoints implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LedgerCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final NoteSigner signer;
    private final LedgerSettings settings;
    private final LedgerTree tree;
    private final TransactionTemplate transaction;

    public LedgerCheckpoints(JdbcTemplate jdbc, NoteSigner ledgerSigner, LedgerSettings settings,
                             PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.signer = ledgerSigner;
        this.settings = settings;
        this.tree = new LedgerTree(jdbc);
        this.transaction = new TransactionTemplate(transactions);
    }

    /** After the ledger's writer grew the tree to {@code size} lines with {@code root}, in its transaction. */
    void grown(long size, byte[] root) {
        if (size - latestSize() >= settings.checkpointLines()) {
            sign(size, root);
        }
    }

    /** Signs the tree as it is now if it grew since the latest checkpoint; the size signed, or 0 if none was due. */
    public long signIfGrown() {
        Long size = jdbc.queryForObject("SELECT max(position) FROM readmodel.ledger_entry", Long.class);
        if (size == null || size <= latestSize()) {
            return 0; // nothing new, or the ledger is being written again (reset) below its signed size
        }
        sign(size, tree.root(size));
        return size;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(() -> {
            try {
                appendHeld();
                signIfGrown();
            } catch (RuntimeException e) {
                log.warn("Could not sign a checkpoint of the ledger now; trying again in {}",
                        settings.checkpointInterval(), e);
            }
        }, settings.checkpointInterval());
    }

    /**
     * Appends the lines held back behind an event that has since committed or died, when no processor batch came to
     * do it ({@link LedgerWriter}).
     */
    public void appendHeld() {
        transaction.executeWithoutResult(status -> new LedgerWriter(jdbc, this).appendHeld());
    }

    private long latestSize() {
        Long latest = jdbc.queryForObject("SELECT max(tree_size) FROM readmodel.ledger_checkpoint", Long.class);
        return latest == null ? 0 : latest;
    }

    private void sign(long size, byte[] root) {
        String note = signer.sign(new Checkpoint(signer.name(), size, root).body());
        jdbc.update("""
                INSERT INTO readmodel.ledger_checkpoint (tree_size, root_hash, note, signed_at)
                VALUES (?, ?, ?, now()) ON CONFLICT (tree_size) DO NOTHING""", size, root, note);
    }
}
