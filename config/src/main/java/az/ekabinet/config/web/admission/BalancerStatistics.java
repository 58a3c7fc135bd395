package az.ekabinet.config.web.admission;

import java.util.Map;

/**
 * What a load balancer in front of the nodes answered itself: its refusals never reach a node, so no node's own
 * admission counts them. {@link HaproxyExporter} reads HAProxy's; without a balancer configured
 * ({@code ekabinet.admission.balancer-statistics} empty) there is none to read.
 */
public interface BalancerStatistics {

    /**
     * The balancer's address, as configured (normalised): it names the balancer's rows, so every node must be given
     * the same address for one balancer, and one address per balancer (not a shared name that reaches either of two).
     */
    String balancer();

    /** Its counts now. Blocking: called on the node's reporting thread. */
    Reading read();

    /**
     * @param startedAt  when the balancer's process started, seconds since the epoch: its counts start from 0 then
     * @param refusedByBackend per backend, the 5xx answers the balancer gave itself rather than a node's
     */
    record Reading(long startedAt, Map<String, Long> refusedByBackend) {
    }
}
