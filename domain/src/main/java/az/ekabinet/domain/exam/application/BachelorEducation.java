package az.ekabinet.domain.exam.application;

import java.time.Instant;

/**
 * The bachelor's education of an application, as the graduate registry gave it or as the citizen
 * entered it. {@code recordId} and {@code registry} ({@code TMMS} or {@code ABROAD}) are set for registry records
 * only; {@code admissionCaseNumber} and {@code gpa} may be absent (a blank registry GPA stays blank). Names travel
 * with their codes, so the application shows what the citizen chose even if a list changes later.
 */
public record BachelorEducation(BachelorSource source, String recordId, String registry, String institutionCode,
                                String institutionName, int admissionYear, int graduationYear, String specialtyCode,
                                String specialtyName, String admissionCaseNumber, String diplomaSeries,
                                String diplomaNumber, String instructionLanguage, Gpa gpa) implements ApplicationEdit {

    @Override
    public SectionRecorded recordedFor(String applicationId, Instant at) {
        return new BachelorEducationRecorded(applicationId, this, at);
    }
}
