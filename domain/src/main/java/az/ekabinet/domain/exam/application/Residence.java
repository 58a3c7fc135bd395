package az.ekabinet.domain.exam.application;

import java.time.Instant;

/** The actual place of residence ("Faktiki yaşadığı məntəqə"), a district code; it decides the exam city. */
public record Residence(String districtCode) implements ApplicationEdit {

    @Override
    public SectionRecorded recordedFor(String applicationId, Instant at) {
        return new ResidenceRecorded(applicationId, this, at);
    }
}
