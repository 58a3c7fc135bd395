package az.ekabinet.domain.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an event handler class whose processing group runs in the transaction that appends the events, never behind
 * the event store: a table that commands decide on, or a notification that must be sent by that commit. A failure in
 * it rolls the command back. The class also names its processing group; the application's configuration finds the
 * marked ones and registers their groups as subscribing processors.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InCommandTransaction {
}
