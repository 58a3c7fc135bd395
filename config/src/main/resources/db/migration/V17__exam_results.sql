-- Exam results: each session's result sheet and publication instant, and each applicant's result, as imported.
CREATE TABLE readmodel.result_sheet (
    session_id             VARCHAR(64)  PRIMARY KEY,
    sheet                  JSONB        NOT NULL,   -- {subjects: [{code, nameAz, nameEn, maxScoreTenths}], passThresholdTenths}
    publish_at             TIMESTAMPTZ,             -- visible to applicants from this instant; null: not set yet
    defined_at             TIMESTAMPTZ  NOT NULL
);

-- Scores in tenths of a point (exact, as money in qəpik); revision counts the result's versions (1, then one more
-- per correction) and makes its strong ETag. Read by application number only: no other index to keep up at import.
CREATE TABLE readmodel.exam_result (
    application_number  CHAR(6)      PRIMARY KEY,
    session_id          VARCHAR(64)  NOT NULL,
    scores_tenths       INT[]        NOT NULL,
    total_tenths        INT          NOT NULL CHECK (total_tenths >= 0),
    exam_date           DATE         NOT NULL,
    centre_code         VARCHAR(16)  NOT NULL,
    revision            INT          NOT NULL CHECK (revision >= 1),
    recorded_at         TIMESTAMPTZ  NOT NULL
);

ALTER TABLE readmodel.ops_counters
    ADD COLUMN results_imported   BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN results_corrected  BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN results_published  BIGINT NOT NULL DEFAULT 0;
