-- Each session's results kept in blocks of a hundred application numbers (the number divided by 100) rather than a
-- keyed row per result: an import of 100,000 results writes about 1,000 rows and keys instead of 100,000, which
-- was about half of the import's work. A block's `lines` holds each of its results as a newline and the result's
-- line (ExamResult.line(): `\n200001,455,300,755,2026-07-05,BAKU-01`), so a result is found by the text
-- `\n<number>,`, and a block written again (another file's results in it) is its old lines and its new ones.
-- `revisions` holds the revision of a corrected result only ({"200001": 2}); a result absent from it is at 1.
-- A block of a hundred lines is about 4 KB, over 2 KB once compressed: toast_tuple_target keeps it in its row rather
-- than in the TOAST table, so a read fetches one row, not a row and its TOAST chunks.
CREATE TABLE readmodel.exam_result_block (
    session_id  VARCHAR(64)  NOT NULL,
    block       INT          NOT NULL,
    lines       TEXT         COMPRESSION lz4 NOT NULL,
    revisions   JSONB,
    PRIMARY KEY (session_id, block)
) WITH (toast_tuple_target = 4080);

-- Nodes of the previous version may import while this runs (a rolling deploy): their rows wait for the move rather
-- than commit after its snapshot and be dropped with the table.
LOCK TABLE readmodel.exam_result IN SHARE ROW EXCLUSIVE MODE;

INSERT INTO readmodel.exam_result_block (session_id, block, lines, revisions)
SELECT session_id, application_number::int / 100,
       string_agg(E'\n' || application_number || ',' || array_to_string(scores_tenths, ',') || ',' || total_tenths
                  || ',' || to_char(exam_date, 'YYYY-MM-DD') || ',' || centre_code, '' ORDER BY application_number),
       jsonb_object_agg(application_number, revision) FILTER (WHERE revision > 1)
FROM readmodel.exam_result
GROUP BY session_id, application_number::int / 100;

DROP TABLE readmodel.exam_result;
