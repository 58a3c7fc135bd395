package az.ekabinet.domain.exam.application;

import java.time.Instant;
import java.util.List;

/**
 * The exam section ({@code AZ} or {@code RU}), the foreign language ({@code EN}, {@code DE}, {@code FR}, {@code RU};
 * never Russian in the Russian section) and up to 20 distinct specialization codes, in the citizen's order.
 */
public record ExamChoices(String section, String foreignLanguage, List<String> specializationCodes)
        implements ApplicationEdit {

    public static final int MAX_SPECIALIZATIONS = 20;

    public ExamChoices {
        specializationCodes = specializationCodes == null ? List.of() : List.copyOf(specializationCodes);
    }

    @Override
    public SectionRecorded recordedFor(String applicationId, Instant at) {
        return new ExamChoicesRecorded(applicationId, this, at);
    }
}
