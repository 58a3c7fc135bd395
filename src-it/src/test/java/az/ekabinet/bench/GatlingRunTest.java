package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.bench.GatlingRun.Answer;
import az.ekabinet.bench.GatlingRun.Figures;
import az.ekabinet.bench.GatlingRun.Injection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the deadline-day benchmark judges a run from the answers Gatling's simulation wrote down. */
class GatlingRunTest {

    private static final long START = 1_800_000_000_000L;

    /** {@code perSecond} answers of one step in each second from {@code from} (s after the start) to {@code to}. */
    private static List<Answer> answers(String step, int from, int to, int perSecond, int status, long millis) {
        List<Answer> answers = new ArrayList<>();
        for (int second = from; second < to; second++) {
            for (int i = 0; i < perSecond; i++) {
                answers.add(new Answer(step, "", status, millis, START + second * 1000L + i * (1000L / perSecond)));
            }
        }
        return answers;
    }

    @Test
    void aSurgeServedQuicklyIsSustainedAndItsCountsComeFromItsOwnSeconds() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 100, 200, 5));
        answers.addAll(answers("log in", 0, 10, 4, 200, 300));
        answers.addAll(answers("balance", 10, 15, 50, 200, 5)); // after the surge: not counted in it

        Figures figures = GatlingRun.figures(new Injection(104, 10, 50, 5, 0), answers, "cpu", "report");

        assertThat(figures.arrivals()).isEqualTo(1040);
        assertThat(figures.served()).isEqualTo(1040);
        assertThat(figures.goodput()).isEqualTo(104.0);
        assertThat(figures.servedP99ByStep()).containsEntry("balance", 5L).containsEntry("log in", 300L);
        assertThat(figures.slowestStep()).isEqualTo("log in 300 ms");
        assertThat(figures.nothingLost()).isTrue();
        assertThat(figures.refusedSteps()).isEqualTo("0");
        assertThat(figures.recoverySeconds()).isZero();
    }

    @Test
    void theSlowestStepIsTheOneWithTheHighestP99HoweverRareItIs() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 100, 200, 5));
        answers.addAll(answers("log in", 0, 10, 1, 200, 501)); // under 1 % of the mix

        Figures figures = GatlingRun.figures(new Injection(101, 10, 0, 0, 0), answers, "cpu", "report");

        assertThat(figures.servedP99()).as("the whole mix's p99 is fine").isEqualTo(5);
        assertThat(figures.slowestStep()).isEqualTo("log in 501 ms");
    }

    @Test
    void refusalsTimeoutsAndErrorsAreCountedApartAndNotServed() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 95, 200, 5));
        answers.addAll(answers("log in", 0, 10, 3, 503, 2));
        answers.addAll(answers("credit a code", 0, 1, 1, 0, 5000));
        answers.addAll(answers("credit a code", 1, 2, 1, 500, 40));

        Figures figures = GatlingRun.figures(new Injection(98, 10, 0, 0, 0), answers, "cpu", "report");

        assertThat(figures.served()).isEqualTo(950);
        assertThat(figures.refused()).isEqualTo(30);
        assertThat(figures.refusedSteps()).isEqualTo("30 (log in 30)");
        assertThat(figures.refusedP99()).isEqualTo(2);
        assertThat(figures.timeouts()).isEqualTo(1);
        assertThat(figures.other()).isEqualTo(1);
        assertThat(figures.nothingLost()).as("something lost").isFalse();
    }

    @Test
    void backToNormalFromTheFirstSecondFromWhichTheRestIsAsAtCapacity() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 100, 200, 5));
        answers.addAll(answers("balance", 10, 13, 50, 200, 800)); // still slow for 3 s after the surge
        answers.addAll(answers("balance", 13, 14, 50, 200, 5));
        answers.addAll(answers("balance", 14, 15, 50, 503, 1)); // a second of refusals: not normal yet
        answers.addAll(answers("balance", 15, 20, 50, 200, 5));

        Figures recovered = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(recovered.recoverySeconds()).isEqualTo(5);

        answers.addAll(answers("login", 17, 18, 1, 503, 2)); // one refused of the rest's 251: as at capacity
        Figures refusedNowAndThen = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(refusedNowAndThen.recoverySeconds()).isEqualTo(5);

        // another in the same second: a burst, though 2 of the rest's 252 are under 1 %; normal after that second
        answers.addAll(answers("login", 17, 18, 1, 503, 3));
        Figures burst = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(burst.recoverySeconds()).isEqualTo(8);
    }

    @Test
    void refusalsNowAndThenAreNormalUpToOnePercentOfTheRest() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 100, 200, 5));
        answers.addAll(answers("balance", 10, 20, 50, 200, 5));
        answers.addAll(answers("login", 10, 14, 1, 503, 2)); // one a second for 4 s: 4 of the rest's 504

        Figures fourOfFiveHundred = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(fourOfFiveHundred.recoverySeconds()).isZero();

        answers.addAll(answers("login", 14, 20, 1, 503, 2)); // one every second to the end: 2 % of any rest
        Figures oneInFiftyOne = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(oneInFiftyOne.recoverySeconds()).isNull();
    }

    @Test
    void neverBackToNormalWhileAnAnswerIsLost() {
        List<Answer> answers = new ArrayList<>(answers("balance", 0, 10, 100, 200, 5));
        answers.addAll(answers("balance", 10, 20, 50, 200, 5));
        answers.addAll(answers("balance", 19, 20, 1, 0, 5000)); // the last second lost one

        Figures never = GatlingRun.figures(new Injection(100, 10, 50, 10, 0), answers, "cpu", "report");
        assertThat(never.recoverySeconds()).isNull();
    }
}
