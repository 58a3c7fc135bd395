package az.ekabinet.query.ops;

/** What the operators' stream carries besides heartbeats: an {@link OpsActivity} or {@link OpsCounters}. */
public sealed interface OpsMessage permits OpsActivity, OpsCounters {
}
