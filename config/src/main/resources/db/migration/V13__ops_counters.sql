-- Totals the operators' dashboard shows (SPEC.md §6), kept by the ops-counters streaming processor: one row,
-- updated in the processor's transaction together with its token, so each event counts exactly once.
CREATE TABLE readmodel.ops_counters (
    id                        SMALLINT PRIMARY KEY CHECK (id = 1),
    cabinets_opened           BIGINT NOT NULL DEFAULT 0,
    payments_received         BIGINT NOT NULL DEFAULT 0,
    payments_received_qepik   BIGINT NOT NULL DEFAULT 0,
    payments_credited         BIGINT NOT NULL DEFAULT 0,
    payments_credited_qepik   BIGINT NOT NULL DEFAULT 0,
    fees_charged              BIGINT NOT NULL DEFAULT 0,
    fees_charged_qepik        BIGINT NOT NULL DEFAULT 0,
    applications_confirmed    BIGINT NOT NULL DEFAULT 0
);
INSERT INTO readmodel.ops_counters (id) VALUES (1);
