package az.ekabinet.command.cabinet.identity;

import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import reactor.core.publisher.Mono;

/** The state identity registry (SPEC.md §8): an outside system behind a port. */
public interface IdentityRegistry {

    /** The person holding this document, if the document and the FIN belong together; empty Mono if they do not. */
    Mono<PersonRecord> find(DocumentNumber document, Fin fin);
}
