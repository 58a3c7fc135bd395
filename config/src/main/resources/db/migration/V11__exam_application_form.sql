-- The application's sections (SPEC.md §5.3–5.6) as the form the citizen filled in, its confirmation and fee.
-- The form is one JSON document (codes and the names chosen with them); the problems list is computed from it
-- when read, never stored, so it is always current.
ALTER TABLE readmodel.exam_application
    ADD COLUMN form          JSONB        NOT NULL DEFAULT '{}',
    ADD COLUMN fee_qepik     BIGINT       CHECK (fee_qepik > 0),
    ADD COLUMN confirmed_at  TIMESTAMPTZ,
    ADD COLUMN updated_at    TIMESTAMPTZ,
    ADD CONSTRAINT exam_application_status CHECK (status IN ('DRAFT', 'CONFIRMED')),
    ADD CONSTRAINT exam_application_confirmed CHECK ((status = 'CONFIRMED') = (confirmed_at IS NOT NULL));
