package az.ekabinet.config.web;

import az.ekabinet.command.shared.Locales;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Turns error codes and field rules into their status and human text: Azerbaijani by default, English when
 * the client prefers it ({@code Accept-Language: en}).
 */
@Component
public class ProblemCatalog {

    public static final Locale AZERBAIJANI = Locales.AZERBAIJANI;

    private final MessageSource messages;

    public ProblemCatalog(MessageSource messages) {
        this.messages = messages;
        // Resource bundles load lazily from the jar; load them now, at start-up, so that the first error
        // answered on a Netty thread does not read a file there.
        for (Locale locale : new Locale[] {AZERBAIJANI, Locale.ENGLISH}) {
            detail(ErrorCode.INTERNAL_ERROR, new Object[0], locale);
        }
    }

    public static HttpStatus status(ErrorCode code) {
        return switch (code.kind()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** The locale of the answer: English if the client ranks it above Azerbaijani, else Azerbaijani. */
    public static Locale locale(ServerHttpRequest request) {
        return Locales.of(request);
    }

    public String detail(ErrorCode code, Object[] args, Locale locale) {
        return messages.getMessage("problem." + code.name(), args, code.name(), locale);
    }

    public String rule(String rule, Locale locale) {
        return messages.getMessage("rule." + rule, null, rule, locale);
    }
}
