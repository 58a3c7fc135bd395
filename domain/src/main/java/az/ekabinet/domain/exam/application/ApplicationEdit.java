package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** A section the citizen fills in; each kind of edit is recorded by its own event. */
public sealed interface ApplicationEdit permits PreviousNames, Residence, BachelorEducation, MasterEducation,
        ExamChoices {

    SectionRecorded recordedFor(String applicationId, Instant at);
}
