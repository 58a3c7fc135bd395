package az.ekabinet.command.shared;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A command dispatcher for unit tests: records what is sent (only when the send is subscribed to, as the real one
 * sends only then) and answers with what {@code answers} gives for the command: a result, null (an empty Mono), or
 * a {@link Throwable} to fail with.
 */
public class RecordingCommands extends CommandDispatcher {

    public record Sent(Object command, Map<String, ?> metaData) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Function<Object, Object> answers;

    public RecordingCommands(Function<Object, Object> answers) {
        super(null, Schedulers.immediate(), new SimpleMeterRegistry());
        this.answers = answers;
    }

    /** Every command succeeds without a result. */
    public RecordingCommands() {
        this(command -> null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Mono<R> send(Object command, Map<String, ?> metaData) {
        return Mono.defer(() -> {
            sent.add(new Sent(command, metaData));
            Object answer = answers.apply(command);
            return answer instanceof Throwable failure ? Mono.error(failure) : Mono.justOrEmpty((R) answer);
        });
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The commands sent, in order. */
    public List<Object> commands() {
        return sent.stream().map(Sent::command).toList();
    }
}
