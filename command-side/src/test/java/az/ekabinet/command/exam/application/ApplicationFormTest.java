package az.ekabinet.command.exam.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.exam.graduate.GraduateRegistry;
import az.ekabinet.command.shared.RecordingCommands;
import az.ekabinet.domain.exam.application.ApplicationInput;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.EditApplication;
import az.ekabinet.domain.exam.application.Residence;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.ValidationFailedException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The application form's edits, without HTTP: to the owner's application only, registry records from the registry. */
class ApplicationFormTest {

    private static final String CABINET_ID = "cabinet:5ZK3M7P";
    private static final String APPLICATION_ID = "application:100001";
    private static final BachelorEducation IN_2024 = record("tmms-1", 2024);
    private static final BachelorEducation NEXT_YEAR = record("tmms-2", 2027);

    private final OwnedApplications applications = mock(OwnedApplications.class);
    private final CabinetRegistry cabinets = mock(CabinetRegistry.class);
    private final AtomicInteger registryAsked = new AtomicInteger();
    private final GraduateRegistry graduates = fin -> Mono.fromCallable(() -> {
        registryAsked.incrementAndGet();
        return fin.equals(Fin.of("5ZK3M7P")) ? List.of(IN_2024, NEXT_YEAR) : List.<BachelorEducation>of();
    });
    private final RecordingCommands commands = new RecordingCommands();
    private final ApplicationForm form = new ApplicationForm(applications, commands, cabinets, graduates,
            Clock.fixed(Instant.parse("2026-05-01T08:00:00Z"), ZoneOffset.UTC));

    ApplicationFormTest() {
        when(applications.idOf(anyString(), anyString()))
                .thenReturn(Mono.error(new DomainException(ErrorCode.APPLICATION_NOT_FOUND)));
        when(applications.idOf("100001", CABINET_ID)).thenReturn(Mono.just(APPLICATION_ID));
        when(cabinets.byCabinetId(CABINET_ID)).thenReturn(Mono.just(new CabinetRegistry.Entry(CABINET_ID, "5ZK3M7P",
                "ACTIVE", "100000425", "+994501234567", true, "AZE12345678", null, "Məmmədov E. Ə.")));
    }

    private static BachelorEducation record(String recordId, int graduationYear) {
        return new BachelorEducation(BachelorSource.REGISTRY, recordId, "TMMS", "001", "Bakı Dövlət Universiteti",
                graduationYear - 4, graduationYear, "050101", "Riyaziyyat", "A-1", "B", "123456", "AZ", null);
    }

    private static void refusedWith(ErrorCode code, Runnable action) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class,
                refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    @Test
    void anEditGoesToTheOwnersApplication() {
        form.edit("100001", CABINET_ID, new Residence("AZ-BAK")).block();

        assertThat(commands.commands()).containsExactly(new EditApplication(APPLICATION_ID, CABINET_ID,
                new Residence("AZ-BAK")));
    }

    @Test
    void anotherCitizensApplicationIsNotFoundAndNothingIsSentOrAsked() {
        refusedWith(ErrorCode.APPLICATION_NOT_FOUND,
                () -> form.edit("100001", "cabinet:7AB2CD3", new Residence("AZ-BAK")).block());
        refusedWith(ErrorCode.APPLICATION_NOT_FOUND, () -> form.bachelorRecords("100002", CABINET_ID).block());
        refusedWith(ErrorCode.APPLICATION_NOT_FOUND,
                () -> form.chooseRegistryRecord("100002", CABINET_ID, "tmms-1").block());

        assertThat(commands.commands()).isEmpty();
        assertThat(registryAsked).hasValue(0);
    }

    @Test
    void theOwnerSeesTheRegistrysRecordsOfTheirFin() {
        assertThat(form.bachelorRecords("100001", CABINET_ID).block()).containsExactly(IN_2024, NEXT_YEAR);
    }

    @Test
    void aChosenRecordIsTheRegistrysOwn() {
        form.chooseRegistryRecord("100001", CABINET_ID, "tmms-1").block();

        assertThat(commands.commands()).containsExactly(new EditApplication(APPLICATION_ID, CABINET_ID, IN_2024));
        assertThat(registryAsked).hasValue(1);
    }

    @Test
    void aRecordTheRegistryDoesNotHoldOrThatGraduatesAfterThisYearIsRefused() {
        assertThatThrownBy(() -> form.chooseRegistryRecord("100001", CABINET_ID, "made-up").block())
                .isInstanceOfSatisfying(ValidationFailedException.class, refusal -> assertThat(refusal.errors())
                        .containsExactly(new FieldError("recordId", ApplicationForm.RECORD_UNKNOWN)));
        assertThatThrownBy(() -> form.chooseRegistryRecord("100001", CABINET_ID, "tmms-2").block())
                .isInstanceOfSatisfying(ValidationFailedException.class, refusal -> assertThat(refusal.errors())
                        .containsExactly(new FieldError("recordId", ApplicationInput.YEAR_RANGE)));

        assertThat(commands.commands()).isEmpty();
    }
}
