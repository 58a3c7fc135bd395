package az.ekabinet.command.exam.graduate;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.shared.DemoDataFile;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.Gpa;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.reference.ReferenceData;
import az.ekabinet.domain.reference.ReferenceData.Kind;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The demo registry answers with exactly the published demo graduates that clients and acceptance scripts rely on. */
class DemoGraduateRegistryTest {

    private final DemoGraduateRegistry registry = new DemoGraduateRegistry();

    @Test
    void elvinStudiedAtTheTechnicalUniversityAndHasNoGpaInTheRegistry() {
        StepVerifier.create(registry.recordsOf(Fin.of("5ZK3M7P")))
                .assertNext(records -> assertThat(records).singleElement().satisfies(record -> {
                    assertThat(record.source()).isEqualTo(BachelorSource.REGISTRY);
                    assertThat(record.registry()).isEqualTo("TMMS");
                    assertThat(record.recordId()).isNotBlank();
                    assertThat(record.institutionCode()).isEqualTo("11703");
                    assertThat(record.institutionName()).isEqualTo("Azərbaycan Texniki Universiteti");
                    assertThat(record.admissionYear()).isEqualTo(2015);
                    assertThat(record.graduationYear()).isEqualTo(2019);
                    assertThat(record.specialtyCode()).isEqualTo("50632");
                    assertThat(record.specialtyName())
                            .isEqualTo("İnformasiya texnologiyaları və sistemləri mühəndisliyi");
                    assertThat(record.admissionCaseNumber()).isNotBlank();
                    assertThat(record.diplomaSeries()).isEqualTo("TA");
                    assertThat(record.diplomaNumber()).isEqualTo("123456");
                    assertThat(record.instructionLanguage()).isEqualTo("AZ");
                    assertThat(record.gpa()).isNull();
                }))
                .verifyComplete();
    }

    @Test
    void aygunGraduatedFromOdlarYurduWith87AndAHalfOutOf100() {
        StepVerifier.create(registry.recordsOf(Fin.of("2hbx9qd")))
                .assertNext(records -> assertThat(records).singleElement().satisfies(record -> {
                    assertThat(record.registry()).isEqualTo("TMMS");
                    assertThat(record.institutionCode()).isEqualTo("11726");
                    assertThat(record.institutionName()).isEqualTo("\"Odlar Yurdu\" Universiteti");
                    assertThat(record.admissionYear()).isEqualTo(2018);
                    assertThat(record.graduationYear()).isEqualTo(2022);
                    assertThat(record.gpa()).isEqualTo(new Gpa("100", "87.5"));
                }))
                .verifyComplete();
    }

    @Test
    void rustemStudiedAbroad() {
        StepVerifier.create(registry.recordsOf(Fin.of("7TRN4WE")))
                .assertNext(records -> assertThat(records).singleElement().satisfies(record -> {
                    assertThat(record.source()).isEqualTo(BachelorSource.REGISTRY);
                    assertThat(record.registry()).isEqualTo("ABROAD");
                    assertThat(record.institutionCode()).startsWith("ABR-");
                    assertThat(ReferenceData.shipped().find(Kind.INSTITUTIONS, record.institutionCode())).isEmpty();
                    assertThat(record.gpa()).isEqualTo(new Gpa("4", "3.42"));
                }))
                .verifyComplete();
    }

    @Test
    void someoneTheRegistryDoesNotKnowHasNoRecords() {
        StepVerifier.create(registry.recordsOf(Fin.of("8KTY5UV")))
                .assertNext(records -> assertThat(records).isEmpty())
                .verifyComplete();
    }

    @Test
    void codesFromTheReferenceListsCarryTheirNamesThere() {
        ReferenceData reference = ReferenceData.shipped();
        List<BachelorEducation> records = allDemoRecords();
        assertThat(records).hasSizeGreaterThanOrEqualTo(3);
        for (BachelorEducation record : records) {
            var institution = reference.find(Kind.INSTITUTIONS, record.institutionCode());
            var specialty = reference.find(Kind.SPECIALTIES, record.specialtyCode());
            if ("TMMS".equals(record.registry())) {
                // Institutions at home are all in our list; only those abroad have the agency's own codes.
                assertThat(institution).as("institution of %s", record.recordId()).isPresent();
                assertThat(specialty).as("specialty of %s", record.recordId()).isPresent();
            }
            institution.ifPresent(item -> assertThat(record.institutionName())
                    .as("institution name of %s", record.recordId()).isEqualTo(item.name()));
            specialty.ifPresent(item -> assertThat(record.specialtyName())
                    .as("specialty name of %s", record.recordId()).isEqualTo(item.name()));
        }
    }

    /** Every record of the data file, whoever's, read the way the registry reads them. */
    private static List<BachelorEducation> allDemoRecords() {
        Map<String, List<GraduateRecord>> file = DemoDataFile.read(DemoGraduateRegistry.DATA_FILE,
                new TypeReference<>() { });
        return file.values().stream().flatMap(records -> GraduateRecord.canonical(records).stream()).toList();
    }
}
