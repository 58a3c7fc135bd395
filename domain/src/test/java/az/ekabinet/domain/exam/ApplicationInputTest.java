package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.exam.application.ApplicationInput;
import az.ekabinet.domain.exam.application.ApplicationInput.ManualBachelor;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.ExamChoices;
import az.ekabinet.domain.exam.application.Gpa;
import az.ekabinet.domain.exam.application.MasterEducation;
import az.ekabinet.domain.exam.application.MasterEducationKind;
import az.ekabinet.domain.exam.application.PreviousNames;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every rule of the application's input, field by field. */
class ApplicationInputTest {

    static final int THIS_YEAR = 2026;
    static final ManualBachelor VALID = new ManualBachelor("11703", 2015, 2019, "50632", "2015/1234", "ta", "123456",
            "az", "100", "87.5");

    /** The field errors a parse leaves, or none. */
    private static List<FieldError> errors(Function<FieldValidation, ?> parse) {
        var v = new FieldValidation();
        parse.apply(v);
        try {
            v.throwIfInvalid();
            return List.of();
        } catch (ValidationFailedException e) {
            return e.errors();
        }
    }

    private static <T> T valid(Function<FieldValidation, T> parse) {
        var v = new FieldValidation();
        T value = parse.apply(v);
        v.throwIfInvalid();
        return value;
    }

    private static List<FieldError> bachelorErrors(ManualBachelor input) {
        return errors(v -> ApplicationInput.manualBachelor(input, THIS_YEAR, v));
    }

    @Test
    void previousNamesAreOptionalAzerbaijaniNamesCapitalisedTheTurkicWay() {
        assertThat((Object) valid(v -> ApplicationInput.previousNames(" quliyeva ", null, "", v)))
                .isEqualTo(new PreviousNames("Quliyeva", null, null));
        assertThat((Object) valid(v -> ApplicationInput.previousNames("ismayılova", "ilahə", null, v)))
                .isEqualTo(new PreviousNames("İsmayılova", "İlahə", null));
        assertThat(valid(v -> ApplicationInput.previousNames(null, null, null, v)).unchanged()).isTrue();
        assertThat(errors(v -> ApplicationInput.previousNames("Smith1", "Wanda", "Иван", v)))
                .extracting(FieldError::field).containsExactly("surname", "name", "patronymic");
    }

    @Test
    void theResidenceIsADistrictFromTheList() {
        assertThat(valid(v -> ApplicationInput.residence(" shaki ", v)).districtCode()).isEqualTo("SHAKI");
        assertThat(errors(v -> ApplicationInput.residence("ATLANTIS", v)))
                .containsExactly(new FieldError("districtCode", ApplicationInput.CODE_UNKNOWN));
        assertThat(errors(v -> ApplicationInput.residence(null, v)))
                .containsExactly(new FieldError("districtCode", FieldValidation.REQUIRED));
    }

    @Test
    void aManualBachelorTakesItsNamesFromTheListsAndKeepsItsGpaExact() {
        BachelorEducation education = valid(v -> ApplicationInput.manualBachelor(VALID, THIS_YEAR, v));
        assertThat(education).isEqualTo(new BachelorEducation(BachelorSource.MANUAL, null, null, "11703",
                "Azərbaycan Texniki Universiteti", 2015, 2019, "50632",
                "İnformasiya texnologiyaları və sistemləri mühəndisliyi", "2015/1234", "TA", "123456", "AZ",
                new Gpa("100", "87.5")));
        BachelorEducation noGpa = valid(v -> ApplicationInput.manualBachelor(new ManualBachelor("11726", 2018, 2026,
                "50634", null, "AB", "0001", "RU", null, " "), THIS_YEAR, v));
        assertThat(noGpa.gpa()).isNull();
        assertThat(noGpa.admissionCaseNumber()).isNull();
    }

    @Test
    void aManualBachelorRefusesEveryBrokenFieldAtOnce() {
        assertThat(bachelorErrors(new ManualBachelor("99999", 2019, 2027, "5063", "#1", "T4", "12", "XX", "7", "1")))
                .containsExactlyInAnyOrder(
                        new FieldError("institutionCode", ApplicationInput.CODE_UNKNOWN),
                        new FieldError("specialtyCode", ApplicationInput.CODE_UNKNOWN),
                        new FieldError("graduationYear", ApplicationInput.YEAR_RANGE),
                        new FieldError("admissionCaseNumber", ApplicationInput.ADMISSION_CASE_FORMAT),
                        new FieldError("diplomaSeries", ApplicationInput.DIPLOMA_SERIES_FORMAT),
                        new FieldError("diplomaNumber", ApplicationInput.DIPLOMA_NUMBER_FORMAT),
                        new FieldError("instructionLanguage", ApplicationInput.UNKNOWN_VALUE),
                        new FieldError("gpaScale", Gpa.SCALE_RULE));
        assertThat(bachelorErrors(new ManualBachelor(null, null, null, null, null, null, null, null, null, null)))
                .extracting(FieldError::field).containsExactlyInAnyOrder("institutionCode", "specialtyCode",
                        "admissionYear", "graduationYear", "diplomaSeries", "diplomaNumber", "instructionLanguage");
    }

    @Test
    void yearsAreInOrderAndNotInTheFuture() {
        assertThat(bachelorErrors(new ManualBachelor("11703", 2019, 2019, "50632", null, "TA", "123456", "AZ", null,
                null))).containsExactly(new FieldError("admissionYear", ApplicationInput.ADMISSION_AFTER_GRADUATION));
        assertThat(bachelorErrors(new ManualBachelor("11703", 1939, 2019, "50632", null, "TA", "123456", "AZ", null,
                null))).containsExactly(new FieldError("admissionYear", ApplicationInput.YEAR_RANGE));
        assertThat(bachelorErrors(new ManualBachelor("11703", 2022, THIS_YEAR, "50632", null, "TA", "123456", "AZ",
                null, null))).as("graduating this year is allowed").isEmpty();
    }

    @Test
    void aGpaHasBothPartsAndLiesWithinItsScale() {
        assertThat(bachelorErrors(withGpa("100", null))).containsExactly(new FieldError("gpaValue",
                ApplicationInput.GPA_INCOMPLETE));
        assertThat(bachelorErrors(withGpa(null, "3.5"))).containsExactly(new FieldError("gpaScale",
                ApplicationInput.GPA_INCOMPLETE));
        assertThat(bachelorErrors(withGpa("4", "4.01"))).containsExactly(new FieldError("gpaValue", Gpa.RANGE_RULE));
        assertThat(bachelorErrors(withGpa("100", "0"))).containsExactly(new FieldError("gpaValue", Gpa.RANGE_RULE));
        assertThat(bachelorErrors(withGpa("100", "87.555"))).containsExactly(new FieldError("gpaValue", Gpa.FORMAT_RULE));
        assertThat(bachelorErrors(withGpa("100", "8e1"))).containsExactly(new FieldError("gpaValue", Gpa.FORMAT_RULE));
        assertThat(valid(v -> ApplicationInput.manualBachelor(withGpa("4", "4"), THIS_YEAR, v)).gpa())
                .isEqualTo(new Gpa("4", "4"));
    }

    private static ManualBachelor withGpa(String scale, String value) {
        return new ManualBachelor("11703", 2015, 2019, "50632", null, "TA", "123456", "AZ", scale, value);
    }

    @Test
    void aMastersEducationIsNoneOrNamesItsInstitutionAndYear() {
        assertThat((Object) valid(v -> ApplicationInput.master("none", null, null, THIS_YEAR, v))).isEqualTo(MasterEducation.NONE);
        assertThat((Object) valid(v -> ApplicationInput.master("STATE_FUNDED", "11701", 2021, THIS_YEAR, v)))
                .isEqualTo(new MasterEducation(MasterEducationKind.STATE_FUNDED, "11701", "Bakı Dövlət Universiteti", 2021));
        assertThat(errors(v -> ApplicationInput.master("PAID", null, null, THIS_YEAR, v)))
                .containsExactly(new FieldError("institutionCode", FieldValidation.REQUIRED),
                        new FieldError("graduationYear", FieldValidation.REQUIRED));
        assertThat(errors(v -> ApplicationInput.master("NONE", "11701", 2021, THIS_YEAR, v)))
                .containsExactly(new FieldError("institutionCode", ApplicationInput.NOT_FOR_NO_MASTER),
                        new FieldError("graduationYear", ApplicationInput.NOT_FOR_NO_MASTER));
        assertThat(errors(v -> ApplicationInput.master("FREE", null, null, THIS_YEAR, v)))
                .containsExactly(new FieldError("kind", ApplicationInput.UNKNOWN_VALUE));
        assertThat(errors(v -> ApplicationInput.master("PAID", "11701", THIS_YEAR + 1, THIS_YEAR, v)))
                .containsExactly(new FieldError("graduationYear", ApplicationInput.YEAR_RANGE));
    }

    @Test
    void theRussianSectionCannotChooseRussian() {
        assertThat((Object) valid(v -> ApplicationInput.examChoices("ru", "en", null, v)))
                .isEqualTo(new ExamChoices("RU", "EN", List.of()));
        assertThat(valid(v -> ApplicationInput.examChoices("AZ", "RU", List.of(), v)).foreignLanguage()).isEqualTo("RU");
        assertThat(errors(v -> ApplicationInput.examChoices("RU", "RU", null, v)))
                .containsExactly(new FieldError("foreignLanguage", ApplicationInput.RUSSIAN_IN_RUSSIAN_SECTION));
        assertThat(errors(v -> ApplicationInput.examChoices("EN", "ES", null, v)))
                .containsExactly(new FieldError("section", ApplicationInput.UNKNOWN_VALUE),
                        new FieldError("foreignLanguage", ApplicationInput.UNKNOWN_VALUE));
    }

    @Test
    void upToTwentyDistinctKnownSpecializationsInTheCitizensOrder() {
        List<String> twenty = IntStream.range(0, 25).mapToObj(i -> specializationCodes().get(i)).limit(20).toList();
        assertThat(valid(v -> ApplicationInput.examChoices("AZ", "EN", twenty, v)).specializationCodes())
                .containsExactlyElementsOf(twenty);
        List<String> twentyOne = specializationCodes().subList(0, 21);
        assertThat(errors(v -> ApplicationInput.examChoices("AZ", "EN", twentyOne, v)))
                .containsExactly(new FieldError("specializationCodes", ApplicationInput.TOO_MANY_SPECIALIZATIONS));
        assertThat(errors(v -> ApplicationInput.examChoices("AZ", "EN", List.of("060501", "999999", "060501"), v)))
                .containsExactly(new FieldError("specializationCodes[1]", ApplicationInput.CODE_UNKNOWN),
                        new FieldError("specializationCodes[2]", ApplicationInput.DUPLICATE_SPECIALIZATION));
        List<String> withNull = new ArrayList<>();
        withNull.add(null);
        assertThat(errors(v -> ApplicationInput.examChoices("AZ", "EN", withNull, v)))
                .containsExactly(new FieldError("specializationCodes[0]", FieldValidation.REQUIRED));
    }

    private static List<String> specializationCodes() {
        return az.ekabinet.domain.reference.ReferenceData.shipped()
                .items(az.ekabinet.domain.reference.ReferenceData.Kind.SPECIALIZATIONS).stream()
                .map(az.ekabinet.domain.reference.ReferenceData.Item::code).toList();
    }

    @Test
    void aGpaParsesOnlyKnownScales() {
        assertThatThrownBy(() -> Gpa.parse("10", "5")).hasMessage(Gpa.SCALE_RULE);
        assertThat(Gpa.parse("100", "087.50")).isEqualTo(new Gpa("100", "87.50"));
    }
}
