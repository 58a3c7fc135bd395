-- Read models live in their own schema; projections write them in the processor's transaction.
CREATE SCHEMA IF NOT EXISTS readmodel;

-- Every payment code a provider notified us of.
CREATE TABLE readmodel.provider_payment (
    payment_code          VARCHAR(20)  PRIMARY KEY,
    amount_qepik          BIGINT       NOT NULL CHECK (amount_qepik > 0),
    payer_document_number VARCHAR(16)  NOT NULL,
    paid_at               TIMESTAMPTZ  NOT NULL,
    provider              VARCHAR(64)  NOT NULL,
    received_at           TIMESTAMPTZ  NOT NULL,
    credited_at           TIMESTAMPTZ  NULL
);
-- "Payments made with my document that nobody has credited yet" (the cabinet's way 1).
CREATE INDEX provider_payment_pending_by_payer
    ON readmodel.provider_payment (payer_document_number, paid_at DESC) WHERE credited_at IS NULL;
