package az.ekabinet.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.payment.PaymentNotificationConflictException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import az.ekabinet.domain.shared.ValidationFailedException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
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

    private static Throwable catchJackson(String json, Class<?> type) {
        try {
            new ObjectMapper().readValue(json, type);
            throw new AssertionError("expected Jackson to refuse " + json);
        } catch (java.io.IOException e) {
            return e;
        }
    }
}
