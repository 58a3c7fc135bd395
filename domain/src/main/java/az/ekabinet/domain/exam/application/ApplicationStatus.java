package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** An application's status ({@code DRAFT} or {@code CONFIRMED}) since {@code since}: the answer and the updates. */
public record ApplicationStatus(String applicationNumber, String status, Instant since) {

    public static final String DRAFT = "DRAFT";
    public static final String CONFIRMED = "CONFIRMED";

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
