-- Transfers between cabinets (SPEC.md §4.6) and the usage history (§4.5).

-- The recipient's name as a sender may see it in a transfer preview ("Məmmədov E. Ə."): nothing more.
ALTER TABLE command.cabinet_registry ADD COLUMN masked_name VARCHAR(120);

-- Transfers as the histories show them (who the other side was).
CREATE TABLE readmodel.transfer (
    transfer_id          VARCHAR(48)  PRIMARY KEY,
    from_wallet_id       VARCHAR(48)  NOT NULL,
    to_wallet_id         VARCHAR(48)  NOT NULL,
    to_cabinet_number    CHAR(9)      NOT NULL,
    amount_qepik         BIGINT       NOT NULL CHECK (amount_qepik > 0),
    status               VARCHAR(24)  NOT NULL,
    prepared_at          TIMESTAMPTZ  NOT NULL,
    expires_at           TIMESTAMPTZ  NOT NULL,
    completed_at         TIMESTAMPTZ
);

-- "Hesabdan istifadələr": debits, newest first.
CREATE TABLE readmodel.wallet_debit (
    wallet_id                   VARCHAR(48)  NOT NULL,
    event_sequence              BIGINT       NOT NULL,
    kind                        VARCHAR(16)  NOT NULL,
    reference                   VARCHAR(64)  NOT NULL,
    counterparty_cabinet_number CHAR(9),
    amount_qepik                BIGINT       NOT NULL CHECK (amount_qepik > 0),
    balance_after_qepik         BIGINT       NOT NULL CHECK (balance_after_qepik >= 0),
    debited_at                  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (wallet_id, event_sequence)
);
CREATE INDEX wallet_debit_newest_first ON readmodel.wallet_debit (wallet_id, debited_at DESC, event_sequence DESC);

ALTER TABLE readmodel.wallet_credit ADD COLUMN counterparty_cabinet_number CHAR(9);
