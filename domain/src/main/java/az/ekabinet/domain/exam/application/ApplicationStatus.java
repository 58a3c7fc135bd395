package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** An application's status ({@code DRAFT} or {@code CONFIRMED}) since {@code since}: the answer and the updates. */
public record ApplicationStatus(String applicationNumber, String status, Instant since) {

    public static final String DRAFT = "DRAFT";
    public static final String CONFIRMED = "CONFIRMED";
}
