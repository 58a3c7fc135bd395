package az.ekabinet.domain.exam;

import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.exam.session.ExamSessionPublished;
import az.ekabinet.domain.exam.session.PublishExamSession;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamSessionTest {

    static final Instant NOW = Instant.parse("2026-01-10T08:00:00Z");
    static final Instant OPENS = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DEADLINE = Instant.parse("2026-03-01T20:00:00Z");
    static final String ID = "exam-session:2025-2026-magistr-1";

    private AggregateTestFixture<ExamSession> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExamSession.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PublishExamSession publish(String fee, Instant deadline) {
        return new PublishExamSession(ID, "2025/2026 — magistraturaya qəbul, 1-ci cəhd", "2025/2026", 1, Money.parse(fee),
                OPENS, deadline);
    }

    private static ExamSessionPublished published() {
        return new ExamSessionPublished(ID, "2025/2026 — magistraturaya qəbul, 1-ci cəhd", "2025/2026", 1, 5000, OPENS,
                DEADLINE, NOW);
    }

    @Test
    void publishesASession() {
        fixture.givenNoPriorActivity().when(publish("50.00", DEADLINE)).expectEvents(published());
    }

    @Test
    void publishingTheSameAgainChangesNothing() {
        fixture.given(published()).when(publish("50.00", DEADLINE)).expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void otherTermsUnderTheSameIdAreRefused() {
        fixture.given(published()).when(publish("60.00", DEADLINE)).expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.code() == ErrorCode.EXAM_SESSION_EXISTS));
    }

    @Test
    void theWindowMustOpenBeforeTheDeadline() {
        fixture.givenNoPriorActivity().when(publish("50.00", OPENS)).expectNoEvents()
                .expectException(Matchers.predicate(e -> e instanceof DomainException d
                        && d.code() == ErrorCode.EXAM_SESSION_WINDOW_INVALID));
    }
}
