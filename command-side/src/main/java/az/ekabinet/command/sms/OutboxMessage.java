package az.ekabinet.command.sms;

import java.time.Instant;

/** One message stored by the outbox adapter, as the demo reads it back ({@code phone} in E.164). */
public record OutboxMessage(String phone, String text, Instant sentAt) {
}
