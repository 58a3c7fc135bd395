-- The money account (SPEC.md §4). Written by a subscribing projection in the transaction that appends the
-- wallet's events: a 2xx answer's balance and a GET right after it always agree.
CREATE TABLE readmodel.wallet (
    wallet_id            VARCHAR(48)  PRIMARY KEY,
    cabinet_id           VARCHAR(32)  NOT NULL UNIQUE,
    cabinet_number       CHAR(9)      NOT NULL UNIQUE,
    currency             CHAR(3)      NOT NULL,
    balance_qepik        BIGINT       NOT NULL CHECK (balance_qepik >= 0),
    opened_at            TIMESTAMPTZ  NOT NULL,
    last_event_sequence  BIGINT       NOT NULL
);

-- "Hesaba əlavə edilmiş məbləğlər": credits, newest first.
CREATE TABLE readmodel.wallet_credit (
    wallet_id            VARCHAR(48)  NOT NULL,
    event_sequence       BIGINT       NOT NULL,
    kind                 VARCHAR(16)  NOT NULL,
    reference            VARCHAR(64)  NOT NULL,
    amount_qepik         BIGINT       NOT NULL CHECK (amount_qepik > 0),
    balance_after_qepik  BIGINT       NOT NULL,
    credited_at          TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (wallet_id, event_sequence)
);
CREATE INDEX wallet_credit_newest_first ON readmodel.wallet_credit (wallet_id, credited_at DESC, event_sequence DESC);

ALTER TABLE readmodel.provider_payment ADD COLUMN credited_to_wallet VARCHAR(48);
