package az.ekabinet.query.streams;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The events a server-sent-event endpoint sends, each by its {@code event:} name with the type of its {@code data:}
 * JSON: put on the handler method, it puts them into the operation's entry of the OpenAPI document (OpenAPI has no
 * words for an event stream's events of its own).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventStream {

    Event[] value();

    /** One kind of event. */
    @interface Event {

        String name();

        Class<?> data();
    }
}
