package az.ekabinet.domain.exam.result;

/** Why a line of a scoring file was rejected; a rejected line changes nothing. */
public enum ResultLineProblem {
    /** Not as many values as the header has columns. */
    COLUMN_COUNT,
    /** The application number is not six digits. */
    APPLICATION_NUMBER_FORMAT,
    /** A score or the total is not a number with at most one decimal. */
    SCORE_FORMAT,
    /** The exam date is not a date (YYYY-MM-DD). */
    EXAM_DATE_FORMAT,
    /** The exam centre's code is not 1 to 16 Latin capitals, digits or hyphens. */
    CENTRE_CODE_FORMAT,
    /** An application number already given on an earlier line of the same file. */
    DUPLICATE_LINE,
    /** No application has this number. */
    APPLICATION_UNKNOWN,
    /** The application was never confirmed: it took no part in the exam. */
    APPLICATION_NOT_CONFIRMED,
    /** The application belongs to another exam session. */
    APPLICATION_OF_OTHER_SESSION,
    /** A subject's score is above the subject's maximum. */
    SCORE_ABOVE_MAXIMUM,
    /** The total is not the sum of the scores. */
    TOTAL_NOT_SUM,
    /** The file cannot be read on from this line (a quote never closed): the rest of it was not read. */
    FILE_UNREADABLE
}
