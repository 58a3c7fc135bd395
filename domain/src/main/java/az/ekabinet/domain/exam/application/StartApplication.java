package az.ekabinet.domain.exam.application;

/** A citizen starts their application to an exam session; {@code proposedNumber} is used if it is the first. */
public record StartApplication(String sessionId, String cabinetId, String proposedNumber) {
}
