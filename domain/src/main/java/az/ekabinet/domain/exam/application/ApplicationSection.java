package az.ekabinet.domain.exam.application;

/** The sections of the application form, in the order the citizen fills them. */
public enum ApplicationSection {
    PERSONAL, BACHELOR, MASTER, EXAM
}
