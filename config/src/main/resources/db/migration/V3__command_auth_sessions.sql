-- Command-side tables: state that must never be in events (credentials, sessions).
CREATE SCHEMA IF NOT EXISTS command;

-- Server-side sessions behind opaque Bearer tokens, so that logout and password changes can revoke them.
-- Only the SHA-256 of a token is stored: a leaked table does not let anyone in.
CREATE TABLE command.auth_session (
    token_hash    BYTEA        PRIMARY KEY,
    principal     VARCHAR(64)  NOT NULL,
    roles         VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_seen_at  TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ  NULL
);
CREATE INDEX auth_session_by_principal ON command.auth_session (principal) WHERE revoked_at IS NULL;
