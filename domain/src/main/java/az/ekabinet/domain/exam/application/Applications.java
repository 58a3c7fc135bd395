package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Loading what a change to an application needs: the owner's application, and its session still open. */
final class Applications {

    private Applications() {
    }

    /** The application if {@code cabinetId} owns it; anyone else's, like a missing one, is not found. */
    static Aggregate<ExamApplication> owned(Repository<ExamApplication> applications, String applicationId,
                                            String cabinetId) {
        Aggregate<ExamApplication> application = load(applications, applicationId, ErrorCode.APPLICATION_NOT_FOUND);
        application.execute(a -> a.requireOwner(cabinetId));
        return application;
    }

    /** The application's session, refusing (e.g. {@code DEADLINE_PASSED}) unless it is open now. */
    static Aggregate<ExamSession> openSession(Repository<ExamSession> sessions, Aggregate<ExamApplication> application,
                                              Clock clock) {
        Aggregate<ExamSession> session = load(sessions, application.invoke(ExamApplication::sessionId),
                ErrorCode.EXAM_SESSION_NOT_FOUND);
        session.execute(s -> s.requireOpen(clock.instant()));
        return session;
    }

    static <T> Aggregate<T> load(Repository<T> repository, String id, ErrorCode notFound) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(notFound);
        }
    }
}
