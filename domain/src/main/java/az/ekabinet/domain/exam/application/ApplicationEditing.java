package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.exam.session.ExamSession;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

/** Filling in a section: only the owner, only while the session is open, only while the application is a draft. */
public class ApplicationEditing {

    private final Repository<ExamApplication> applications;
    private final Repository<ExamSession> sessions;

    public ApplicationEditing(Repository<ExamApplication> applications, Repository<ExamSession> sessions) {
        this.applications = applications;
        this.sessions = sessions;
    }

    @CommandHandler
    public void handle(EditApplication command, Clock clock) {
        Aggregate<ExamApplication> application = Applications.owned(applications, command.applicationId(),
                command.cabinetId());
        Applications.openSession(sessions, application, clock);
        application.execute(a -> a.edit(command.edit(), clock));
    }
}
