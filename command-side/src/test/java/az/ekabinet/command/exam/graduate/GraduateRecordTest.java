package az.ekabinet.command.exam.graduate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.command.shared.http.UnusableAnswer;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.Gpa;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which registry records we keep, in which canonical form, and which make an answer unusable. Both adapters read
 * records this way, so these rules hold for the real registry and for the demo data file alike.
 */
class GraduateRecordTest {

    private static final String RECORD = WireRecords.TMMS;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordIsTrimmedWithUpperCaseCodes() {
        BachelorEducation record = single(RECORD.replace("\"TMMS\"", "\" tmms \"")
                .replace("\"TA\"", "\"ta \"").replace("\"AZ\"", "\"az\"")
                .replace("\"Azərbaycan Texniki Universiteti\"", "\"  Azərbaycan Texniki Universiteti \""));

        assertThat(record).isEqualTo(new BachelorEducation(BachelorSource.REGISTRY, "TMMS-2019-0451", "TMMS", "11703",
                "Azərbaycan Texniki Universiteti", 2015, 2019, "50632",
                "İnformasiya texnologiyaları və sistemləri mühəndisliyi", "2015-11703-0451", "TA", "123456", "AZ",
                null));
    }

    @ParameterizedTest(name = "GPA {0} is {1} on scale {2}")
    @CsvSource({
            "'{\"scale\":\"100\",\"value\":\"87.5\"}', 87.5, 100",
            "'{\"scale\":\"100\",\"value\":87.50}', 87.50, 100",
            "'{\"scale\":\"4\",\"value\":3.42}', 3.42, 4"})
    void aGpaIsItsScaleAndTheExactValue(String gpa, String value, String scale) {
        BachelorEducation record = single(RECORD.replace("\"gpa\":null", "\"gpa\":" + gpa));

        assertThat(record.gpa()).isEqualTo(new Gpa(scale, value));
    }

    @ParameterizedTest(name = "GPA {0} stays blank")
    @CsvSource(delimiter = '|', value = {"null", "{\"scale\":\"100\",\"value\":null}", "{\"scale\":\"100\"}",
            "{\"scale\":\"100\",\"value\":\"\"}"})
    void aGpaTheRegistryDoesNotHaveStaysBlankNeverZero(String gpa) {
        assertThat(single(RECORD.replace("\"gpa\":null", "\"gpa\":" + gpa)).gpa()).isNull();
    }

    @Test
    void theAdmissionCaseNumberMayBeAbsent() {
        assertThat(single(RECORD.replace("\"2015-11703-0451\"", "\" \"")).admissionCaseNumber()).isNull();
        assertThat(single(RECORD.replace("\"admissionCaseNumber\":\"2015-11703-0451\",", ""))
                .admissionCaseNumber()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no recordId                | \"recordId\":\"TMMS-2019-0451\",                  | ",
            "a recordId with a space    | \"TMMS-2019-0451\"                                | \"TMMS 2019\"",
            "an unknown registry        | \"TMMS\"                                          | \"EDUMAP\"",
            "no institution code        | \"institutionCode\":\"11703\",                    | ",
            "a blank institution name   | \"Azərbaycan Texniki Universiteti\"               | \"  \"",
            "no specialty code          | \"specialtyCode\":\"50632\",                      | ",
            "a blank specialty name     | \"İnformasiya texnologiyaları və sistemləri mühəndisliyi\" | \"\"",
            "no diploma series          | \"diplomaSeries\":\"TA\",                         | ",
            "no diploma number          | \"diplomaNumber\":\"123456\",                     | ",
            "no admission year          | \"admissionYear\":2015,                           | ",
            "admitted when graduating   | \"admissionYear\":2015                            | \"admissionYear\":2019",
            "admitted after graduating  | \"admissionYear\":2015                            | \"admissionYear\":2020",
            "admitted before 1940       | \"admissionYear\":2015                            | \"admissionYear\":1939",
            "graduated after 2100       | \"graduationYear\":2019                           | \"graduationYear\":2101",
            "a 3-letter language        | \"AZ\"                                            | \"AZE\"",
            "no instruction language    | \"instructionLanguage\":\"AZ\",                   | ",
            "a GPA of zero              | \"gpa\":null | \"gpa\":{\"scale\":\"100\",\"value\":0}",
            "a GPA above its scale      | \"gpa\":null | \"gpa\":{\"scale\":\"4\",\"value\":\"4.5\"}",
            "a GPA with 3 decimals      | \"gpa\":null | \"gpa\":{\"scale\":\"100\",\"value\":\"87.125\"}",
            "a GPA on an unknown scale  | \"gpa\":null | \"gpa\":{\"scale\":\"10\",\"value\":\"8.5\"}",
            "a GPA without a scale      | \"gpa\":null | \"gpa\":{\"value\":\"87.5\"}"})
    void aRecordMissingWhatTheApplicationNeedsIsUnusable(String what, String field, String replacement) {
        String broken = RECORD.replace(field.strip(), replacement == null ? "" : replacement.strip());
        assertThat(broken).as("the test changes the record").isNotEqualTo(RECORD);

        assertThatThrownBy(() -> read("[" + broken + "]")).isInstanceOf(UnusableAnswer.class)
                .hasMessageStartingWith("bachelor record 1: ");
    }

    @ParameterizedTest(name = "an oversized {0}")
    @CsvSource({"recordId, TMMS-2019-0451, 65", "institutionCode, 11703, 33",
            "institutionName, Azərbaycan Texniki Universiteti, 201", "diplomaSeries, TA, 33",
            "diplomaNumber, 123456, 33", "admissionCaseNumber, 2015-11703-0451, 33", "specialtyCode, 50632, 33"})
    void anOversizedFieldIsUnusable(String field, String value, int length) {
        String broken = RECORD.replace("\"" + field + "\":\"" + value + "\"",
                "\"" + field + "\":\"" + "A".repeat(length) + "\"");
        assertThat(broken).isNotEqualTo(RECORD);

        assertThatThrownBy(() -> read("[" + broken + "]")).isInstanceOf(UnusableAnswer.class);
        // and one character less is fine
        assertThat(single(broken.replace("A".repeat(length), "A".repeat(length - 1)))).isNotNull();
    }

    @Test
    void twoRecordsWithOneIdAreUnusable() {
        assertThatThrownBy(() -> read("[" + RECORD + "," + RECORD.replace("\"TA\"", "\"TB\"") + "]"))
                .isInstanceOf(UnusableAnswer.class)
                .hasMessage("bachelor record 2: duplicate recordId");
    }

    @Test
    void aNullInTheListIsUnusable() {
        assertThatThrownBy(() -> read("[" + RECORD + ",null]")).isInstanceOf(UnusableAnswer.class);
    }

    @Test
    void theReasonsNameNoPersonalData() {
        assertThatThrownBy(() -> read("[" + RECORD.replace("\"123456\"", "\"\"") + "]"))
                .isInstanceOf(UnusableAnswer.class)
                .message().doesNotContain("TMMS-2019-0451", "11703", "TA", "2015");
    }

    private static BachelorEducation single(String record) {
        List<BachelorEducation> records = read("[" + record + "]");
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static List<BachelorEducation> read(String json) {
        try {
            return GraduateRecord.canonical(JSON.readValue(json, new TypeReference<List<GraduateRecord>>() { }));
        } catch (IOException e) {
            throw new AssertionError("the test's JSON is broken: " + json, e);
        }
    }
}
