package az.ekabinet.domain.exam.application;

/** "Magistr təhsili": none, at the state's expense, or paid; the latter two name an institution and a year. */
public enum MasterEducationKind {
    NONE, STATE_FUNDED, PAID
}
