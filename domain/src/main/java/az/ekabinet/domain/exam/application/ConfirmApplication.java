package az.ekabinet.domain.exam.application;

/** "Təsdiq et": the owner, having consented to the fee being taken from the balance, confirms the application. */
public record ConfirmApplication(String applicationId, String cabinetId, boolean consentToDebit) {
}
