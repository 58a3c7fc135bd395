package az.ekabinet.domain.exam.application;

/**
 * One thing still missing or wrong on the status panel; {@code code} is the message key of its plain
 * words ({@code application.problem.<code>} in the message bundles).
 */
public record ApplicationProblem(ApplicationSection section, String code) {

    public static final String RESIDENCE_MISSING = "RESIDENCE_MISSING";
    public static final String BACHELOR_MISSING = "BACHELOR_MISSING";
    public static final String MASTER_MISSING = "MASTER_MISSING";
    /** A master's degree finished before the bachelor's it builds on: one of the two years is wrong. */
    public static final String MASTER_BEFORE_BACHELOR = "MASTER_BEFORE_BACHELOR";
    public static final String EXAM_CHOICES_MISSING = "EXAM_CHOICES_MISSING";
}
