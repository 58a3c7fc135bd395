package az.ekabinet.it.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the clients of a mixed load asked for and what they were told: the record the service is held to after a
 * fault. Only a 2xx answer acknowledges; an operation without an answer (the process died, the database went away)
 * may or may not have happened, but then wholly or not at all.
 */
public final class Journal {

    /** One answer: the HTTP status, the problem's code if any; status 0 when no answer came (transport failure). */
    public record Answer(String step, int status, String code, boolean expectedRefusal, String contentType,
                         long startedNanos, long endedNanos, String failure) {

        boolean success() {
            return status >= 200 && status < 300;
        }

        boolean unanswered() {
            return status == 0;
        }

        @Override
        public String toString() {
            return step + " → " + (unanswered() ? failure : status + " " + code + " (" + contentType + ")");
        }
    }

    public record Transfer(String id, String fromCabinet, String toCabinet, long amountQepik) {
    }

    public record Application(String number, String cabinetNumber, long feeQepik) {
    }

    /** Every payment code a provider notified us of (acknowledged or not), with its amount. */
    public final Map<String, Long> notified = new ConcurrentHashMap<>();
    /** The cabinet each code is meant for: only that citizen ever credits it. */
    public final Map<String, String> payer = new ConcurrentHashMap<>();
    /** Notifications acknowledged (201, or 200 for an identical repeat). */
    public final Set<String> paid = ConcurrentHashMap.newKeySet();
    /** Codes whose credit was acknowledged (201, or on a repeat 409 PAYMENT_CODE_ALREADY_CREDITED). */
    public final Set<String> credited = ConcurrentHashMap.newKeySet();
    /** Transfer previews acknowledged, by id: only these can ever be confirmed. */
    public final Map<String, Transfer> transfers = new ConcurrentHashMap<>();
    public final Set<String> transfersCompleted = ConcurrentHashMap.newKeySet();
    public final Set<String> transfersRefused = ConcurrentHashMap.newKeySet();
    /** Applications started and filled in, by number. */
    public final Map<String, Application> applications = new ConcurrentHashMap<>();
    public final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    public final Set<String> confirmationsRefused = ConcurrentHashMap.newKeySet();
    private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());

    void answered(Answer answer) {
        answers.add(answer);
    }

    List<Answer> answers() {
        synchronized (answers) {
            return List.copyOf(answers);
        }
    }

    /** Answers that are no success, no refusal the load expects, and no failure {@code allowed} accepts. */
    List<Answer> unexpected(Predicate<Answer> allowed) {
        return answers().stream().filter(a -> !a.success() && !a.expectedRefusal() && !allowed.test(a)).toList();
    }

    /** Money-moving operations acknowledged so far: credits, completed transfers, confirmations. */
    int acknowledged() {
        return credited.size() + transfersCompleted.size() + confirmed.size();
    }

    public String summary() {
        List<Answer> all = answers();
        long unanswered = all.stream().filter(a -> a.unanswered() || a.status() >= 500).count();
        return String.format(java.util.Locale.ROOT, "%d answers; acknowledged: %d payments, %d credits, %d transfers, "
                        + "%d confirmations; refused for want of money: %d transfers, %d confirmations; "
                        + "without an answer or 5xx: %d", all.size(), paid.size(), credited.size(),
                transfersCompleted.size(), confirmed.size(), transfersRefused.size(), confirmationsRefused.size(),
                unanswered);
    }
}
