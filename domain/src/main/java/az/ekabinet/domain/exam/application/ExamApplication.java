package az.ekabinet.domain.exam.application;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.cabinet.Cabinet;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/**
 * A master's exam application ({@code application:<session>:<cabinet>}): one per cabinet per session, which the
 * event store's unique key guarantees also when two starts race. A draft is filled in section by section; once
 * confirmed (with its fee charged, see {@link ApplicationConfirming}) it is read-only. The session's deadline is
 * checked by the services that change it, which load the session alongside.
 */
@AggregateRoot
public class ExamApplication {

    @AggregateIdentifier
    private String id;
    private String applicationNumber;
    private String sessionId;
    private String cabinetId;
    private ApplicationForm form = ApplicationForm.EMPTY;
    private Money feeCharged;
    private Instant confirmedAt;

    protected ExamApplication() {
        // for Axon
    }

    ExamApplication(String id, String applicationNumber, String sessionId, String cabinetId, Clock clock) {
        apply(new ApplicationStarted(id, applicationNumber, sessionId, cabinetId, Instants.now(clock)));
    }

    /**
     * The application of a cabinet to a session, {@code application:<session code>:<FIN>}, from the session's and the
     * cabinet's ids: the one place the {@code application:} prefix is put.
     */
    public static String idOf(String sessionId, String cabinetId) {
        return "application:" + ExamSession.codeOf(sessionId) + ":" + Cabinet.finOf(cabinetId);
    }

    public String applicationNumber() {
        return applicationNumber;
    }

    public String sessionId() {
        return sessionId;
    }

    public boolean confirmed() {
        return confirmedAt != null;
    }

    /** Someone else's application is "not found": nobody learns which applications exist. */
    void requireOwner(String cabinet) {
        if (!cabinetId.equals(cabinet)) {
            throw new DomainException(ErrorCode.APPLICATION_NOT_FOUND);
        }
    }

    /** Records one section; an edit that changes nothing records nothing. */
    void edit(ApplicationEdit edit, Clock clock) {
        requireDraft();
        SectionRecorded recorded = edit.recordedFor(id, Instants.now(clock));
        if (!recorded.applyTo(form).equals(form)) {
            apply(recorded);
        }
    }

    /** What still stands in the way of confirmation. */
    public List<ApplicationProblem> problems() {
        return form.problems();
    }

    /** Confirms a complete draft; the caller charges {@code fee} in the same unit of work. */
    void confirm(Money fee, Clock clock) {
        requireComplete();
        apply(new ApplicationConfirmed(id, applicationNumber, sessionId, cabinetId, fee.qepik(), Instants.now(clock)));
    }

    /** Refuses a confirmed application, or a draft with anything missing or wrong (listed by code). */
    void requireComplete() {
        requireDraft();
        List<ApplicationProblem> problems = form.problems();
        if (!problems.isEmpty()) {
            throw new DomainException(ErrorCode.APPLICATION_INCOMPLETE,
                    Map.of("problems", problems.stream().map(ApplicationProblem::code).toList()));
        }
    }

    /** The outcome of the confirmation already made. */
    ConfirmedApplication confirmation(Money balance) {
        return new ConfirmedApplication(applicationNumber, feeCharged, balance, confirmedAt);
    }

    private void requireDraft() {
        if (confirmed()) {
            throw new DomainException(ErrorCode.APPLICATION_ALREADY_CONFIRMED,
                    Map.of("applicationNumber", applicationNumber));
        }
    }

    @EventSourcingHandler
    void on(ApplicationStarted event) {
        id = event.applicationId();
        applicationNumber = event.applicationNumber();
        sessionId = event.sessionId();
        cabinetId = event.cabinetId();
    }

    @EventSourcingHandler
    void on(SectionRecorded event) {
        form = event.applyTo(form);
    }

    @EventSourcingHandler
    void on(ApplicationConfirmed event) {
        feeCharged = Money.ofQepik(event.feeQepik());
        confirmedAt = event.confirmedAt();
    }
}
