-- The auditors' ledger (SPEC.md §6–7): every wallet movement, in the order the ledger's one writer (a streaming
-- processor with a single segment) appended it, each line hash-chained to the one before. Written by
-- LedgerProjector in the processor's transaction together with its token; cleared and rebuilt by a replay.
CREATE TABLE readmodel.ledger_entry (
    position             BIGINT       PRIMARY KEY,            -- 1, 2, 3, … without gaps: the ledger's own order
    global_index         BIGINT       NOT NULL UNIQUE,        -- the event's domainevententry.globalindex
    wallet_id            VARCHAR(48)  NOT NULL,
    cabinet_number       CHAR(9)      NOT NULL,
    type                 VARCHAR(6)   NOT NULL CHECK (type IN ('CREDIT', 'DEBIT')),
    amount_qepik         BIGINT       NOT NULL,
    balance_after_qepik  BIGINT       NOT NULL,
    cause                VARCHAR(255) NOT NULL,
    occurred_at          VARCHAR(32)  NOT NULL,               -- exactly the text that was hashed and is shown
    hash                 CHAR(64)     NOT NULL
);

-- Wallet → cabinet number, from WalletOpened: the ledger needs no other read model to name a line's cabinet.
CREATE TABLE readmodel.ledger_wallet (
    wallet_id       VARCHAR(48)  PRIMARY KEY,
    cabinet_number  CHAR(9)      NOT NULL
);
