package az.ekabinet.command.cabinet.identity;

import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import reactor.core.publisher.Mono;

/**
 * The state identity registry: another organisation's system, asked at registration and on a document renewal whether
 * an identity document and a FIN belong to the same person. Two adapters: {@link DemoIdentityRegistry} (demo citizens
 * from a shipped data file, the default) and {@link HttpIdentityRegistry} (the real service).
 *
 * <p>Implementations never block the subscribing thread: callers are on Netty event loops. When the registry cannot
 * answer (down, too slow, circuit open, or an answer we cannot use) the Mono fails with
 * {@link az.ekabinet.domain.shared.ExternalServiceUnavailableException} for service {@value #SERVICE}: nothing was
 * decided about the citizen, who may simply try again.
 */
public interface IdentityRegistry {

    /** The service name carried by {@code ExternalServiceUnavailableException} (and shown in its problem document). */
    String SERVICE = "identity-registry";

    /** The person holding this document, if the document and the FIN belong together; empty Mono if they do not. */
    Mono<PersonRecord> find(DocumentNumber document, Fin fin);
}
