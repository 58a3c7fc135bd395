package az.ekabinet.query.ops;

import java.time.Instant;
import java.util.List;

/**
 * The totals every node reads on a shared schedule and sends to all its subscribers (SSE {@code event: counters},
 * without an id, so it never moves a client's resume point).
 *
 * @param results        exam results, counted without anything of them: see {@link ResultCounts}
 * @param admission      what the nodes' admission control admitted and refused, per request class, added up over
 *                       every node since each started
 * @param balancer       what the load balancers in front of the nodes refused themselves, per backend, added up over
 *                       every balancer and its restarts: these requests reached no node, so {@code admission} has
 *                       none of them; empty without a balancer
 * @param eventStoreHead the highest global index in the event store
 * @param processors     each event processor's progress: a streaming one's position is the lowest of its segments'
 *                       tokens and its lag the events between it and the head; a subscribing one handles events in
 *                       the transaction that appends them, so it has no position and its lag is 0 by construction
 */
public record OpsCounters(Instant at, long cabinetsOpened, Total paymentsReceived, Total paymentsCredited,
                          Total feesCharged, long applicationsConfirmed, ResultCounts results,
                          List<Admission> admission, List<BalancerRefusals> balancer, long eventStoreHead,
                          List<Processor> processors)
        implements OpsMessage {

    /** How many, and how much money ("50.00" AZN). */
    public record Total(long count, String amount) {
    }

    /**
     * Exam results, counts only.
     *
     * @param imported  results recorded for the first time (a result imported again unchanged is not counted)
     * @param corrected corrections of recorded results
     * @param published results given a publication instant, visible from it on: those recorded when their
     *                  session's instant was first set, and those recorded after (moving the instant counts none
     *                  again)
     */
    public record ResultCounts(long imported, long corrected, long published) {
    }

    /** @param requestClass {@code browsing}, {@code critical} or {@code password} */
    public record Admission(String requestClass, long admitted, long refused) {
    }

    /**
     * @param backend HAProxy's backend: {@code nodes} (API requests), {@code passwords} (logins), {@code streams}
     * @param refused the 5xx answers HAProxy gave itself rather than a node's: 503 {@code SERVICE_BUSY} when no node
     *                slot freed in time or no node was in rotation, and the rare 502/504 of a node that failed
     *                mid-request
     */
    public record BalancerRefusals(String backend, long refused) {
    }

    /** @param mode {@code streaming} or {@code subscribing}; {@code position} is null before the first token */
    public record Processor(String name, String mode, Long position, long lag) {
    }
}
