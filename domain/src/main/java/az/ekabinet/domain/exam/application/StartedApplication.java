package az.ekabinet.domain.exam.application;

/** The answer to a start: the application's number, and whether this call created it. */
public record StartedApplication(String applicationNumber, boolean created) {
}
