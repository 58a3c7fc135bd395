package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** The event of one section filled in: it knows how it changes the form, for the aggregate and the read model. */
public interface SectionRecorded {

    String applicationId();

    Instant recordedAt();

    ApplicationForm applyTo(ApplicationForm form);
}
