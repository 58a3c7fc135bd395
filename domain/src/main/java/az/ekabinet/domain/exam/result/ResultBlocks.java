package az.ekabinet.domain.exam.result;

/**
 * How the results read model keeps a session's results: in blocks of a hundred application numbers, each block one
 * text of its results' {@linkplain ExamResult#line() lines}, every line after a newline
 * ({@code \n200001,455,300,755,2026-07-05,BAKU-01\n200002,…}). A result is found by the text {@code \n<number>,}.
 * An import of 100,000 results then writes about a thousand rows rather than 100,000 keyed ones.
 */
public final class ResultBlocks {

    public static final int NUMBERS_PER_BLOCK = 100;
    private static final char LINE_START = '\n';

    private ResultBlocks() {
    }

    /** The block an application number's result is kept in. */
    public static int blockOf(String applicationNumber) {
        return Integer.parseInt(applicationNumber) / NUMBERS_PER_BLOCK;
    }

    /** Appends {@code result} to a block's lines. */
    public static StringBuilder append(StringBuilder lines, ExamResult result) {
        return lines.append(LINE_START).append(result.line());
    }

    /**
     * A block's lines with {@code result} in place of its number's line, or added after the others when the block has
     * no line of its number.
     */
    public static String withResult(String lines, ExamResult result) {
        String start = LINE_START + result.applicationNumber() + ',';
        int from = lines.indexOf(start);
        if (from < 0) {
            return lines + LINE_START + result.line();
        }
        int to = lines.indexOf(LINE_START, from + 1);
        return lines.substring(0, from) + LINE_START + result.line() + (to < 0 ? "" : lines.substring(to));
    }

    /** The result whose line is {@code applicationNumber} followed by {@code rest}: what follows the number's comma. */
    public static ExamResult result(String applicationNumber, String rest) {
        return ExamResult.ofLine(applicationNumber + ',' + rest);
    }
}
