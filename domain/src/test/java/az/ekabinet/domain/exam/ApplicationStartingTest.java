package az.ekabinet.domain.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.MovableClock;
import az.ekabinet.domain.exam.application.ApplicationStarting;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.exam.application.StartApplication;
import az.ekabinet.domain.exam.application.StartedApplication;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.exam.session.PublishExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting applications against sessions, on an in-memory Axon configuration with a clock the test moves. */
class ApplicationStartingTest {

    static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    static final String SESSION = "exam-session:s1";

    private final MovableClock now = new MovableClock(NOW);
    private final AtomicInteger numbers = new AtomicInteger();
    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> now)
                .configureAggregate(ExamSession.class)
                .configureAggregate(ExamApplication.class)
                .registerCommandHandler(c -> new ApplicationStarting(c.repository(ExamApplication.class),
                        c.repository(ExamSession.class), () -> Integer.toString(100001 + numbers.getAndIncrement())))
                .start();
        commands = axon.commandGateway();
        commands.sendAndWait(new PublishExamSession(SESSION, "Session", "2025/2026", 1, Money.parse("50.00"),
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private ErrorCode refusal(StartApplication command) {
        try {
            commands.sendAndWait(command);
            throw new AssertionError("expected a refusal");
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void oneApplicationPerCabinetPerSessionKeepsItsFirstNumber() {
        StartedApplication first = commands.sendAndWait(new StartApplication(SESSION, "cabinet:A"));
        StartedApplication again = commands.sendAndWait(new StartApplication(SESSION, "cabinet:A"));
        StartedApplication other = commands.sendAndWait(new StartApplication(SESSION, "cabinet:B"));
        assertThat(first).isEqualTo(new StartedApplication("100001", true));
        assertThat(again).isEqualTo(new StartedApplication("100001", false));
        assertThat(other).as("the repeat used no number up").isEqualTo(new StartedApplication("100002", true));
    }

    @Test
    void theSessionMustBeOpen() {
        now.set(NOW.plus(Duration.ofDays(1)));
        assertThat(refusal(new StartApplication(SESSION, "cabinet:A"))).isEqualTo(ErrorCode.DEADLINE_PASSED);
        now.set(NOW.minus(Duration.ofDays(2)));
        assertThat(refusal(new StartApplication(SESSION, "cabinet:A"))).isEqualTo(ErrorCode.EXAM_SESSION_NOT_OPEN_YET);
        assertThat(refusal(new StartApplication("exam-session:none", "cabinet:A")))
                .isEqualTo(ErrorCode.EXAM_SESSION_NOT_FOUND);
        assertThat(numbers.get()).as("refusals use no number up").isZero();
    }

    @Test
    void anExistingApplicationIsAnsweredEvenAfterTheDeadline() {
        commands.sendAndWait(new StartApplication(SESSION, "cabinet:A"));
        now.set(NOW.plus(Duration.ofDays(5)));
        StartedApplication later = commands.sendAndWait(new StartApplication(SESSION, "cabinet:A"));
        assertThat(later.applicationNumber()).isEqualTo("100001");
        assertThatThrownBy(() -> commands.sendAndWait(new StartApplication(SESSION, "cabinet:B")))
                .isInstanceOf(DomainException.class);
    }
}
