package az.ekabinet.config.web;

import az.ekabinet.command.shared.RequestId;
import az.ekabinet.config.web.ProblemWriter.Problem;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.TooManyRequestsException;
import az.ekabinet.domain.shared.ValidationFailedException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import reactor.core.publisher.Mono;

/**
 * The single mapping of every failure to problem+json, never by message text: domain refusals by their code, the
 * client's transport mistakes (malformed JSON, wrong types, oversized bodies, wrong media types, unknown paths)
 * to a 4xx, a database that cannot be reached (restarting, failing over) to a 503 the client may retry, and only
 * what is truly the server's fault to a 500, logged with its stack trace, without internals on the wire.
 * Runs before Spring Boot's own handler.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);
    /** What HikariCP's stand-in for a connection it evicted throws (ProxyConnection.ClosedConnection). */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private final ProblemWriter writer;

    public ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            // a stream failing half-way (e.g. a stuck ops-stream client cut off): no problem document can be written
            // any more; passing the failure on makes the server log it and drop the connection, so the client sees
            // an unfinished response rather than one that looks complete
            return Mono.error(failure);
        }
        Problem problem = toProblem(failure);
        RequestId.inMdc(RequestIds.of(exchange), () -> logged(exchange, failure, problem));
        return writer.write(exchange, problem);
    }

    /**
     * How a failure is logged, once, here: what is truly the server's fault (a 500) at ERROR with its stack trace; a
     * database that cannot be reached at WARN, one line; everything else is an answer the service meant to give (a
     * refusal, the client's mistake, a full queue, an outside system down, which its client logs itself) and is one
     * DEBUG line, never a stack trace. The line carries the request's id (the failure may arrive on any thread) and
     * names the request by its route, not its path ({@link RequestIds#route}).
     */
    private static void logged(ServerWebExchange exchange, Throwable failure, Problem problem) {
        if (problem.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            log.warn("Database unreachable on {} {}: {}", exchange.getRequest().getMethod(), RequestIds.route(exchange),
                    rootCause(failure).toString());
        } else if (problem.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("Unexpected failure on {} {}", exchange.getRequest().getMethod(), RequestIds.route(exchange),
                    failure);
        } else if (log.isDebugEnabled()) {
            log.debug("{} {} answered {} {}", exchange.getRequest().getMethod(), RequestIds.route(exchange),
                    ProblemCatalog.status(problem.code()).value(), problem.code());
        }
    }

    static Problem toProblem(Throwable failure) {
        if (failure instanceof ValidationFailedException invalid) {
            return new Problem(ErrorCode.VALIDATION_FAILED, Map.of(), invalid.errors(), HttpHeaders.EMPTY);
        }
        if (failure instanceof TooManyRequestsException tooMany) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(tooMany.retryAfterSeconds()));
            return new Problem(tooMany.code(), tooMany.properties(), List.of(), headers);
        }
        if (failure instanceof DomainException domain) {
            return new Problem(domain.code(), domain.properties(), List.of(), HttpHeaders.EMPTY);
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return Problem.of(ErrorCode.PAYLOAD_TOO_LARGE);
        }
        if (failure instanceof WebExchangeBindException bind) {
            return new Problem(ErrorCode.VALIDATION_FAILED, Map.of(), bind.getFieldErrors().stream()
                    .map(e -> new FieldError(e.getField(), "INVALID")).toList(), HttpHeaders.EMPTY);
        }
        if (failure instanceof MissingRequestValueException missing) {
            return new Problem(ErrorCode.VALIDATION_FAILED, Map.of(),
                    List.of(new FieldError(missing.getName(), "REQUIRED")), HttpHeaders.EMPTY);
        }
        if (failure instanceof ServerWebInputException input) {
            MismatchedInputException mismatch = cause(input, MismatchedInputException.class);
            if (mismatch != null && !mismatch.getPath().isEmpty()) {
                boolean unknownEnumValue = mismatch instanceof InvalidFormatException format
                        && format.getTargetType() != null && format.getTargetType().isEnum();
                String rule = mismatch instanceof UnrecognizedPropertyException ? "UNKNOWN_FIELD"
                        : unknownEnumValue ? "UNKNOWN_VALUE" : "WRONG_TYPE";
                return new Problem(ErrorCode.VALIDATION_FAILED, Map.of(), List.of(new FieldError(path(mismatch), rule)),
                        HttpHeaders.EMPTY);
            }
            return Problem.of(ErrorCode.MALFORMED_REQUEST);
        }
        if (failure instanceof UnsupportedMediaTypeStatusException) {
            return Problem.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        }
        if (failure instanceof NotAcceptableStatusException) {
            return Problem.of(ErrorCode.NOT_ACCEPTABLE);
        }
        if (failure instanceof MethodNotAllowedException notAllowed) {
            HttpHeaders headers = new HttpHeaders();
            headers.setAllow(notAllowed.getSupportedMethods());
            return new Problem(ErrorCode.METHOD_NOT_ALLOWED, Map.of(), List.of(), headers);
        }
        if (failure instanceof ResponseStatusException status) {
            return switch (HttpStatus.valueOf(status.getStatusCode().value())) {
                case NOT_FOUND -> Problem.of(ErrorCode.NOT_FOUND);
                case PAYLOAD_TOO_LARGE -> Problem.of(ErrorCode.PAYLOAD_TOO_LARGE);
                case UNAUTHORIZED -> Problem.of(ErrorCode.UNAUTHENTICATED);
                case FORBIDDEN -> Problem.of(ErrorCode.FORBIDDEN);
                default -> status.getStatusCode().is4xxClientError()
                        ? Problem.of(ErrorCode.MALFORMED_REQUEST) : Problem.of(ErrorCode.INTERNAL_ERROR);
            };
        }
        if (failure instanceof AuthenticationException) {
            return Problem.of(ErrorCode.UNAUTHENTICATED);
        }
        if (failure instanceof AccessDeniedException) {
            return Problem.of(ErrorCode.FORBIDDEN);
        }
        if (causedBy(failure, RejectedExecutionException.class)) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "1");
            return new Problem(ErrorCode.SERVICE_BUSY, Map.of(), List.of(), headers);
        }
        if (databaseUnreachable(failure)) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, "2");
            return new Problem(ErrorCode.SERVICE_UNAVAILABLE, Map.of(), List.of(), headers);
        }
        return Problem.of(ErrorCode.INTERNAL_ERROR);
    }

    /**
     * The database could not be reached or went away mid-request: no connection (refused, pool timed out), a
     * connection broken (SQLSTATE class 08), the server shutting down, starting up or recovering (57P01–57P03), over
     * JDBC (event store, projections) or R2DBC (reads, sessions). Once HikariCP has evicted a broken connection, a
     * unit of work still holding it gets Hikari's own "Connection is closed", which carries no SQLSTATE at all.
     * A SQL error of any other kind is a bug: a 500.
     */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof R2dbcNonTransientResourceException
                    || t instanceof R2dbcTransientResourceException
                    || t instanceof SQLException sql && (connectionState(sql.getSQLState())
                            || sql.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage()))
                    || t instanceof R2dbcException r2dbc && connectionState(r2dbc.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        return cause(failure, type) != null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
