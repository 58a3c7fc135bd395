package az.ekabinet.command.exam.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringFileTest {

    static final ResultSheet SHEET = new ResultSheet(List.of(new ResultSubject("LOGIC", "Məntiq", "Logic", 600),
            new ResultSubject("LANG", "Dil", "Language", 400)), 500);
    static final String HEADER = "application_number,LOGIC,LANG,total,exam_date,centre_code\n";

    private static List<String> read(byte[] bytes) {
        try (var file = new ScoringFile(SHEET, new ByteArrayInputStream(bytes))) {
            return file.lines().map(line -> line.lineNumber() + " " + (line.problem() != null ? line.problem()
                    : line.result().applicationNumber() + " " + line.result().scoresTenths() + " "
                    + line.result().totalTenths() + " " + line.result().examDate() + " "
                    + line.result().centreCode())).toList();
        }
    }

    private static List<String> read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void linesBecomeResultsWithTheirLineNumbers() {
        assertThat(read(HEADER + "100001,45.5,30,75.5,2026-07-05,BAKU-01\n100002,0,0.0,0,2026-07-06,GANJA-2"))
                .containsExactly("2 100001 [455, 300] 755 2026-07-05 BAKU-01",
                        "3 100002 [0, 0] 0 2026-07-06 GANJA-2");
    }

    @Test
    void spreadsheetHabitsAreForgiven() {
        assertThat(read("\uFEFFApplication_Number,LOGIC,LANG,TOTAL,Exam_Date,Centre_Code\r\n"
                + "100001,30,20,50,2026-07-05,BAKU-01\r\n"
                + "\r\n"
                + "\"100002\", 31 ,\"20.5\",51.5,2026-07-05,BAKU-01\r\n"
                + "\"100003\",\"1\n\",1,2,2026-07-05,BAKU-01\r\n"
                + "100004,1,1,2,2026-07-05,BAKU-01"))
                .containsExactly("2 100001 [300, 200] 500 2026-07-05 BAKU-01",
                        "4 100002 [310, 205] 515 2026-07-05 BAKU-01",
                        "5 100003 [10, 10] 20 2026-07-05 BAKU-01",
                        "7 100004 [10, 10] 20 2026-07-05 BAKU-01");
    }

    @Test
    void eachLineHasItsOwnProblem() {
        assertThat(read(HEADER
                + "100001,10,10,20,2026-07-05,BAKU-01\n"
                + "100001,10,10,20,2026-07-05,BAKU-01\n"
                + "12345,10,10,20,2026-07-05,BAKU-01\n"
                + "100002,10.25,10,20.25,2026-07-05,BAKU-01\n"
                + "100003,-1,10,9,2026-07-05,BAKU-01\n"
                + "100004,10,10,20,2026-02-30,BAKU-01\n"
                + "100005,10,10,20,2026-07-05,baku\n"
                + "100006,10,10,20,2026-07-05\n"
                + "100007,10,10,20,2026-07-05,BAKU-01,extra\n"))
                .containsExactly("2 100001 [100, 100] 200 2026-07-05 BAKU-01", "3 DUPLICATE_LINE",
                        "4 APPLICATION_NUMBER_FORMAT", "5 SCORE_FORMAT", "6 SCORE_FORMAT", "7 EXAM_DATE_FORMAT",
                        "8 CENTRE_CODE_FORMAT", "9 COLUMN_COUNT", "10 COLUMN_COUNT");
    }

    @Test
    void bytesThatAreNotUtf8RejectTheirLineOnly() {
        byte[] header = (HEADER + "1000").getBytes(StandardCharsets.UTF_8);
        byte[] rest = "01,10,10,20,2026-07-05,BAKU-01\n100002,10,10,20,2026-07-05,BAKU-01\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] file = new byte[header.length + 1 + rest.length];
        System.arraycopy(header, 0, file, 0, header.length);
        file[header.length] = (byte) 0xC3;
        System.arraycopy(rest, 0, file, header.length + 1, rest.length);
        assertThat(read(file)).containsExactly("2 APPLICATION_NUMBER_FORMAT",
                "3 100002 [100, 100] 200 2026-07-05 BAKU-01");
    }

    @Test
    void aQuoteNeverClosedEndsTheReadingAtItsLine() {
        assertThat(read(HEADER + "100001,10,10,20,2026-07-05,BAKU-01\n\"100002,10,10,20,2026-07-05,BAKU-01\n"
                + "100003,10,10,20,2026-07-05,BAKU-01\n"))
                .containsExactly("2 100001 [100, 100] 200 2026-07-05 BAKU-01", "3 FILE_UNREADABLE");
    }

    @Test
    void aHeaderThatIsNotTheSheetsIsRefusedBeforeAnyLine() {
        for (String header : List.of("", "\n", "application_number,LANG,LOGIC,total,exam_date,centre_code\n",
                "application_number,LOGIC,total,exam_date,centre_code\n", "100001,10,10,20,2026-07-05,BAKU-01\n")) {
            assertThatThrownBy(() -> read(header + "100001,10,10,20,2026-07-05,BAKU-01\n")).as(header)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RESULT_FILE_HEADER_INVALID);
                        assertThat(e.properties()).containsEntry("expectedHeader", HEADER.strip());
                    });
        }
    }
}
