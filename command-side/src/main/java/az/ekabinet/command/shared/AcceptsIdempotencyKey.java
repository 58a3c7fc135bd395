package az.ekabinet.command.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a POST endpoint that moves money and so honours {@code Idempotency-Key}: the same key with the same body gets
 * the first successful answer again without doing anything twice. The web filter that keeps the keys, and the API
 * document, find the marked endpoints by this annotation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AcceptsIdempotencyKey {
}
