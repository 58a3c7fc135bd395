package az.ekabinet.domain.exam.application;

/** The sections of the application form, in the order the citizen fills them (SPEC.md §5.3–5.6). */
public enum ApplicationSection {
    PERSONAL, BACHELOR, MASTER, EXAM
}
