package az.ekabinet.domain.exam.result;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The results of one exam session ({@code exam-results:<session code>}): the result sheet, every applicant's result
 * and when they become visible. A result is recorded once; the same result imported again changes nothing, and a
 * different one is a correction that keeps the previous result in its event, never a silent overwrite.
 */
@AggregateRoot
public class ExamResults {

    private static final String ID_PREFIX = "exam-results:";

    @AggregateIdentifier
    private String id;
    private String sessionId;
    private ResultSheet sheet;
    /** Each applicant's current result as its {@linkplain ExamResult#line() line}: a few objects each, not a dozen. */
    private final Map<String, String> results = new HashMap<>();
    private Instant publishAt;

    protected ExamResults() {
        // for Axon
    }

    /** The results' id of exam session {@code sessionId} ({@code exam-session:<code>}). */
    public static String idOf(String sessionId) {
        return ID_PREFIX + ExamSession.codeOf(sessionId);
    }

    /** The same sheet again changes nothing; another sheet replaces it only while no result is recorded. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineResultSheet command, Clock clock) {
        if (command.sheet().equals(sheet)) {
            return;
        }
        if (!results.isEmpty()) {
            throw new DomainException(ErrorCode.RESULT_SHEET_IN_USE, Map.of("resultsRecorded", results.size()));
        }
        apply(new ResultSheetDefined(command.resultsId(), command.sessionId(), command.sheet(), command.definedBy(),
                Instants.now(clock)));
    }

    @CommandHandler
    public RecordedResults handle(RecordResults command, Clock clock) {
        Instant now = Instants.now(clock);
        var recorded = new ArrayList<ExamResult>();
        var rejected = new ArrayList<RecordedResults.RejectedLine>();
        int corrected = 0;
        int unchanged = 0;
        // the import's file check rejects a number given twice already; the aggregate keeps its own rule: once
        var numbers = new HashSet<String>();
        for (RecordResults.Line line : command.lines()) {
            ExamResult result = line.result();
            ResultLineProblem problem = numbers.add(result.applicationNumber()) ? sheet.problemOf(result)
                    : ResultLineProblem.DUPLICATE_LINE;
            String previous = results.get(result.applicationNumber());
            if (problem != null) {
                rejected.add(new RecordedResults.RejectedLine(line.lineNumber(), problem));
            } else if (previous == null) {
                recorded.add(result);
            } else if (previous.equals(result.line())) {
                unchanged++;
            } else {
                apply(new ResultCorrected(id, sessionId, command.importId(), command.importedBy(), now,
                        ExamResult.ofLine(previous), result));
                corrected++;
            }
        }
        if (!recorded.isEmpty()) {
            var event = new ResultsRecorded(id, sessionId, command.importId(), command.importedBy(), now,
                    publishAt != null, recorded);
            apply(event, event.counts());
        }
        return new RecordedResults(recorded.size(), corrected, unchanged, rejected);
    }

    @CommandHandler
    public void handle(FinishResultImport command, Clock clock) {
        apply(new ResultImportFinished(id, sessionId, command.importId(), command.importedBy(), Instants.now(clock),
                command.linesRead(), command.recorded(), command.corrected(), command.unchanged(), command.rejected()));
    }

    /** Returns the instant the results become visible: the one asked for, or now if that has passed. */
    @CommandHandler
    public Instant handle(PublishResults command, Clock clock) {
        Instant now = Instants.now(clock);
        Instant effective = command.publishAt().isBefore(now) ? now : command.publishAt();
        if (publishAt != null && !now.isBefore(publishAt)) {
            throw new DomainException(ErrorCode.RESULTS_ALREADY_PUBLISHED, Map.of("publishedAt", publishAt.toString()));
        }
        if (!effective.equals(publishAt)) {
            apply(new ResultsPublicationSet(id, sessionId, effective, publishAt, results.size(), command.publishedBy(),
                    now));
        }
        return effective;
    }

    @EventSourcingHandler
    void on(ResultSheetDefined event) {
        id = event.resultsId();
        sessionId = event.sessionId();
        sheet = event.sheet();
    }

    @EventSourcingHandler
    void on(ResultsRecorded event) {
        for (ExamResult result : event.results()) {
            results.put(result.applicationNumber(), result.line());
        }
    }

    @EventSourcingHandler
    void on(ResultCorrected event) {
        results.put(event.corrected().applicationNumber(), event.corrected().line());
    }

    @EventSourcingHandler
    void on(ResultsPublicationSet event) {
        publishAt = event.publishAt();
    }
}
