package az.ekabinet.command.cabinet.identity;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The demo registry answers with exactly the published demo citizens that clients and acceptance scripts rely on. */
class DemoIdentityRegistryTest {

    private final DemoIdentityRegistry registry = new DemoIdentityRegistry();

    @Test
    void findsElvinWithHisWholeDocument() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AZE12345678"), Fin.of("5ZK3M7P")))
                .assertNext(person -> assertThat(person).isEqualTo(new PersonRecord("5ZK3M7P", "AZE", "12345678",
                        "Məmmədov", "Elvin", "Əli oğlu", LocalDate.of(1999, 3, 14), "M", "Azərbaycan Respublikası",
                        "Bakı şəhəri, Nəsimi rayonu, Azadlıq prospekti, ev 45, mənzil 12",
                        LocalDate.of(2019, 4, 1), LocalDate.of(2029, 4, 1), "ASAN xidmət")))
                .verifyComplete();
    }

    @Test
    void findsElvinByHisRenewedDocument() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AZE55667788"), Fin.of("5ZK3M7P")))
                .assertNext(person -> {
                    assertThat(person.fin()).isEqualTo("5ZK3M7P");
                    assertThat(person.documentSeries()).isEqualTo("AZE");
                    assertThat(person.documentNumber()).isEqualTo("55667788");
                    assertThat(person.surname()).isEqualTo("Məmmədov");
                    assertThat(person.name()).isEqualTo("Elvin");
                    assertThat(person.birthDate()).isEqualTo(LocalDate.of(1999, 3, 14));
                    assertThat(person.documentIssuedOn()).isEqualTo(LocalDate.of(2025, 2, 10));
                    assertThat(person.documentValidUntil()).isEqualTo(LocalDate.of(2035, 2, 10));
                })
                .verifyComplete();
    }

    @Test
    void findsAygun() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AZE87654321"), Fin.of("2HBX9QD")))
                .assertNext(person -> {
                    assertThat(person.surname()).isEqualTo("Həsənova");
                    assertThat(person.name()).isEqualTo("Aygün");
                    assertThat(person.patronymic()).isEqualTo("Rəşad qızı");
                    assertThat(person.birthDate()).isEqualTo(LocalDate.of(2000, 11, 2));
                    assertThat(person.gender()).isEqualTo("F");
                })
                .verifyComplete();
    }

    @Test
    void findsRustemByHisOlderIdCard() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AA1234567"), Fin.of("7trn4we")))
                .assertNext(person -> {
                    assertThat(person.documentSeries()).isEqualTo("AA");
                    assertThat(person.surname()).isEqualTo("Quliyev");
                    assertThat(person.name()).isEqualTo("Rüstəm");
                    assertThat(person.patronymic()).isEqualTo("İlqar oğlu");
                    assertThat(person.birthDate()).isEqualTo(LocalDate.of(1998, 6, 30));
                    assertThat(person.gender()).isEqualTo("M");
                })
                .verifyComplete();
    }

    @Test
    void findsAForeignerByAResidencePermit() {
        StepVerifier.create(registry.find(DocumentNumber.parse("MYI2045718"), Fin.of("8KTY5UV")))
                .assertNext(person -> {
                    assertThat(person.documentSeries()).isEqualTo("MYI");
                    assertThat(person.surname()).isEqualTo("Öztürk");
                    assertThat(person.citizenship()).isNotEqualTo("Azərbaycan Respublikası");
                })
                .verifyComplete();
    }

    @Test
    void aRightDocumentWithAnotherPersonsFinIsNotFound() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AZE12345678"), Fin.of("2HBX9QD")))
                .verifyComplete();
    }

    @Test
    void anUnknownDocumentIsNotFound() {
        StepVerifier.create(registry.find(DocumentNumber.parse("AZE00000001"), Fin.of("5ZK3M7P")))
                .verifyComplete();
    }

    @Test
    void theSameNumberInAnotherSeriesIsNotFound() {
        StepVerifier.create(registry.find(DocumentNumber.parse("MYI12345678"), Fin.of("5ZK3M7P")))
                .verifyComplete();
    }
}
