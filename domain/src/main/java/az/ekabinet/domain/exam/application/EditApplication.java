package az.ekabinet.domain.exam.application;

/** The owner fills in or changes one section of a draft application. */
public record EditApplication(String applicationId, String cabinetId, ApplicationEdit edit) {
}
