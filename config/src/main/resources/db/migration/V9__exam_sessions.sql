-- Exam sessions citizens apply to (SPEC.md §5.1).
CREATE TABLE readmodel.exam_session (
    session_id     VARCHAR(64)  PRIMARY KEY,
    title          VARCHAR(200) NOT NULL,
    academic_year  CHAR(9)      NOT NULL,
    attempt        SMALLINT     NOT NULL CHECK (attempt IN (1, 2)),
    fee_qepik      BIGINT       NOT NULL CHECK (fee_qepik > 0),
    opens_at       TIMESTAMPTZ  NOT NULL,
    deadline       TIMESTAMPTZ  NOT NULL,
    published_at   TIMESTAMPTZ  NOT NULL
);
