package az.ekabinet.domain.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The class a node's admission control puts an endpoint's requests in, when it is saturated: each class has slots of
 * its own, and a request that finds none free is refused at once (503 {@code SERVICE_BUSY}). Unmarked endpoints are
 * {@link RequestClass#BROWSING}; event streams take no slot.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AdmittedAs {

    RequestClass value();
}
