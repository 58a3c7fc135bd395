package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.exam.result.DefineResultSheet;
import az.ekabinet.domain.exam.result.ExamResult;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.PublishResults;
import az.ekabinet.domain.exam.result.RecordResults;
import az.ekabinet.domain.exam.result.RecordedResults;
import az.ekabinet.domain.exam.result.RecordedResults.RejectedLine;
import az.ekabinet.domain.exam.result.ResultCorrected;
import az.ekabinet.domain.exam.result.ResultLineProblem;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSheetDefined;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.result.ResultsPublicationSet;
import az.ekabinet.domain.exam.result.ResultsRecorded;
import az.ekabinet.domain.exam.result.Scores;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.InvalidValueException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamResultsTest {

    static final Instant NOW = Instant.parse("2026-07-20T08:00:00Z");
    static final String SESSION = "exam-session:2025-2026-magistr-1";
    static final String ID = ExamResults.idOf(SESSION);
    static final LocalDate EXAM_DAY = LocalDate.parse("2026-07-05");
    static final ResultSheet SHEET = new ResultSheet(List.of(
            new ResultSubject("LOGIC", "Məntiq", "Logic", 600),
            new ResultSubject("LANG", "Xarici dil", "Foreign language", 400)), 500);

    private AggregateTestFixture<ExamResults> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExamResults.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ExamResult result(String number, int logic, int language) {
        return new ExamResult(number, List.of(logic, language), logic + language, EXAM_DAY, "BAKU-01");
    }

    static RecordResults importing(String importId, ExamResult... results) {
        var lines = new java.util.ArrayList<RecordResults.Line>();
        for (int i = 0; i < results.length; i++) {
            lines.add(new RecordResults.Line(i + 2, results[i]));
        }
        return new RecordResults(ID, importId, "admin", lines);
    }

    static ResultSheetDefined defined() {
        return new ResultSheetDefined(ID, SESSION, SHEET, "admin", NOW);
    }

    static ResultsRecorded recorded(ExamResult... results) {
        return new ResultsRecorded(ID, SESSION, "first", "admin", NOW, false, List.of(results));
    }

    @Test
    void theSheetIsSetOnceTheSameAgainChangesNothingAndAnotherReplacesItWhileNoResultIsRecorded() {
        fixture.givenNoPriorActivity().when(new DefineResultSheet(ID, SESSION, SHEET, "admin")).expectEvents(defined());
        fixture.given(defined()).when(new DefineResultSheet(ID, SESSION, SHEET, "admin")).expectNoEvents();
        var other = new ResultSheet(SHEET.subjects(), 400);
        fixture.given(defined()).when(new DefineResultSheet(ID, SESSION, other, "admin"))
                .expectEvents(new ResultSheetDefined(ID, SESSION, other, "admin", NOW));
        fixture.given(defined(), recorded(result("100001", 300, 200)))
                .when(new DefineResultSheet(ID, SESSION, other, "admin")).expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.code() == ErrorCode.RESULT_SHEET_IN_USE));
    }

    @Test
    void newResultsAreRecordedTogetherAndLinesBreakingTheSheetAreRejectedWithTheirLineNumbers() {
        ExamResult good = result("100001", 455, 200);
        ExamResult aboveMaximum = result("100002", 601, 0);
        ExamResult wrongTotal = new ExamResult("100003", List.of(100, 100), 300, EXAM_DAY, "BAKU-01");
        fixture.given(defined())
                .when(importing("first", good, aboveMaximum, wrongTotal))
                .expectEvents(new ResultsRecorded(ID, SESSION, "first", "admin", NOW, false, List.of(good)))
                .expectResultMessagePayload(new RecordedResults(1, 0, 0, List.of(
                        new RejectedLine(3, ResultLineProblem.SCORE_ABOVE_MAXIMUM),
                        new RejectedLine(4, ResultLineProblem.TOTAL_NOT_SUM))));
    }

    @Test
    void aNumberGivenTwiceInOneCommandIsRecordedOnceAndItsRepeatRejected() {
        ExamResult first = result("100001", 300, 200);
        ExamResult repeat = result("100001", 310, 200);
        fixture.given(defined())
                .when(importing("twice", first, repeat))
                .expectEvents(new ResultsRecorded(ID, SESSION, "twice", "admin", NOW, false, List.of(first)))
                .expectResultMessagePayload(new RecordedResults(1, 0, 0, List.of(
                        new RejectedLine(3, ResultLineProblem.DUPLICATE_LINE))));
    }

    @Test
    void theSameResultAgainChangesNothingAndAChangedOneIsACorrectionKeepingThePreviousResult() {
        ExamResult first = result("100001", 300, 200);
        ExamResult changed = result("100001", 310, 200);
        fixture.given(defined(), recorded(first))
                .when(importing("again", first))
                .expectNoEvents()
                .expectResultMessagePayload(new RecordedResults(0, 0, 1, List.of()));
        fixture.given(defined(), recorded(first))
                .when(importing("fix", changed))
                .expectEvents(new ResultCorrected(ID, SESSION, "fix", "admin", NOW, first, changed))
                .expectResultMessagePayload(new RecordedResults(0, 1, 0, List.of()));
    }

    @Test
    void thePublicationInstantCanMoveUntilItComesAndAnInstantPastMeansNow() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        fixture.given(defined(), recorded(result("100001", 300, 200)))
                .when(new PublishResults(ID, tomorrow, "admin"))
                .expectEvents(new ResultsPublicationSet(ID, SESSION, tomorrow, null, 1, "admin", NOW))
                .expectResultMessagePayload(tomorrow);
        fixture.given(defined(), new ResultsPublicationSet(ID, SESSION, tomorrow, null, 0, "admin", NOW))
                .when(new PublishResults(ID, NOW.minus(Duration.ofHours(1)), "admin"))
                .expectEvents(new ResultsPublicationSet(ID, SESSION, NOW, tomorrow, 0, "admin", NOW))
                .expectResultMessagePayload(NOW);
        Instant passed = NOW.minusSeconds(1);
        fixture.given(defined(), new ResultsPublicationSet(ID, SESSION, passed, null, 0, "admin", passed))
                .when(new PublishResults(ID, tomorrow, "admin")).expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.code() == ErrorCode.RESULTS_ALREADY_PUBLISHED));
    }

    @Test
    void resultsRecordedOnceAPublicationIsSetSaySo() {
        ExamResult late = result("100009", 300, 200);
        fixture.given(defined(), new ResultsPublicationSet(ID, SESSION, NOW.plusSeconds(60), null, 0, "admin", NOW))
                .when(importing("late", late))
                .expectEvents(new ResultsRecorded(ID, SESSION, "late", "admin", NOW, true, List.of(late)));
    }

    @Test
    void aSheetNeedsSubjectsWithUniqueCodesAndAThresholdItsTotalCanReach() {
        assertThatThrownBy(() -> new ResultSheet(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultSheet(List.of(SHEET.subjects().get(0), SHEET.subjects().get(0)), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultSheet(SHEET.subjects(), 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SHEET.maxTotalTenths()).isEqualTo(1000);
        assertThat(SHEET.passes(500)).isTrue();
        assertThat(SHEET.passes(499)).isFalse();
    }

    @Test
    void scoresAreExactTenthsWithAtMostOneDecimal() {
        assertThat(Scores.parseTenths("45")).isEqualTo(450);
        assertThat(Scores.parseTenths("45.5")).isEqualTo(455);
        assertThat(Scores.parseTenths("0.0")).isZero();
        assertThat(Scores.text(455)).isEqualTo("45.5");
        assertThat(Scores.text(600)).isEqualTo("60.0");
        for (String bad : List.of("45.55", "-1", "4,5", "", " 45", "045", "1e2", "10000", ".5")) {
            assertThatThrownBy(() -> Scores.parseTenths(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }
}
