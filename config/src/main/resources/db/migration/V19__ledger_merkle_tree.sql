-- The ledger's Merkle tree (RFC 6962) and its signed checkpoints (docs/audit.md).
--
-- Each line stores the hashes of the inner tree nodes it completes: when it closes a perfect subtree, that subtree's
-- root, level by level from level 1 (a line at an odd position closes none). The node at (level k ≥ 1, index j) is
-- thus the k-th hash of the line at position (j + 1) * 2^k, and a leaf's hash is made from its line: any node is one
-- index lookup, the tree grows in the ledger's own COPY, and a reset or a rebuild of the ledger rebuilds its tree
-- with it. Lines written before this column existed have none, so the ledger is cleared and its processor's token
-- removed: the processor writes every line again, with its tree, from the event store when the node starts.
TRUNCATE readmodel.ledger_entry, readmodel.ledger_wallet;
DELETE FROM tokenentry WHERE processorname = 'ledger';
ALTER TABLE readmodel.ledger_entry ADD COLUMN tree_hashes BYTEA NOT NULL;

-- Lines the ledger holds back: events handled while an event with a lower global index may still commit (its
-- transaction is still open). The ledger appends strictly in global-index order, so that a replay or a rebuild writes
-- the very same lines, positions, hashes and tree, and a signed checkpoint stays true. seen_at: when the writer
-- handled the event; a missing index below it is dead once no transaction older than that is still open.
CREATE TABLE readmodel.ledger_held (
    global_index         BIGINT       PRIMARY KEY,
    wallet_id            VARCHAR(48)  NOT NULL,
    type                 VARCHAR(6)   NOT NULL,
    amount_qepik         BIGINT       NOT NULL,
    balance_after_qepik  BIGINT       NOT NULL,
    cause                VARCHAR(255) NOT NULL,
    occurred_at          VARCHAR(32)  NOT NULL,           -- the line's text of the instant
    seen_at              TIMESTAMPTZ  NOT NULL
);

-- Signed checkpoints of the tree (C2SP tlog-checkpoint in a C2SP signed note), one per tree size. They are public
-- commitments: a reset or a rebuild of the ledger keeps them, and the ledger's writers refuse to write a tree that
-- disagrees with one.
CREATE TABLE readmodel.ledger_checkpoint (
    tree_size   BIGINT       PRIMARY KEY,
    root_hash   BYTEA        NOT NULL,
    note        TEXT         NOT NULL,          -- the signed note exactly as served
    signed_at   TIMESTAMPTZ  NOT NULL
);

-- The signing key the demo profile made for itself at its first start (one for all nodes). Production configures its
-- key (ekabinet.ledger.signing-key) and never writes here.
CREATE TABLE command.ledger_demo_signing_key (
    origin      VARCHAR(255) PRIMARY KEY,
    signer_key  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
