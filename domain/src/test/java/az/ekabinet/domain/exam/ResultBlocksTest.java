package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ResultBlocks;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultBlocksTest {

    static final LocalDate DAY = LocalDate.parse("2026-07-05");

    static ExamResult result(String number, int first, int second) {
        return new ExamResult(number, List.of(first, second), first + second, DAY, "BAKU-01");
    }

    @Test
    void aHundredNumbersShareABlock() {
        assertThat(ResultBlocks.blockOf("200000")).isEqualTo(2000);
        assertThat(ResultBlocks.blockOf("200099")).isEqualTo(2000);
        assertThat(ResultBlocks.blockOf("200100")).isEqualTo(2001);
        assertThat(ResultBlocks.blockOf("999999")).isEqualTo(9999);
    }

    @Test
    void aBlockIsItsResultsLinesEachAfterANewline() {
        var lines = new StringBuilder();
        ResultBlocks.append(ResultBlocks.append(lines, result("200001", 455, 300)), result("200002", 10, 0));

        assertThat(lines).hasToString("\n200001,455,300,755,2026-07-05,BAKU-01\n200002,10,0,10,2026-07-05,BAKU-01");
    }

    @Test
    void aCorrectionReplacesOnlyItsNumbersLineWhereverItIs() {
        String lines = "\n200011,1,2,3,2026-07-05,BAKU-01\n200001,455,300,755,2026-07-05,BAKU-01"
                + "\n200010,5,5,10,2026-07-05,BAKU-01";

        assertThat(ResultBlocks.withResult(lines, result("200001", 460, 300)))
                .isEqualTo("\n200011,1,2,3,2026-07-05,BAKU-01\n200001,460,300,760,2026-07-05,BAKU-01"
                        + "\n200010,5,5,10,2026-07-05,BAKU-01");
        assertThat(ResultBlocks.withResult(lines, result("200010", 6, 5)))
                .endsWith("\n200010,6,5,11,2026-07-05,BAKU-01")
                .startsWith("\n200011,1,2,3,2026-07-05,BAKU-01\n200001,455,");
        assertThat(ResultBlocks.withResult(lines, result("200011", 0, 0)))
                .startsWith("\n200011,0,0,0,2026-07-05,BAKU-01\n200001,");
    }

    @Test
    void aNumberWithoutALineInTheBlockIsAddedAfterTheOthers() {
        // 20001 is the start of 200011's line but not its number: the comma after the number tells them apart
        assertThat(ResultBlocks.withResult("\n200011,1,2,3,2026-07-05,BAKU-01", result("20001", 1, 1)))
                .isEqualTo("\n200011,1,2,3,2026-07-05,BAKU-01\n20001,1,1,2,2026-07-05,BAKU-01");
        assertThat(ResultBlocks.withResult("", result("200011", 1, 2))).isEqualTo("\n200011,1,2,3,2026-07-05,BAKU-01");
    }

    @Test
    void aResultIsReadBackFromWhatFollowsItsNumber() {
        assertThat(ResultBlocks.result("200001", "455,300,755,2026-07-05,BAKU-01"))
                .isEqualTo(result("200001", 455, 300));
    }
}
