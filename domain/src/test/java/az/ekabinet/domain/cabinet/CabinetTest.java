package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CabinetTest {

    static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    static final String ID = "cabinet:5ZK3M7P";
    static final PersonRecord ELVIN = new PersonRecord("5ZK3M7P", "AZE", "12345678", "Məmmədov", "Elvin", "Əli oğlu",
            LocalDate.of(1999, 3, 14), "M", "Azərbaycan Respublikası", "Bakı", LocalDate.of(2019, 4, 1),
            LocalDate.of(2029, 4, 1), "ASAN xidmət");
    static final String PHONE = "+994501234567";

    private AggregateTestFixture<Cabinet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Cabinet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static RegistrationStarted started(String registrationId) {
        return new RegistrationStarted(ID, registrationId, ELVIN, NOW.minusSeconds(60));
    }

    private static ContactProvided contact(String phone) {
        return new ContactProvided(ID, "r1", phone, null);
    }

    private static CabinetActivated activated() {
        return new CabinetActivated(ID, "100000009", "5ZK3M7P", PHONE, null, NOW);
    }

    private static org.hamcrest.Matcher<?> refusedWith(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    @Test
    void registrationStartsForAConfirmedPerson() {
        fixture.givenNoPriorActivity()
                .when(new StartRegistration(ID, "r1", ELVIN))
                .expectEvents(new RegistrationStarted(ID, "r1", ELVIN, NOW));
    }

    @Test
    void anUnfinishedRegistrationCanBeStartedAgain() {
        fixture.given(started("r1"), contact(PHONE))
                .when(new StartRegistration(ID, "r2", ELVIN))
                .expectEvents(new RegistrationStarted(ID, "r2", ELVIN, NOW));
    }

    @Test
    void anActiveCabinetIsNeverRegisteredAgain() {
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW), activated())
                .when(new StartRegistration(ID, "r2", ELVIN))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.CABINET_ALREADY_EXISTS));
    }

    @Test
    void stepsOfAnotherRegistrationAreNotFound() {
        fixture.given(started("r1"))
                .when(new ProvideContact(ID, "r-old", PhoneNumber.parse(PHONE), null))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.REGISTRATION_NOT_FOUND));
    }

    @Test
    void contactIsRecorded() {
        fixture.given(started("r1"))
                .when(new ProvideContact(ID, "r1", PhoneNumber.parse("050 123 45 67"), Email.parse("elvin@Mail.AZ")))
                .expectEvents(new ContactProvided(ID, "r1", PHONE, "elvin@mail.az"));
    }

    @Test
    void thePhoneMustBeTheOneGiven() {
        fixture.given(started("r1"), contact(PHONE))
                .when(new VerifyRegistrationPhone(ID, "r1", PhoneNumber.parse("+994551234567")))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER));
    }

    @Test
    void activationNeedsAVerifiedPhone() {
        fixture.given(started("r1"), contact(PHONE))
                .when(new ActivateCabinet(ID, "r1", CabinetNumber.issue(10_000_000)))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER));
    }

    @Test
    void changingThePhoneDuringRegistrationNeedsAFreshVerification() {
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW),
                        contact("+994551234567"))
                .when(new ActivateCabinet(ID, "r1", CabinetNumber.issue(10_000_000)))
                .expectException(refusedWith(ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER));
    }

    @Test
    void aVerifiedRegistrationIsActivatedWithItsNumber() {
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW))
                .when(new ActivateCabinet(ID, "r1", CabinetNumber.issue(10_000_000)))
                .expectEvents(activated());
    }

    @Test
    void aCompletedRegistrationCannotBeCompletedAgain() {
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW), activated())
                .when(new ActivateCabinet(ID, "r1", CabinetNumber.issue(10_000_001)))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.REGISTRATION_ALREADY_COMPLETED));
    }

    @Test
    void aRenewedDocumentMustBeTheSamePersons() {
        var someoneElse = new PersonRecord("2HBX9QD", "AZE", "87654321", "Həsənova", "Aygün", "Rəşad qızı",
                LocalDate.of(2000, 11, 2), "F", "Azərbaycan Respublikası", "Bakı", null, null, null);
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW), activated())
                .when(new RenewIdentityDocument(ID, someoneElse))
                .expectNoEvents()
                .expectException(refusedWith(ErrorCode.DOCUMENT_NOT_RENEWED));
    }

    @Test
    void aRenewedDocumentReplacesTheOld() {
        var renewed = new PersonRecord("5ZK3M7P", "AZE", "55667788", "Məmmədov", "Elvin", "Əli oğlu",
                LocalDate.of(1999, 3, 14), "M", "Azərbaycan Respublikası", "Bakı", LocalDate.of(2025, 2, 10),
                LocalDate.of(2035, 2, 10), "ASAN xidmət");
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW), activated())
                .when(new RenewIdentityDocument(ID, renewed))
                .expectEvents(new IdentityDocumentRenewed(ID, renewed, NOW));
    }

    @Test
    void contactChangesOnlyRecordRealChanges() {
        fixture.given(started("r1"), contact(PHONE), new RegistrationPhoneVerified(ID, "r1", PHONE, NOW), activated())
                .when(new ChangePhone(ID, PhoneNumber.parse(PHONE)))
                .expectNoEvents();
    }
}
