package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** A master's education already had; institution and year are null for {@code NONE}. */
public record MasterEducation(MasterEducationKind kind, String institutionCode, String institutionName,
                              Integer graduationYear) implements ApplicationEdit {

    public static final MasterEducation NONE = new MasterEducation(MasterEducationKind.NONE, null, null, null);

    @Override
    public SectionRecorded recordedFor(String applicationId, Instant at) {
        return new MasterEducationRecorded(applicationId, this, at);
    }
}
