package az.ekabinet.command.exam.result;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultLineProblem;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.InvalidValueException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a scoring file line by line, never whole: UTF-8 CSV with a header row
 * {@code application_number,<subject codes in the sheet's order>,total,exam_date,centre_code} and one applicant per
 * line. Each line becomes a result or the problem that rejects it, as far as the file alone can tell (its format,
 * and a number given twice); whether the numbers are applications of the session, and the sheet's own rules, are
 * checked next by the caller and the aggregate.
 *
 * <p>One instance reads one file (it remembers the numbers seen, to reject a repeat); not thread-safe.
 */
final class ScoringFile implements AutoCloseable {

    static final String NUMBER = "application_number";
    static final String TOTAL = "total";
    static final String EXAM_DATE = "exam_date";
    static final String CENTRE = "centre_code";
    /** The file's own columns, which no subject's code may be. */
    static final Set<String> RESERVED_COLUMNS = Set.of(NUMBER, TOTAL, EXAM_DATE, CENTRE);

    private static final CsvMapper CSV = new CsvMapper();

    /** One line of the file: its number (the header is line 1) and its result, or why it is rejected. */
    record Line(long lineNumber, ExamResult result, ResultLineProblem problem) {
    }

    private final ResultSheet sheet;
    private final CsvParser parser;
    /** The numbers read so far, a bit per six-digit number: the same 122 KiB however long the file. */
    private final BitSet numbersSeen = new BitSet(1_000_000);
    private long lastLine = 1;
    private boolean unreadable;

    /** Opens the file and checks its header: a wrong header is refused before any line is read. */
    ScoringFile(ResultSheet sheet, InputStream utf8) {
        this.sheet = sheet;
        // bytes that are not UTF-8 become U+FFFD, which no value's format admits: their line alone is rejected
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            parser = (CsvParser) CSV.getFactory().createParser(new InputStreamReader(utf8, decoder));
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            List<String> header = parser.nextToken() == JsonToken.START_ARRAY ? nextRow() : null;
            if (header == null || !normalized(header).equals(normalized(columns(sheet)))) {
                throw new DomainException(ErrorCode.RESULT_FILE_HEADER_INVALID,
                        Map.of("expectedHeader", String.join(",", columns(sheet))));
            }
        } catch (IOException e) {
            throw new DomainException(ErrorCode.RESULT_FILE_HEADER_INVALID,
                    Map.of("expectedHeader", String.join(",", columns(sheet))));
        }
    }

    /** The header a file for this sheet has. */
    static List<String> columns(ResultSheet sheet) {
        var columns = new ArrayList<String>();
        columns.add(NUMBER);
        sheet.subjects().stream().map(ResultSubject::code).forEach(columns::add);
        columns.addAll(List.of(TOTAL, EXAM_DATE, CENTRE));
        return columns;
    }

    /** The file's lines, read as they are consumed; blank lines are skipped. */
    Stream<Line> lines() {
        return Stream.generate(this::next).takeWhile(line -> line != null);
    }

    private Line next() {
        if (unreadable) {
            return null;
        }
        try {
            List<String> row = nextRow();
            while (row != null && row.size() == 1 && row.get(0).isEmpty()) {
                row = nextRow();
            }
            return row == null ? null : line(lastLine, row);
        } catch (IOException | RuntimeException e) {
            // broken quoting: the rest of the file cannot be told apart into lines
            unreadable = true;
            return new Line(lastLine + 1, null, ResultLineProblem.FILE_UNREADABLE);
        }
    }

    /** The next row's values, or null at the end of the file; {@link #lastLine} becomes the row's first line. */
    private List<String> nextRow() throws IOException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        var values = new ArrayList<String>();
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("the file ends inside a line");
            }
            if (values.isEmpty()) {
                lastLine = parser.currentTokenLocation().getLineNr();
            }
            values.add(parser.getText().strip()); // spaces around a value are a spreadsheet's, not the value's
        }
        return values;
    }

    private Line line(long number, List<String> values) {
        int subjects = sheet.subjects().size();
        if (values.size() != subjects + 4) {
            return new Line(number, null, ResultLineProblem.COLUMN_COUNT);
        }
        String applicationNumber = values.get(0);
        if (applicationNumber.length() != 6 || !allOf(applicationNumber, ScoringFile::isDigit)) {
            return new Line(number, null, ResultLineProblem.APPLICATION_NUMBER_FORMAT);
        }
        int numeric = Integer.parseInt(applicationNumber);
        if (numbersSeen.get(numeric)) {
            return new Line(number, null, ResultLineProblem.DUPLICATE_LINE);
        }
        numbersSeen.set(numeric);
        try {
            var scores = new ArrayList<Integer>(subjects);
            for (int i = 1; i <= subjects; i++) {
                scores.add(Scores.parseTenths(values.get(i)));
            }
            int total = Scores.parseTenths(values.get(subjects + 1));
            LocalDate examDate = date(values.get(subjects + 2));
            if (examDate == null) {
                return new Line(number, null, ResultLineProblem.EXAM_DATE_FORMAT);
            }
            String centre = values.get(subjects + 3);
            if (centre.isEmpty() || centre.length() > 16
                    || !allOf(centre, c -> isDigit(c) || (c >= 'A' && c <= 'Z') || c == '-')) {
                return new Line(number, null, ResultLineProblem.CENTRE_CODE_FORMAT);
            }
            return new Line(number, new ExamResult(applicationNumber, scores, total, examDate, centre), null);
        } catch (InvalidValueException e) {
            return new Line(number, null, ResultLineProblem.SCORE_FORMAT);
        }
    }

    // The values are checked by hand, not by patterns or java.time's parser: an import checks a few per line, and
    // those took a quarter of its time.

    /** {@code YYYY-MM-DD}, a real day; null for anything else. */
    private static LocalDate date(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        try {
            return year < 0 || month < 0 || day < 0 ? null : LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number the digits from {@code from} to {@code to} make, or -1 if one is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean allOf(String text, CharPredicate test) {
        for (int i = 0; i < text.length(); i++) {
            if (!test.test(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private interface CharPredicate {
        boolean test(char c);
    }

    /** Header names compared without case, and without the byte order mark some spreadsheets write first. */
    private static List<String> normalized(List<String> header) {
        var names = new ArrayList<String>(header.size());
        for (String name : header) {
            names.add((names.isEmpty() && name.startsWith("\uFEFF") ? name.substring(1) : name).strip()
                    .toLowerCase(Locale.ROOT));
        }
        return names;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
