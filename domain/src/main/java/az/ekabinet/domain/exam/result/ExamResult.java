package az.ekabinet.domain.exam.result;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One applicant's result as the scoring system hands it over: a score per subject of the sheet (in the sheet's
 * order, in tenths), the total, the exam date and the exam centre's code.
 *
 * <p>Stored as its {@linkplain #line() line}, the scoring file's own columns in tenths: an event of a part of a file
 * holds thousands of them, and as objects their names outweighed their values.
 */
public record ExamResult(String applicationNumber, List<Integer> scoresTenths, int totalTenths, LocalDate examDate,
                         String centreCode) {

    private static final char SEPARATOR = ',';

    public ExamResult {
        Objects.requireNonNull(applicationNumber);
        scoresTenths = List.copyOf(scoresTenths);
        Objects.requireNonNull(examDate);
        Objects.requireNonNull(centreCode);
        if (applicationNumber.indexOf(SEPARATOR) >= 0 || centreCode.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a number or centre code with a comma cannot be told from its line");
        }
    }

    /**
     * The result in one line: {@code number,score…,total,date,centre}, scores and total in tenths, the date as
     * {@code YYYY-MM-DD} ({@code 200001,455,300,755,2026-07-05,BAKU-01}). Two results are equal exactly when their
     * lines are.
     */
    public String line() {
        var line = new StringBuilder(32 + 6 * scoresTenths.size()).append(applicationNumber);
        for (Integer score : scoresTenths) {
            line.append(SEPARATOR).append(score.intValue());
        }
        return line.append(SEPARATOR).append(totalTenths).append(SEPARATOR).append(examDate).append(SEPARATOR)
                .append(centreCode).toString();
    }

    /** The result a {@linkplain #line() line} gives. */
    public static ExamResult ofLine(String line) {
        var values = new ArrayList<String>(8);
        int from = 0;
        for (int at = line.indexOf(SEPARATOR); at >= 0; at = line.indexOf(SEPARATOR, from)) {
            values.add(line.substring(from, at));
            from = at + 1;
        }
        values.add(line.substring(from));
        int last = values.size() - 1;
        if (last < 4) {
            throw new IllegalArgumentException("a result's line has a number, a score at least, a total, a date "
                    + "and a centre: " + line);
        }
        var scores = new ArrayList<Integer>(last - 3);
        for (int i = 1; i < last - 2; i++) {
            scores.add(Integer.parseInt(values.get(i)));
        }
        return new ExamResult(values.get(0), scores, Integer.parseInt(values.get(last - 2)),
                LocalDate.parse(values.get(last - 1)), values.get(last));
    }
}
