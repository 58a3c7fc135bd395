-- Master's exam applications (SPEC.md §5). Application numbers: 6 digits from 100001, never reused.
CREATE SEQUENCE command.application_number_seq START WITH 100001 MINVALUE 100001 MAXVALUE 999999 NO CYCLE;

CREATE TABLE readmodel.exam_application (
    application_number  CHAR(6)      PRIMARY KEY,
    application_id      VARCHAR(96)  NOT NULL UNIQUE,
    session_id          VARCHAR(64)  NOT NULL,
    cabinet_id          VARCHAR(32)  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    started_at          TIMESTAMPTZ  NOT NULL,
    UNIQUE (session_id, cabinet_id)
);
