package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.identity.PersonName;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.reference.ReferenceData.Kind;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules of each section's input: raw values as a client sent them become the section's value,
 * or every broken rule is recorded per field in the given {@link FieldValidation}. Codes must exist in the shipped
 * reference lists; years are checked against {@code currentYear} (from the injected clock, so tests control it).
 */
public final class ApplicationInput {

    public static final int EARLIEST_YEAR = 1940;
    public static final String CODE_UNKNOWN = "CODE_UNKNOWN";
    public static final String YEAR_RANGE = "YEAR_RANGE";
    public static final String ADMISSION_AFTER_GRADUATION = "ADMISSION_NOT_BEFORE_GRADUATION";
    public static final String DIPLOMA_SERIES_FORMAT = "DIPLOMA_SERIES_FORMAT";
    public static final String DIPLOMA_NUMBER_FORMAT = "DIPLOMA_NUMBER_FORMAT";
    public static final String ADMISSION_CASE_FORMAT = "ADMISSION_CASE_FORMAT";
    public static final String GPA_INCOMPLETE = "GPA_INCOMPLETE";
    public static final String NOT_FOR_NO_MASTER = "NOT_FOR_NO_MASTER_EDUCATION";
    public static final String RUSSIAN_IN_RUSSIAN_SECTION = "RUSSIAN_IN_RUSSIAN_SECTION";
    public static final String TOO_MANY_SPECIALIZATIONS = "TOO_MANY_SPECIALIZATIONS";
    public static final String DUPLICATE_SPECIALIZATION = "DUPLICATE_SPECIALIZATION";
    public static final String UNKNOWN_VALUE = "UNKNOWN_VALUE";

    private static final ReferenceData LISTS = ReferenceData.shipped();

    private ApplicationInput() {
    }

    /** Previous names: each optional, Azerbaijani letters only, capitalised the Turkic way. */
    public static PreviousNames previousNames(String surname, String name, String patronymic, FieldValidation v) {
        return new PreviousNames(personName("surname", surname, v), personName("name", name, v),
                personName("patronymic", patronymic, v));
    }

    public static Residence residence(String districtCode, FieldValidation v) {
        return new Residence(code(Kind.DISTRICTS, "districtCode", districtCode, v));
    }

    /** The fields of a bachelor's education entered by hand ("Bakalavr təhsilim göstərilməyib"). */
    public record ManualBachelor(String institutionCode, Integer admissionYear, Integer graduationYear,
                                 String specialtyCode, String admissionCaseNumber, String diplomaSeries,
                                 String diplomaNumber, String instructionLanguage, String gpaScale, String gpaValue) {
    }

    public static BachelorEducation manualBachelor(ManualBachelor in, int currentYear, FieldValidation v) {
        String institution = code(Kind.INSTITUTIONS, "institutionCode", in.institutionCode(), v);
        String specialty = code(Kind.SPECIALTIES, "specialtyCode", in.specialtyCode(), v);
        Integer admitted = year("admissionYear", in.admissionYear(), currentYear, v);
        Integer graduated = year("graduationYear", in.graduationYear(), currentYear, v);
        if (admitted != null && graduated != null && admitted >= graduated) {
            v.reject("admissionYear", ADMISSION_AFTER_GRADUATION);
        }
        String caseNumber = v.parseOptional("admissionCaseNumber", in.admissionCaseNumber(),
                text -> matching(text.strip().toUpperCase(Locale.ROOT), "[A-Z0-9/-]{1,20}", ADMISSION_CASE_FORMAT));
        String series = v.parse("diplomaSeries", in.diplomaSeries(),
                text -> matching(text.strip().toUpperCase(Locale.ROOT), "[A-Z]{1,4}", DIPLOMA_SERIES_FORMAT));
        String number = v.parse("diplomaNumber", in.diplomaNumber(),
                text -> matching(text.strip(), "[0-9]{4,10}", DIPLOMA_NUMBER_FORMAT));
        String language = code(Kind.INSTRUCTION_LANGUAGES, "instructionLanguage", in.instructionLanguage(), v);
        Gpa gpa = gpa(in.gpaScale(), in.gpaValue(), v);
        if (institution == null || specialty == null || admitted == null || graduated == null || series == null
                || number == null || language == null || !v.isValid()) {
            return null;
        }
        return new BachelorEducation(BachelorSource.MANUAL, null, null, institution, name(Kind.INSTITUTIONS, institution),
                admitted, graduated, specialty, name(Kind.SPECIALTIES, specialty), caseNumber, series, number, language,
                gpa);
    }

    /** NONE needs nothing more (and takes nothing more); STATE_FUNDED and PAID need an institution and a year. */
    public static MasterEducation master(String kind, String institutionCode, Integer graduationYear, int currentYear,
                                         FieldValidation v) {
        MasterEducationKind parsed = v.parse("kind", kind, text -> enumValue(MasterEducationKind.class, text));
        if (parsed == null) {
            return null;
        }
        if (parsed == MasterEducationKind.NONE) {
            if (institutionCode != null && !institutionCode.isBlank()) {
                v.reject("institutionCode", NOT_FOR_NO_MASTER);
            }
            if (graduationYear != null) {
                v.reject("graduationYear", NOT_FOR_NO_MASTER);
            }
            return v.isValid() ? MasterEducation.NONE : null;
        }
        String institution = code(Kind.INSTITUTIONS, "institutionCode", institutionCode, v);
        Integer year = year("graduationYear", graduationYear, currentYear, v);
        if (institution == null || year == null) {
            return null;
        }
        return new MasterEducation(parsed, institution, name(Kind.INSTITUTIONS, institution), year);
    }

    /** Section and foreign language (not Russian in the Russian section), up to 20 distinct specializations. */
    public static ExamChoices examChoices(String section, String foreignLanguage, List<String> specializationCodes,
                                          FieldValidation v) {
        String parsedSection = code(Kind.SECTIONS, "section", section, v);
        String language = code(Kind.FOREIGN_LANGUAGES, "foreignLanguage", foreignLanguage, v);
        if ("RU".equals(parsedSection) && "RU".equals(language)) {
            v.reject("foreignLanguage", RUSSIAN_IN_RUSSIAN_SECTION);
        }
        List<String> codes = new ArrayList<>();
        List<String> given = specializationCodes == null ? List.of() : specializationCodes;
        if (given.size() > ExamChoices.MAX_SPECIALIZATIONS) {
            v.reject("specializationCodes", TOO_MANY_SPECIALIZATIONS);
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < given.size(); i++) {
                String code = code(Kind.SPECIALIZATIONS, "specializationCodes[" + i + "]", given.get(i), v);
                if (code != null && !seen.add(code)) {
                    v.reject("specializationCodes[" + i + "]", DUPLICATE_SPECIALIZATION);
                }
                codes.add(code);
            }
        }
        return v.isValid() ? new ExamChoices(parsedSection, language, codes) : null;
    }

    private static String personName(String field, String text, FieldValidation v) {
        PersonName name = v.parseOptional(field, text, PersonName::parse);
        return name == null ? null : name.value();
    }

    /** A code that must exist in {@code list}; input is trimmed and upper-cased. */
    private static String code(Kind list, String field, String text, FieldValidation v) {
        return v.parse(field, text, raw -> {
            String code = raw.strip().toUpperCase(Locale.ROOT);
            if (code.length() > 20 || LISTS.find(list, code).isEmpty()) {
                throw new InvalidValueException(list == Kind.SECTIONS || list == Kind.FOREIGN_LANGUAGES
                        || list == Kind.INSTRUCTION_LANGUAGES ? UNKNOWN_VALUE : CODE_UNKNOWN);
            }
            return code;
        });
    }

    private static String name(Kind list, String code) {
        return LISTS.find(list, code).orElseThrow().name();
    }

    /** A year from {@value #EARLIEST_YEAR} up to this year (nobody graduates in the future). */
    private static Integer year(String field, Integer year, int currentYear, FieldValidation v) {
        if (year == null) {
            v.reject(field, FieldValidation.REQUIRED);
            return null;
        }
        if (year < EARLIEST_YEAR || year > currentYear) {
            v.reject(field, YEAR_RANGE);
            return null;
        }
        return year;
    }

    /** Both scale and value, or neither (a GPA is optional). */
    private static Gpa gpa(String scale, String value, FieldValidation v) {
        boolean hasScale = scale != null && !scale.isBlank();
        boolean hasValue = value != null && !value.isBlank();
        if (hasScale != hasValue) {
            v.reject(hasScale ? "gpaValue" : "gpaScale", GPA_INCOMPLETE);
            return null;
        }
        if (!hasScale) {
            return null;
        }
        try {
            return Gpa.parse(scale.strip(), value);
        } catch (InvalidValueException e) {
            v.reject(Gpa.SCALE_RULE.equals(e.rule()) ? "gpaScale" : "gpaValue", e.rule());
            return null;
        }
    }

    private static String matching(String text, String pattern, String rule) {
        if (!text.matches(pattern)) {
            throw new InvalidValueException(rule);
        }
        return text;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(UNKNOWN_VALUE);
        }
    }
}
