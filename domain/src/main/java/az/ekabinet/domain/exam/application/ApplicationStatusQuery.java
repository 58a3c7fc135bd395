package az.ekabinet.domain.exam.application;

/** A subscription query: the status of application {@code applicationNumber} now, then each change of it. */
public record ApplicationStatusQuery(String applicationNumber) {
}
