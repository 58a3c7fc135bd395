package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Starting an application: an existing one is answered with its number (a repeat is harmless); a new one needs
 * the session open now. Two racing starts both try to create the same aggregate; the event store lets one win,
 * and the other's retry finds it and answers with its number.
 */
public class ApplicationStarting {

    private final Repository<ExamApplication> applications;
    private final Repository<ExamSession> sessions;
    private final ApplicationNumbers numbers;

    public ApplicationStarting(Repository<ExamApplication> applications, Repository<ExamSession> sessions,
                               ApplicationNumbers numbers) {
        this.applications = applications;
        this.sessions = sessions;
        this.numbers = numbers;
    }

    @CommandHandler
    public StartedApplication handle(StartApplication command, Clock clock) throws Exception {
        String id = ExamApplication.idOf(command.sessionId(), command.cabinetId());
        try {
            return new StartedApplication(applications.load(id).invoke(ExamApplication::applicationNumber), false);
        } catch (AggregateNotFoundException notYet) {
            // first start: below
        }
        try {
            sessions.load(command.sessionId()).execute(session -> session.requireOpen(clock.instant()));
        } catch (AggregateNotFoundException e) {
            throw new DomainException(ErrorCode.EXAM_SESSION_NOT_FOUND, Map.of());
        }
        String number = numbers.next();
        applications.newInstance(() -> new ExamApplication(id, number, command.sessionId(), command.cabinetId(), clock));
        return new StartedApplication(number, true);
    }
}
