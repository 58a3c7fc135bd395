package az.ekabinet.domain.exam.application;

/** A citizen starts their application to an exam session (a repeat answers the existing one). */
public record StartApplication(String sessionId, String cabinetId) {
}
