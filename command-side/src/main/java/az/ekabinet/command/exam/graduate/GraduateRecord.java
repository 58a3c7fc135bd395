package az.ekabinet.command.exam.graduate;

import static az.ekabinet.command.shared.http.UnusableAnswer.present;
import static az.ekabinet.command.shared.http.UnusableAnswer.within;

import az.ekabinet.command.shared.http.UnusableAnswer;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.Gpa;
import az.ekabinet.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One bachelor record on the wire: as the real registry sends it (see {@link HttpGraduateRegistry}) and as the demo
 * data file holds it, so that both adapters accept exactly the same records. Years are numbers; {@code gpa} is
 * {@code {"scale": "100", "value": 87.5}} (the value a number or a string such as {@code "87.5"}), or null or with an
 * empty value where the registry has none; {@code admissionCaseNumber} may be absent. Unknown fields are the
 * mapper's business: tolerated over HTTP, refused in the demo file.
 */
record GraduateRecord(String recordId, String registry, String institutionCode, String institutionName,
                      Integer admissionYear, Integer graduationYear, String specialtyCode, String specialtyName,
                      String admissionCaseNumber, String diplomaSeries, String diplomaNumber,
                      String instructionLanguage, WireGpa gpa) {

    /** The registries a record may come from: TMMS, or the quality-assurance agency for studies abroad. */
    private static final Set<String> REGISTRIES = Set.of("TMMS", "ABROAD");
    private static final int FIRST_YEAR = 1940;
    private static final int LAST_YEAR = 2100;
    private static final int CODE_MAX = 32;
    private static final int NAME_MAX = 200;
    private static final int NUMBER_MAX = 32;
    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Z]{2}");

    /** The value as a JSON number or string; read exactly, never through floating point. */
    record WireGpa(String scale, BigDecimal value) {
    }

    /**
     * The records in our canonical form (trimmed, codes upper-case). A record we could not keep or show makes the
     * whole answer unusable: the registry is off, and the citizen must not get a 500 or a half-truth for it. The
     * reasons name the record's position only, never its content: that is personal data.
     */
    static List<BachelorEducation> canonical(List<GraduateRecord> records) {
        if (records == null) {
            throw new UnusableAnswer("null instead of a list of bachelor records");
        }
        List<BachelorEducation> educations = new ArrayList<>();
        Set<String> recordIds = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            GraduateRecord record = records.get(i);
            if (record == null) {
                throw unusable(i, "null");
            }
            BachelorEducation education = record.canonical(i);
            if (!recordIds.add(education.recordId())) {
                throw unusable(i, "duplicate recordId");
            }
            educations.add(education);
        }
        return List.copyOf(educations);
    }

    private BachelorEducation canonical(int position) {
        String id = trimmed(recordId);
        require(id != null && RECORD_ID.matcher(id).matches(), position, "recordId missing or malformed");
        String source = code(registry);
        require(REGISTRIES.contains(source), position, "unknown registry");
        String institution = code(institutionCode);
        String institutionTitle = trimmed(institutionName);
        require(present(institution, CODE_MAX) && present(institutionTitle, NAME_MAX), position,
                "institution missing or oversized");
        require(admissionYear != null && graduationYear != null && admissionYear >= FIRST_YEAR
                && admissionYear < graduationYear && graduationYear <= LAST_YEAR, position, "implausible years");
        String specialty = code(specialtyCode);
        String specialtyTitle = trimmed(specialtyName);
        require(present(specialty, CODE_MAX) && present(specialtyTitle, NAME_MAX), position,
                "specialty missing or oversized");
        String caseNumber = trimmed(admissionCaseNumber);
        String series = code(diplomaSeries);
        String number = trimmed(diplomaNumber);
        require(within(caseNumber, NUMBER_MAX) && present(series, CODE_MAX) && present(number, NUMBER_MAX),
                position, "diploma or admission case missing or oversized");
        String language = code(instructionLanguage);
        require(language != null && LANGUAGE.matcher(language).matches(), position,
                "instruction language not a 2-letter code");
        return new BachelorEducation(BachelorSource.REGISTRY, id, source, institution, institutionTitle,
                admissionYear, graduationYear, specialty, specialtyTitle,
                caseNumber == null || caseNumber.isEmpty() ? null : caseNumber, series, number, language,
                gpa(position));
    }

    /** A GPA the registry left blank stays blank (null), never 0. */
    private Gpa gpa(int position) {
        if (gpa == null || gpa.value() == null) {
            return null;
        }
        String scale = code(gpa.scale());
        try {
            return Gpa.parse(scale == null ? "" : scale, gpa.value().toPlainString());
        } catch (InvalidValueException e) {
            throw unusable(position, "GPA with an unknown scale or outside it");
        }
    }

    private static void require(boolean usable, int position, String reason) {
        if (!usable) {
            throw unusable(position, reason);
        }
    }

    private static UnusableAnswer unusable(int position, String reason) {
        return new UnusableAnswer("bachelor record " + (position + 1) + ": " + reason);
    }

    private static String trimmed(String text) {
        return text == null ? null : text.strip();
    }

    private static String code(String text) {
        return text == null ? null : text.strip().toUpperCase(Locale.ROOT);
    }
}
