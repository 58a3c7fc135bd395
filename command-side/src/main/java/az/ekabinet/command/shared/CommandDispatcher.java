package az.ekabinet.command.shared;

import az.ekabinet.domain.shared.DomainException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The only way a web handler sends a command. The local command bus runs the handler, including the JDBC
 * append, in the calling thread, so the send happens on a bounded scheduler sized to the connection pool and
 * never on a Netty thread. The send is lazy, so a retry really sends again: a concurrency failure (another writer
 * appended to the same aggregate first) is transient, so it is retried a few times with jitter.
 *
 * <p>What it logs: nothing above DEBUG. A refusal is an answer, and the caller (for a request, the problem handler)
 * decides how a failure is logged: an unexpected one at ERROR with its stack trace, once. Commands are sent with a
 * callback of their own, not with {@code CommandGateway.send(Object)}, whose callback logs every failure, refusals
 * included, as a WARN of {@code DefaultCommandGateway}. While a command is handled, its thread's MDC holds the id of
 * the request that sent it ({@link RequestId}): the local command bus handles it in this thread, so every line of its
 * unit of work (Axon's, the aggregates', the projections in its transaction) carries that id.
 */
@Component
public class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    static final int MAX_RETRIES = 4;

    private final CommandGateway gateway;
    private final Scheduler commandScheduler;
    private final MeterRegistry meters;

    public CommandDispatcher(CommandGateway gateway, @Qualifier("commandScheduler") Scheduler commandScheduler,
                             MeterRegistry meters) {
        this.gateway = gateway;
        this.commandScheduler = commandScheduler;
        this.meters = meters;
    }

    public <R> Mono<R> send(Object command) {
        return send(command, Map.of());
    }

    /**
     * Sends with metadata the handler's interceptors may use (e.g. a password hash that must be stored in the
     * command's transaction but never in an event). Command messages are not stored.
     */
    public <R> Mono<R> send(Object command, Map<String, ?> metaData) {
        return Mono.deferContextual(context -> Mono.<R>create(sink -> RequestId.inMdc(RequestId.in(context),
                        () -> gateway.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                                answerTo(sink)))))
                .subscribeOn(commandScheduler)
                .retryWhen(Retry.backoff(MAX_RETRIES, Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(200))
                        .jitter(0.5)
                        .filter(CommandDispatcher::isTransient)
                        .doBeforeRetry(signal -> retried(command))
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** The command's outcome to the sink, as {@code CommandGateway.send(Object)}'s future would have it, unlogged. */
    private static <R> CommandCallback<Object, Object> answerTo(MonoSink<R> sink) {
        return (command, result) -> {
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                if (log.isDebugEnabled()) {
                    log.debug("Command {} failed: {}", command.getPayloadType().getSimpleName(), describe(failure));
                }
                sink.error(failure);
            } else {
                if (log.isDebugEnabled()) {
                    log.debug("Command {} handled", command.getPayloadType().getSimpleName());
                }
                @SuppressWarnings("unchecked")
                R payload = (R) result.getPayload();
                sink.success(payload);
            }
        };
    }

    /** A refusal by its code; anything else by its type (its message may hold data, and its caller logs it anyway). */
    private static String describe(Throwable failure) {
        return failure instanceof DomainException refusal ? refusal.code().name() : failure.getClass().getName();
    }

    /** {@code ekabinet_command_retries_total{command}}: the races a command lost (on one node, or between nodes). */
    private void retried(Object command) {
        Counter.builder("ekabinet_command_retries").description("commands sent again after a lost race or deadlock")
                .tag("command", command.getClass().getSimpleName()).register(meters).increment();
    }

    /**
     * A lost optimistic-lock race. {@link AggregateStreamCreationException} is the same race on an aggregate's
     * first event; on a retry the handler sees the aggregate that won and decides again. A database deadlock
     * between two transactions is as transient.
     */
    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException
                    || t instanceof PessimisticLockingFailureException
                    || t instanceof SQLException sql && sql.getSQLState() != null
                            && TRANSIENT_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be tried again. */
    private static final java.util.Set<String> TRANSIENT_SQL_STATES = java.util.Set.of("40P01", "40001");
}
