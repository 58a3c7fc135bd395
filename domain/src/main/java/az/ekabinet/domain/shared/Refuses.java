package az.ekabinet.domain.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an operation of the API can answer with, besides those every operation of its kind can (bad input,
 * authentication, the database away): put on the handler method, it puts each code, with its status, into the
 * operation's entry of the OpenAPI document, which the integration tests hold every answer to.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {

    ErrorCode[] value();
}
