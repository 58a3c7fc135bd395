package az.ekabinet.domain.exam.application;

import java.time.Instant;

/**
 * An application's status since {@code since}: {@code DRAFT}, {@code CONFIRMED}, then {@code RESULT_PUBLISHED} once
 * its exam result is visible (the last). The answer and the updates of its status stream.
 */
public record ApplicationStatus(String applicationNumber, String status, Instant since) {

    public static final String DRAFT = "DRAFT";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String RESULT_PUBLISHED = "RESULT_PUBLISHED";

    /** One line of text, {@code <number> <status> <since>}, as a change travels between nodes; {@link #parse} reads it. */
    public String text() {
        return applicationNumber + " " + status + " " + since;
    }

    /** The status written by {@link #text()}. */
    public static ApplicationStatus parse(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not an application status: " + text);
        }
        return new ApplicationStatus(parts[0], parts[1], Instant.parse(parts[2]));
    }
}
