package az.ekabinet.command.exam.session;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.result.DefineResultSheet;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.result.ResultSheet;
import az.ekabinet.domain.exam.result.ResultSubject;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.exam.session.PublishExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo profile's exam session: "2025/2026 — magistraturaya qəbul, 1-ci cəhd", fee 50.00 AZN, open,
 * its deadline 60 days after the first start, and its result sheet (foreign language out of 60, logic out of 40, 45
 * to pass), which the demo scoring file ({@code config/demo/}) fits. Published once; later starts find it there. Nodes of a cluster starting
 * together on a fresh database all publish it: the event store's unique key lets one win, and the dispatcher's retry
 * has the others find the session there, with the same terms (or, on another day, other terms: EXAM_SESSION_EXISTS).
 */
@Component
@Profile("demo")
public class DemoExamSession {

    public static final String ID = "2025-2026-magistr-1";
    static final ResultSheet SHEET = new ResultSheet(List.of(
            new ResultSubject("LANG", "Xarici dil", "Foreign language", 600),
            new ResultSubject("LOGIC", "Məntiq", "Logic", 400)), 450);

    private final CommandDispatcher commands;
    private final Clock clock;

    public DemoExamSession(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void publish() {
        var now = clock.instant().truncatedTo(ChronoUnit.DAYS);
        try {
            commands.send(new PublishExamSession(ExamSession.idOf(ID), "2025/2026 — magistraturaya qəbul, 1-ci cəhd",
                    "2025/2026", 1, Money.parse("50.00"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))))
                    .block(Duration.ofMinutes(1));
        } catch (DomainException e) {
            if (e.code() != ErrorCode.EXAM_SESSION_EXISTS) {
                throw e;
            }
        }
        String sessionId = ExamSession.idOf(ID);
        // the same sheet again changes nothing, so every start (and every node) may send it
        commands.send(new DefineResultSheet(ExamResults.idOf(sessionId), sessionId, SHEET, "demo-profile"))
                .block(Duration.ofMinutes(1));
    }
}
