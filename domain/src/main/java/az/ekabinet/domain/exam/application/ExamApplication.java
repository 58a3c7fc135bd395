package az.ekabinet.domain.exam.application;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A master's exam application ({@code application:<session>:<cabinet>}): one per cabinet per session, which the
 * event store's unique key guarantees also when two starts race. Its sections and confirmation come next.
 */
public class ExamApplication {

    @AggregateIdentifier
    private String id;
    private String applicationNumber;

    protected ExamApplication() {
        // for Axon
    }

    ExamApplication(String id, String applicationNumber, String sessionId, String cabinetId, Clock clock) {
        apply(new ApplicationStarted(id, applicationNumber, sessionId, cabinetId, Instants.now(clock)));
    }

    public static String idOf(String sessionId, String cabinetId) {
        return "application:" + sessionId.substring(sessionId.indexOf(':') + 1) + ":" + cabinetId.substring(cabinetId.indexOf(':') + 1);
    }

    public String applicationNumber() {
        return applicationNumber;
    }

    @EventSourcingHandler
    void on(ApplicationStarted event) {
        id = event.applicationId();
        applicationNumber = event.applicationNumber();
    }
}
