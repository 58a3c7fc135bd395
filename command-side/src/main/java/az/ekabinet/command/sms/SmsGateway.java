package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;
import reactor.core.publisher.Mono;

/**
 * The port to the SMS gateway, another organisation's system. Two adapters: {@link OutboxSmsGateway}
 * (the default; stores the message so the demo can read it back) and {@link HttpSmsGateway} (the real gateway),
 * chosen by {@code ekabinet.sms.mode}.
 * <p>
 * Adapters never block the calling thread and never log the text: it carries one-time codes. A text is 1 to 480
 * characters (three concatenated segments); anything else is a programming error (IllegalArgumentException).
 * When the gateway is down, too slow, refuses the message or its circuit is open, the Mono fails with
 * {@link az.ekabinet.domain.shared.ExternalServiceUnavailableException} ("sms-gateway").
 */
public interface SmsGateway {

    /** Sends one text message to a verified-format mobile number. */
    Mono<Void> send(PhoneNumber to, String text);
}
