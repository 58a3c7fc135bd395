-- The personal cabinet (SPEC.md §3).

-- Set-based lookups for commands, written by a subscribing event handler in the same transaction as the
-- cabinet's events: registration id → cabinet, FIN / cabinet number → cabinet (login), phone owner.
CREATE TABLE command.cabinet_registry (
    cabinet_id       VARCHAR(32)  PRIMARY KEY,
    fin              CHAR(7)      NOT NULL UNIQUE,
    registration_id  VARCHAR(64)  UNIQUE,
    cabinet_number   CHAR(9)      UNIQUE,
    status           VARCHAR(16)  NOT NULL,
    mobile_phone     VARCHAR(16),
    phone_verified   BOOLEAN      NOT NULL DEFAULT FALSE,
    document_number  VARCHAR(16)  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

-- Cabinet numbers: 8-digit sequence values; the 9th digit is a Luhn check digit. A value is never reused.
CREATE SEQUENCE command.cabinet_number_seq START WITH 10000000 MINVALUE 10000000 MAXVALUE 99999999 NO CYCLE;

-- Password hashes (bcrypt), never in events or logs.
CREATE TABLE command.credential (
    cabinet_id     VARCHAR(32)  PRIMARY KEY,
    password_hash  VARCHAR(100) NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- One-time SMS codes, stored only as a hash: single use, 5 minutes, 5 wrong tries burn a code.
CREATE TABLE command.verification_code (
    id           BIGSERIAL    PRIMARY KEY,
    purpose      VARCHAR(32)  NOT NULL,
    subject      VARCHAR(64)  NOT NULL,
    phone        VARCHAR(16)  NOT NULL,
    code_hash    BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    closed_at    TIMESTAMPTZ
);
CREATE INDEX verification_code_by_subject ON command.verification_code (purpose, subject, created_at DESC);
CREATE INDEX verification_code_by_phone ON command.verification_code (phone, created_at DESC);

-- A phone change waiting for its code (the new number is not the cabinet's until verified).
CREATE TABLE command.pending_phone_change (
    cabinet_id    VARCHAR(32)  PRIMARY KEY,
    mobile_phone  VARCHAR(16)  NOT NULL,
    requested_at  TIMESTAMPTZ  NOT NULL
);

-- Failed logins per account and per client address, for throttling with short, growing blocks.
CREATE TABLE command.login_throttle (
    throttle_key     VARCHAR(128) PRIMARY KEY,
    failures         INTEGER      NOT NULL,
    window_started   TIMESTAMPTZ  NOT NULL,
    blocked_until    TIMESTAMPTZ
);

-- What a citizen sees of their cabinet (GET /api/me).
CREATE TABLE readmodel.cabinet_profile (
    cabinet_id          VARCHAR(32)  PRIMARY KEY,
    fin                 CHAR(7)      NOT NULL,
    cabinet_number      CHAR(9),
    status              VARCHAR(16)  NOT NULL,
    surname             VARCHAR(100) NOT NULL,
    name                VARCHAR(100) NOT NULL,
    patronymic          VARCHAR(100),
    birth_date          DATE         NOT NULL,
    gender              VARCHAR(8),
    citizenship         VARCHAR(100),
    registered_address  VARCHAR(300),
    document_series     VARCHAR(4)   NOT NULL,
    document_number     VARCHAR(12)  NOT NULL,
    document_issued_on  DATE,
    document_valid_until DATE,
    document_issued_by  VARCHAR(200),
    mobile_phone        VARCHAR(16),
    phone_verified      BOOLEAN      NOT NULL DEFAULT FALSE,
    email               VARCHAR(254),
    activated_at        TIMESTAMPTZ,
    last_event_sequence BIGINT       NOT NULL
);
CREATE UNIQUE INDEX cabinet_profile_by_number ON readmodel.cabinet_profile (cabinet_number);

-- Every document number a cabinet has had: payments made with any of them are the cabinet's (way 1).
CREATE TABLE readmodel.cabinet_document (
    cabinet_id       VARCHAR(32) NOT NULL,
    document_number  VARCHAR(16) NOT NULL,
    PRIMARY KEY (cabinet_id, document_number)
);
CREATE INDEX cabinet_document_by_number ON readmodel.cabinet_document (document_number);
