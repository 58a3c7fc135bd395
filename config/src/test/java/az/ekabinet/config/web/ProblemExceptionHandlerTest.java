package az.ekabinet.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.payment.PaymentNotificationConflictException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.ValidationFailedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Each kind of failure lands on its code, and only the server's own faults on a 5xx. */
class ProblemExceptionHandlerTest {

    enum Section { AZ, RU }

    record WithEnum(Section section) {
    }

    record WithString(String amount) {
    }

    private static ErrorCode codeOf(Throwable failure) {
        return ProblemExceptionHandler.toProblem(failure).code();
    }

    @Test
    void domainFailuresKeepTheirCodeAndProperties() {
        var problem = ProblemExceptionHandler.toProblem(new PaymentNotificationConflictException("ABCDEFGHIJ"));
        assertThat(problem.code()).isEqualTo(ErrorCode.PAYMENT_NOTIFICATION_CONFLICT);
        assertThat(problem.properties()).containsEntry("paymentCode", "ABCDEFGHIJ");
        assertThat(ProblemCatalog.status(problem.code())).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void validationFailuresListTheirFields() {
        var problem = ProblemExceptionHandler.toProblem(
                new ValidationFailedException(List.of(new FieldError("amount", "MONEY_FORMAT"))));
        assertThat(problem.fieldErrors()).containsExactly(new FieldError("amount", "MONEY_FORMAT"));
        assertThat(ProblemCatalog.status(problem.code())).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void anUnknownEnumValueNamesItsField() {
        Throwable jackson = catchJackson("{\"section\":\"XX\"}", WithEnum.class);
        var problem = ProblemExceptionHandler.toProblem(
                new ServerWebInputException("bad", null, new DecodingException("bad", jackson)));
        assertThat(problem.fieldErrors()).containsExactly(new FieldError("section", "UNKNOWN_VALUE"));
    }

    @Test
    void malformedJsonIsABadRequest() {
        Throwable jackson = catchJackson("{\"amount\":", WithString.class);
        assertThat(codeOf(new ServerWebInputException("bad", null, new DecodingException("bad", jackson))))
                .isEqualTo(ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void transportFailuresAreClientErrors() {
        assertThat(codeOf(new DecodingException("too big", new DataBufferLimitException("limit"))))
                .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(codeOf(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(codeOf(new MethodNotAllowedException(HttpMethod.GET, List.of(HttpMethod.POST))))
                .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
        assertThat(codeOf(new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT))).isEqualTo(ErrorCode.MALFORMED_REQUEST);
    }

    @Test
    void overloadIsA503AndEverythingElseA500() {
        var busy = ProblemExceptionHandler.toProblem(new RejectedExecutionException("queue full"));
        assertThat(busy.code()).isEqualTo(ErrorCode.SERVICE_BUSY);
        assertThat(busy.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(codeOf(new IllegalStateException("bug"))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(ProblemCatalog.status(ErrorCode.INTERNAL_ERROR)).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void anUnreachableDatabaseIsA503ToRetryAndAnyOtherSqlErrorA500() {
        for (Throwable unreachable : List.of(
                new CannotGetJdbcConnectionException("no connection", new SQLTransientConnectionException("timed out")),
                new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                        new R2dbcNonTransientResourceException("the database system is starting up", "57P03")),
                new IllegalStateException("wrapped by Axon", new SQLException("An I/O error occurred", "08006")),
                new SQLException("terminating connection due to administrator command", "57P01"),
                new IllegalStateException("Axon: no statement", new SQLException("Connection is closed")))) {
            var problem = ProblemExceptionHandler.toProblem(unreachable);
            assertThat(problem.code()).as(unreachable.toString()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(problem.headers().getFirst("Retry-After")).isEqualTo("2");
        }
        assertThat(ProblemCatalog.status(ErrorCode.SERVICE_UNAVAILABLE)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(codeOf(new SQLException("syntax error", "42601"))).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(codeOf(new IllegalStateException(new SQLException("no state")))).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    private static Throwable catchJackson(String json, Class<?> type) {
        try {
            new ObjectMapper().readValue(json, type);
            throw new AssertionError("expected Jackson to refuse " + json);
        } catch (java.io.IOException e) {
            return e;
        }
    }
}
