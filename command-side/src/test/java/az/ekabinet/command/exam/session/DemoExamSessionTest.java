package az.ekabinet.command.exam.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import az.ekabinet.command.shared.CommandDispatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** Nodes of a cluster starting together on a fresh database all publish the demo session; each one starts. */
class DemoExamSessionTest {

    @Test
    void aNodeThatLosesTheRaceToPublishFindsTheSessionAndStarts() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(
                CompletableFuture.failedFuture(new AggregateStreamCreationException("another node published it")),
                CompletableFuture.completedFuture(null));
        var meters = new SimpleMeterRegistry();
        var demo = new DemoExamSession(new CommandDispatcher(gateway, Schedulers.immediate(), meters),
                Clock.systemUTC());

        assertThatCode(demo::publish).doesNotThrowAnyException();
        verify(gateway, times(2)).send(any());
        assertThat(meters.get("ekabinet_command_retries").tag("command", "PublishExamSession").counter().count())
                .as("the lost race is counted").isEqualTo(1.0);
    }

    @Test
    void anyOtherFailureStillStopsTheStart() {
        CommandGateway gateway = mock(CommandGateway.class);
        when(gateway.send(any())).thenReturn(CompletableFuture.failedFuture(new EventStoreException("disk full")));
        var demo = new DemoExamSession(new CommandDispatcher(gateway, Schedulers.immediate(), new SimpleMeterRegistry()),
                Clock.systemUTC());

        assertThatThrownBy(demo::publish).isInstanceOf(EventStoreException.class);
    }
}
