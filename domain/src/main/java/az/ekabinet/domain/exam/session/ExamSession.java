package az.ekabinet.domain.exam.session;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/** An exam session ({@code exam-session:<id>}): its fee and the window in which citizens apply. */
@AggregateRoot
public class ExamSession {

    @AggregateIdentifier
    private String id;
    private ExamSessionPublished published;

    protected ExamSession() {
        // for Axon
    }

    private static final String ID_PREFIX = "exam-session:";

    /** A session's id from its code (as in its URL): the one place the {@code exam-session:} prefix is put. */
    public static String idOf(String code) {
        return ID_PREFIX + code;
    }

    /** The code of a session's id ({@code exam-session:<code>}), as its URL and the API show it. */
    public static String codeOf(String sessionId) {
        if (sessionId == null || !sessionId.startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("Not an exam session's id (" + ID_PREFIX + "<code>): " + sessionId);
        }
        return sessionId.substring(ID_PREFIX.length());
    }

    /** Publishing the same session again changes nothing; publishing other terms under its id is refused. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(PublishExamSession command, Clock clock) {
        if (published != null) {
            boolean same = published.title().equals(command.title()) && published.attempt() == command.attempt()
                    && published.academicYear().equals(command.academicYear())
                    && published.feeQepik() == command.fee().qepik()
                    && published.opensAt().equals(command.opensAt()) && published.deadline().equals(command.deadline());
            if (!same) {
                throw new DomainException(ErrorCode.EXAM_SESSION_EXISTS, Map.of("sessionId", command.sessionId()));
            }
            return;
        }
        Objects.requireNonNull(command.fee());
        if (!command.opensAt().isBefore(command.deadline())) {
            throw new DomainException(ErrorCode.EXAM_SESSION_WINDOW_INVALID);
        }
        apply(new ExamSessionPublished(command.sessionId(), command.title(), command.academicYear(), command.attempt(),
                command.fee().qepik(), command.opensAt(), command.deadline(), Instants.now(clock)));
    }

    public Money fee() {
        return Money.ofQepik(published.feeQepik());
    }

    /** Refuses with the reason when nothing can be started, changed or confirmed at {@code instant}. */
    public void requireOpen(java.time.Instant instant) {
        ErrorCode closed = closedBecause(instant);
        if (closed != null) {
            throw new DomainException(closed, Map.of("deadline", published.deadline().toString()));
        }
    }

    /** Why nothing can be started or changed at {@code instant}, or null while the session is open. */
    public ErrorCode closedBecause(java.time.Instant instant) {
        if (instant.isBefore(published.opensAt())) {
            return ErrorCode.EXAM_SESSION_NOT_OPEN_YET;
        }
        return instant.isBefore(published.deadline()) ? null : ErrorCode.DEADLINE_PASSED;
    }

    @EventSourcingHandler
    void on(ExamSessionPublished event) {
        id = event.sessionId();
        published = event;
    }
}
