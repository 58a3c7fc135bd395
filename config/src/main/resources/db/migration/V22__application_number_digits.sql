-- An application number is six digits (command.application_number_seq: 100001-999999). The results import reads the
-- numbers of a span of them as integers, so a row that held anything else would stop every import over its span.
ALTER TABLE readmodel.exam_application
    ADD CONSTRAINT exam_application_number_digits CHECK (application_number ~ '^[0-9]{6}$');
