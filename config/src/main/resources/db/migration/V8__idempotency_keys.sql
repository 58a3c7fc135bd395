-- Idempotency-Key on money-moving POSTs: the first answer, replayed for a retry with the same key and body.
CREATE TABLE command.idempotency_key (
    principal        VARCHAR(64)  NOT NULL,
    idempotency_key  VARCHAR(100) NOT NULL,
    request_hash     BYTEA        NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    response_status  INTEGER,
    content_type     VARCHAR(100),
    response_body    BYTEA,
    created_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_key_by_age ON command.idempotency_key (created_at);
