-- SMS messages the outbox adapter (ekabinet.sms.mode=outbox, the demo default) stored instead of sending them;
-- the demo profile reads them back at GET /api/dev/sms-outbox. A production gateway never writes here.
CREATE SCHEMA IF NOT EXISTS command;

CREATE TABLE command.sms_outbox (
    id       BIGSERIAL    PRIMARY KEY,
    phone    VARCHAR(16)  NOT NULL,   -- E.164
    text     VARCHAR(480) NOT NULL,
    sent_at  TIMESTAMPTZ  NOT NULL
);
-- "The latest messages to this number", newest first.
CREATE INDEX sms_outbox_by_phone ON command.sms_outbox (phone, sent_at DESC);
