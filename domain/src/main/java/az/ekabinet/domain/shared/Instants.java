package az.ekabinet.domain.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Instants as they come on the wire: ISO-8601 with an offset ("2026-01-15T10:00:00+04:00" or "…Z"). They are
 * kept to the microsecond, the precision PostgreSQL stores, so that every view of an instant agrees.
 */
public final class Instants {

    public static final String FORMAT_RULE = "INSTANT_FORMAT";
    /** The service's civil time: deadlines, "this year" and printed times are Baku's. */
    public static final java.time.ZoneId BAKU = java.time.ZoneId.of("Asia/Baku");

    private Instants() {
    }

    /** Now, to the microsecond. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The current year in Baku. */
    public static int currentYear(java.time.Clock clock) {
        return clock.instant().atZone(BAKU).getYear();
    }

    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }
}
