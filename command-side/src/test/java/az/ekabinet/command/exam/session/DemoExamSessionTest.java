package az.ekabinet.command.exam.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import az.ekabinet.command.shared.CommandDispatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.scheduler.Schedulers;

/** Nodes of a cluster starting together on a fresh database all publish the demo session; each one starts. */
class DemoExamSessionTest {

    /** A gateway whose successive sends end with these outcomes (a Throwable: that failure), given to the callback. */
    private static CommandGateway answering(Object... outcomes) {
        CommandGateway gateway = mock(CommandGateway.class);
        AtomicInteger sent = new AtomicInteger();
        doAnswer(invocation -> {
            CommandMessage<Object> command = invocation.getArgument(0);
            CommandCallback<Object, Object> callback = invocation.getArgument(1);
            Object outcome = outcomes[Math.min(sent.getAndIncrement(), outcomes.length - 1)];
            callback.onResult(command, outcome instanceof Throwable failure
                    ? GenericCommandResultMessage.asCommandResultMessage(failure)
                    : GenericCommandResultMessage.asCommandResultMessage(outcome));
            return null;
        }).when(gateway).send(any(CommandMessage.class), any(CommandCallback.class));
        return gateway;
    }

    @Test
    void aNodeThatLosesTheRaceToPublishFindsTheSessionSetsItsResultSheetAndStarts() {
        CommandGateway gateway = answering(new AggregateStreamCreationException("another node published it"), "done");
        var meters = new SimpleMeterRegistry();
        var demo = new DemoExamSession(new CommandDispatcher(gateway, Schedulers.immediate(), meters),
                Clock.systemUTC());

        assertThatCode(demo::publish).doesNotThrowAnyException();
        var sent = ArgumentCaptor.forClass(CommandMessage.class);
        verify(gateway, times(3)).send(sent.capture(), any(CommandCallback.class));
        assertThat(sent.getAllValues()).extracting(command -> command.getPayloadType().getSimpleName())
                .containsExactly("PublishExamSession", "PublishExamSession", "DefineResultSheet");
        assertThat(meters.get("ekabinet_command_retries").tag("command", "PublishExamSession").counter().count())
                .as("the lost race is counted").isEqualTo(1.0);
    }

    @Test
    void anyOtherFailureStillStopsTheStart() {
        CommandGateway gateway = answering(new EventStoreException("disk full"));
        var demo = new DemoExamSession(new CommandDispatcher(gateway, Schedulers.immediate(), new SimpleMeterRegistry()),
                Clock.systemUTC());

        assertThatThrownBy(demo::publish).isInstanceOf(EventStoreException.class);
    }
}
