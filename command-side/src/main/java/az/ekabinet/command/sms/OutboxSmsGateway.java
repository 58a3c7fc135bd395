package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The default adapter: nothing leaves the service, each message is stored in {@link SmsOutbox} so that the demo
 * (and an acceptance script) can read the codes back and finish a registration with no outside gateway.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.sms.mode", havingValue = "outbox", matchIfMissing = true)
public class OutboxSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(OutboxSmsGateway.class);

    private final SmsOutbox outbox;

    public OutboxSmsGateway(SmsOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public Mono<Void> send(PhoneNumber to, String text) {
        return Mono.defer(() -> {
            SmsText.requireSendable(to, text);
            return outbox.append(to, text)
                    .doOnSuccess(done -> log.debug("SMS to {} stored in the outbox", to.masked()));
        });
    }
}
