package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;
import reactor.core.publisher.Mono;

/** The SMS gateway (SPEC.md §8): an outside system behind a port. */
public interface SmsGateway {

    /** Sends one text message to a verified-format mobile number. */
    Mono<Void> send(PhoneNumber to, String text);
}
