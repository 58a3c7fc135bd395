package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.MovableClock;
import az.ekabinet.domain.exam.application.ApplicationConfirmed;
import az.ekabinet.domain.exam.application.ApplicationConfirming;
import az.ekabinet.domain.exam.application.ApplicationEdit;
import az.ekabinet.domain.exam.application.ApplicationEditing;
import az.ekabinet.domain.exam.application.ApplicationProblem;
import az.ekabinet.domain.exam.application.ApplicationStarting;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.ConfirmApplication;
import az.ekabinet.domain.exam.application.ConfirmedApplication;
import az.ekabinet.domain.exam.application.EditApplication;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.exam.application.ExamChoices;
import az.ekabinet.domain.exam.application.Gpa;
import az.ekabinet.domain.exam.application.MasterEducation;
import az.ekabinet.domain.exam.application.MasterEducationKind;
import az.ekabinet.domain.exam.application.PreviousNames;
import az.ekabinet.domain.exam.application.Residence;
import az.ekabinet.domain.exam.application.ResidenceRecorded;
import az.ekabinet.domain.exam.application.StartApplication;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.exam.session.PublishExamSession;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.payment.RecordProviderPayment;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.ValidationFailedException;
import az.ekabinet.domain.wallet.CreditPaymentCode;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.OpenWallet;
import az.ekabinet.domain.wallet.PaymentCodeCrediting;
import az.ekabinet.domain.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's rules across its aggregates (application, session, wallet) on an in-memory Axon configuration
 * with a clock the test moves: filling in, the problems list, confirmation that charges the fee once, read-only
 * after confirmation, nothing after the deadline.
 */
class ExamApplicationRulesTest {

    static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    static final Instant DEADLINE = NOW.plus(Duration.ofDays(10));
    static final String SESSION = "exam-session:s1";
    static final String OWNER = "cabinet:A";
    static final String APPLICATION = ExamApplication.idOf(SESSION, OWNER);
    static final BachelorEducation BACHELOR = new BachelorEducation(BachelorSource.MANUAL, null, null, "11703",
            "Azərbaycan Texniki Universiteti", 2015, 2019, "50632", "İnformasiya texnologiyaları və sistemləri mühəndisliyi",
            null, "TA", "123456", "AZ", new Gpa("100", "87.5"));

    private final MovableClock clock = new MovableClock(NOW);
    private Configuration axon;
    private CommandGateway commands;
    private int codes;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> clock)
                .configureAggregate(ExamSession.class)
                .configureAggregate(ExamApplication.class)
                .configureAggregate(Payment.class)
                .configureAggregate(Wallet.class)
                .registerCommandHandler(c -> new ApplicationStarting(c.repository(ExamApplication.class),
                        c.repository(ExamSession.class), () -> "100001"))
                .registerCommandHandler(c -> new ApplicationEditing(c.repository(ExamApplication.class),
                        c.repository(ExamSession.class)))
                .registerCommandHandler(c -> new ApplicationConfirming(c.repository(ExamApplication.class),
                        c.repository(ExamSession.class), c.repository(Wallet.class)))
                .registerCommandHandler(c -> new PaymentCodeCrediting(c.repository(Payment.class),
                        c.repository(Wallet.class)))
                .start();
        commands = axon.commandGateway();
        commands.sendAndWait(new PublishExamSession(SESSION, "Session", "2025/2026", 1, Money.parse("50.00"),
                NOW.minus(Duration.ofDays(1)), DEADLINE));
        commands.sendAndWait(new OpenWallet(OWNER, "100000009"));
        commands.sendAndWait(new StartApplication(SESSION, OWNER));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private void fund(String amount) {
        PaymentCode code = PaymentCode.of("CODE%06d".formatted(++codes));
        commands.sendAndWait(new RecordProviderPayment(code, Money.parse(amount), DocumentNumber.parse("AZE12345678"),
                NOW.minusSeconds(60), "demo-bank"));
        commands.sendAndWait(new CreditPaymentCode(OWNER, code));
    }

    private void edit(ApplicationEdit edit) {
        commands.sendAndWait(new EditApplication(APPLICATION, OWNER, edit));
    }

    private void fillIn() {
        edit(new Residence("BAKU"));
        edit(BACHELOR);
        edit(MasterEducation.NONE);
        edit(new ExamChoices("AZ", "EN", List.of("060501")));
    }

    private ConfirmedApplication confirm() {
        return commands.sendAndWait(new ConfirmApplication(APPLICATION, OWNER, true));
    }

    private List<Object> eventsOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    private long feeDebits() {
        return eventsOf(Wallet.idOf(OWNER)).stream().filter(FundsDebited.class::isInstance).count();
    }

    private static DomainException refusal(Runnable action) {
        try {
            action.run();
            throw new AssertionError("expected a refusal");
        } catch (DomainException e) {
            return e;
        }
    }

    @Test
    void theProblemsListNamesEveryMissingSectionInFormOrder() {
        DomainException incomplete = refusal(this::confirm);
        assertThat(incomplete.code()).isEqualTo(ErrorCode.APPLICATION_INCOMPLETE);
        assertThat(incomplete.properties().get("problems")).isEqualTo(List.of(ApplicationProblem.RESIDENCE_MISSING,
                ApplicationProblem.BACHELOR_MISSING, ApplicationProblem.MASTER_MISSING,
                ApplicationProblem.EXAM_CHOICES_MISSING));
        edit(new Residence("BAKU"));
        edit(BACHELOR);
        assertThat(refusal(this::confirm).properties().get("problems"))
                .isEqualTo(List.of(ApplicationProblem.MASTER_MISSING, ApplicationProblem.EXAM_CHOICES_MISSING));
    }

    @Test
    void aMastersDegreeBeforeTheBachelorsIsAProblemUntilEitherYearIsFixed() {
        fund("60.00");
        fillIn();
        edit(new MasterEducation(MasterEducationKind.PAID, "11701", "Bakı Dövlət Universiteti", 2018));
        assertThat(refusal(this::confirm).properties().get("problems"))
                .isEqualTo(List.of(ApplicationProblem.MASTER_BEFORE_BACHELOR));
        edit(new MasterEducation(MasterEducationKind.PAID, "11701", "Bakı Dövlət Universiteti", 2021));
        assertThat(confirm().feeCharged()).isEqualTo(Money.parse("50.00"));
    }

    @Test
    void confirmationChargesTheFeeOnceAndAnswersRepeatsWithTheSameOutcome() {
        fund("70.00");
        fillIn();
        ConfirmedApplication first = confirm();
        ConfirmedApplication again = confirm();

        assertThat(first.feeCharged()).isEqualTo(Money.parse("50.00"));
        assertThat(first.balance()).isEqualTo(Money.parse("20.00"));
        assertThat(again).isEqualTo(first);
        assertThat(feeDebits()).isEqualTo(1);
        assertThat(eventsOf(Wallet.idOf(OWNER))).last()
                .isEqualTo(new FundsDebited(Wallet.idOf(OWNER), OWNER, 5000, 2000, "EXAM_FEE:100001", NOW));
        assertThat(eventsOf(APPLICATION)).last()
                .isEqualTo(new ApplicationConfirmed(APPLICATION, "100001", SESSION, OWNER, 5000, NOW));
    }

    @Test
    void notEnoughMoneyTellsWhatIsMissingAndChargesNothing() {
        fund("30.00");
        fillIn();
        DomainException refused = refusal(this::confirm);
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS);
        assertThat(refused.properties().get("missingAmount")).isEqualTo("20.00");
        assertThat(feeDebits()).isZero();
        assertThat(eventsOf(APPLICATION)).noneMatch(ApplicationConfirmed.class::isInstance);

        fund("20.00");
        assertThat(confirm().balance()).isEqualTo(Money.ZERO);
    }

    @Test
    void withoutConsentNothingIsCharged() {
        fund("50.00");
        fillIn();
        DomainException refused = refusal(() -> commands.sendAndWait(new ConfirmApplication(APPLICATION, OWNER, false)));
        assertThat(refused).isInstanceOf(ValidationFailedException.class);
        assertThat(((ValidationFailedException) refused).errors()).singleElement()
                .satisfies(error -> assertThat(error.rule()).isEqualTo(ApplicationConfirming.CONSENT_REQUIRED));
        assertThat(feeDebits()).isZero();
    }

    @Test
    void aConfirmedApplicationIsReadOnly() {
        fund("50.00");
        fillIn();
        confirm();
        int events = eventsOf(APPLICATION).size();
        assertThat(refusal(() -> edit(new Residence("GANJA"))).code()).isEqualTo(ErrorCode.APPLICATION_ALREADY_CONFIRMED);
        assertThat(refusal(() -> edit(new PreviousNames("Quliyeva", null, null))).code())
                .isEqualTo(ErrorCode.APPLICATION_ALREADY_CONFIRMED);
        assertThat(eventsOf(APPLICATION)).hasSize(events);
    }

    @Test
    void afterTheDeadlineNothingCanBeChangedOrConfirmed() {
        fund("50.00");
        fillIn();
        clock.set(DEADLINE);
        assertThat(refusal(() -> edit(new Residence("GANJA"))).code()).isEqualTo(ErrorCode.DEADLINE_PASSED);
        assertThat(refusal(this::confirm).code()).isEqualTo(ErrorCode.DEADLINE_PASSED);
        assertThat(refusal(() -> commands.sendAndWait(new StartApplication(SESSION, "cabinet:B"))).code())
                .isEqualTo(ErrorCode.DEADLINE_PASSED);
        assertThat(feeDebits()).isZero();

        clock.set(DEADLINE.minusSeconds(1));
        assertThat(confirm().feeCharged()).isEqualTo(Money.parse("50.00"));
        clock.set(DEADLINE.plus(Duration.ofDays(1)));
        assertThat(confirm().feeCharged()).as("a confirmed application still answers after the deadline")
                .isEqualTo(Money.parse("50.00"));
    }

    @Test
    void onlyTheOwnerReachesTheApplication() {
        fund("50.00");
        fillIn();
        assertThat(refusal(() -> commands.sendAndWait(new EditApplication(APPLICATION, "cabinet:B", new Residence("GANJA"))))
                .code()).isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(refusal(() -> commands.sendAndWait(new ConfirmApplication(APPLICATION, "cabinet:B", true))).code())
                .isEqualTo(ErrorCode.APPLICATION_NOT_FOUND);
        assertThat(feeDebits()).isZero();
    }

    @Test
    void anEditThatChangesNothingRecordsNothing() {
        edit(new Residence("BAKU"));
        edit(new Residence("BAKU"));
        edit(new Residence("SHAKI"));
        assertThat(eventsOf(APPLICATION).stream().filter(ResidenceRecorded.class::isInstance)
                .map(e -> ((ResidenceRecorded) e).residence().districtCode())).containsExactly("BAKU", "SHAKI");
    }
}
