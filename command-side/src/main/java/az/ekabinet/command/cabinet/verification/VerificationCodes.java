package az.ekabinet.command.cabinet.verification;

import az.ekabinet.command.sms.SmsProperties;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.command.sms.SmsGateway;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Sha256;
import az.ekabinet.domain.shared.TooManyRequestsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * One-time SMS codes: 6 digits from a cryptographic generator, stored only as a hash, single
 * use, valid 5 minutes, burned after 5 wrong tries; a phone gets a new code no sooner than 60 s after the last
 * and at most 5 an hour. Issuing a code closes the subject's earlier ones.
 */
@Component
public class VerificationCodes {

    public enum Purpose { REGISTRATION, PHONE_CHANGE, PASSWORD_RESET }

    static final Duration VALIDITY = Duration.ofMinutes(5);
    static final Duration RESEND_AFTER = Duration.ofSeconds(60);
    static final int MAX_PER_HOUR = 5;
    static final int MAX_ATTEMPTS = 5;
    /** SMS one client address may cause in an hour: high, since many citizens share a university's or a café's. */
    private final int maxPerAddressPerHour;
    public static final String CODE_RULE = "CODE_FORMAT";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final SmsGateway sms;
    private final MessageSource messages;
    private final Clock clock;
    private final SecureTokens tokens;

    public VerificationCodes(DatabaseClient db, ReactiveTransactionManager transactions, SmsGateway sms,
                             MessageSource messages, Clock clock, SecureTokens tokens,
                             SmsProperties smsSettings) {
        this.maxPerAddressPerHour = smsSettings.maxPerAddressPerHour();
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.sms = sms;
        this.messages = messages;
        this.clock = clock;
        this.tokens = tokens;
    }

    /** What the citizen is told after a code was sent. */
    public record Sent(String maskedPhone, long validForSeconds, long resendAfterSeconds) {
    }

    /** Sends a new code for {@code subject} to {@code phone}, asked for from {@code clientAddress}. */
    public Mono<Sent> issue(Purpose purpose, String subject, PhoneNumber phone, Locale locale, String clientAddress) {
        String code = tokens.sixDigitCode();
        Instant now = clock.instant();
        // Serialise issues per phone, subject and address, so that the limits below hold under concurrent requests.
        Mono<Long> stored = db.sql("""
                        SELECT pg_advisory_xact_lock(hashtext(:phone)), pg_advisory_xact_lock(hashtext(:subject)),
                               pg_advisory_xact_lock(hashtext(:address))""")
                .bind("phone", phone.e164()).bind("subject", purpose.name() + ":" + subject)
                .bind("address", "sms-address:" + clientAddress).then()
                .then(enforceLimits(phone, now))
                .then(enforceSubjectLimit(purpose, subject, now))
                .then(enforceAddressLimit(clientAddress, now))
                .then(db.sql("""
                                UPDATE command.verification_code SET closed_at = :now
                                WHERE purpose = :purpose AND subject = :subject AND closed_at IS NULL""")
                        .bind("now", at(now)).bind("purpose", purpose.name()).bind("subject", subject).then())
                .then(db.sql("""
                                INSERT INTO command.verification_code (purpose, subject, phone, code_hash, created_at,
                                    expires_at, client_address)
                                VALUES (:purpose, :subject, :phone, :hash, :now, :expires, :address) RETURNING id""")
                        .bind("purpose", purpose.name()).bind("subject", subject).bind("phone", phone.e164())
                        .bind("address", clientAddress)
                        .bind("hash", hash(purpose, subject, code)).bind("now", at(now))
                        .bind("expires", at(now.plus(VALIDITY)))
                        .map((row, meta) -> row.get("id", Long.class)).one())
                .as(transaction::transactional);
        String text = messages.getMessage("sms." + purpose.name(), new Object[] {code}, locale);
        return stored.flatMap(id -> sms.send(phone, text)
                // The citizen never got this code: forget it, so that asking again is not "too soon".
                .onErrorResume(e -> db.sql("DELETE FROM command.verification_code WHERE id = :id").bind("id", id)
                        .then().then(Mono.error(e))))
                .thenReturn(new Sent(phone.masked(), VALIDITY.toSeconds(), RESEND_AFTER.toSeconds()));
    }

    private Mono<Void> enforceLimits(PhoneNumber phone, Instant now) {
        return db.sql("""
                        SELECT max(created_at) AS last_sent, min(created_at) AS first_in_hour, count(*) AS sent_in_hour
                        FROM command.verification_code WHERE phone = :phone AND created_at > :hourAgo""")
                .bind("phone", phone.e164()).bind("hourAgo", at(now.minus(Duration.ofHours(1))))
                .map((row, meta) -> {
                    long sent = row.get("sent_in_hour", Long.class);
                    if (sent == 0) {
                        return Boolean.TRUE;
                    }
                    Instant last = row.get("last_sent", OffsetDateTime.class).toInstant();
                    Instant firstInHour = row.get("first_in_hour", OffsetDateTime.class).toInstant();
                    long sinceLast = Duration.between(last, now).toSeconds();
                    if (sinceLast < RESEND_AFTER.toSeconds()) {
                        throw new TooManyRequestsException(ErrorCode.CODE_RESEND_TOO_SOON, RESEND_AFTER.toSeconds() - sinceLast);
                    }
                    if (sent >= MAX_PER_HOUR) {
                        throw new TooManyRequestsException(ErrorCode.SMS_LIMIT_REACHED,
                                Duration.between(now, firstInHour.plus(Duration.ofHours(1))).toSeconds());
                    }
                    return Boolean.TRUE;
                })
                .one()
                .then();
    }

    /** One registration or account gets at most as many codes an hour as one phone, whatever numbers it names. */
    private Mono<Void> enforceSubjectLimit(Purpose purpose, String subject, Instant now) {
        return db.sql("""
                        SELECT count(*) AS sent, min(created_at) AS first_in_hour FROM command.verification_code
                        WHERE purpose = :purpose AND subject = :subject AND created_at > :hourAgo""")
                .bind("purpose", purpose.name()).bind("subject", subject)
                .bind("hourAgo", at(now.minus(Duration.ofHours(1))))
                .map((row, meta) -> {
                    if (row.get("sent", Long.class) >= MAX_PER_HOUR) {
                        Instant first = row.get("first_in_hour", OffsetDateTime.class).toInstant();
                        throw new TooManyRequestsException(ErrorCode.SMS_LIMIT_REACHED,
                                Duration.between(now, first.plus(Duration.ofHours(1))).toSeconds());
                    }
                    return Boolean.TRUE;
                })
                .one()
                .then();
    }

    /** One client address causes at most {@code maxPerAddressPerHour} SMS an hour, whatever phones it names. */
    private Mono<Void> enforceAddressLimit(String clientAddress, Instant now) {
        return db.sql("""
                        SELECT count(*) AS sent, min(created_at) AS first_in_hour FROM command.verification_code
                        WHERE client_address = :address AND created_at > :hourAgo""")
                .bind("address", clientAddress)
                .bind("hourAgo", at(now.minus(Duration.ofHours(1))))
                .map((row, meta) -> {
                    if (row.get("sent", Long.class) >= maxPerAddressPerHour) {
                        Instant first = row.get("first_in_hour", OffsetDateTime.class).toInstant();
                        throw new TooManyRequestsException(ErrorCode.SMS_LIMIT_REACHED,
                                Duration.between(now, first.plus(Duration.ofHours(1))).toSeconds());
                    }
                    return Boolean.TRUE;
                })
                .one()
                .then();
    }

    /** The phone the code was sent to, if {@code code} is the subject's live code; a wrong code costs a try. */
    public Mono<PhoneNumber> verify(Purpose purpose, String subject, String code) {
        Instant now = clock.instant();
        return db.sql("""
                        SELECT id, phone, code_hash FROM command.verification_code
                        WHERE purpose = :purpose AND subject = :subject AND closed_at IS NULL AND expires_at > :now
                        ORDER BY created_at DESC LIMIT 1""")
                .bind("purpose", purpose.name()).bind("subject", subject).bind("now", at(now))
                .map((row, meta) -> new Live(row.get("id", Long.class), row.get("phone", String.class),
                        row.get("code_hash", byte[].class)))
                .one()
                .switchIfEmpty(Mono.error(() -> invalid(0)))
                .flatMap(live -> MessageDigest.isEqual(live.hash, hash(purpose, subject, code))
                        ? consume(live, now)
                        : countWrongTry(live, now));
    }

    private Mono<PhoneNumber> consume(Live live, Instant now) {
        return db.sql("""
                        UPDATE command.verification_code SET closed_at = :now
                        WHERE id = :id AND closed_at IS NULL AND attempts < :max""")
                .bind("now", at(now)).bind("id", live.id).bind("max", MAX_ATTEMPTS)
                .fetch().rowsUpdated()
                .flatMap(updated -> updated == 1 ? Mono.just(new PhoneNumber(live.phone)) : Mono.error(invalid(0)));
    }

    private Mono<PhoneNumber> countWrongTry(Live live, Instant now) {
        return db.sql("""
                        UPDATE command.verification_code
                        SET attempts = attempts + 1, closed_at = CASE WHEN attempts + 1 >= :max THEN :now END
                        WHERE id = :id AND closed_at IS NULL RETURNING attempts""")
                .bind("now", at(now)).bind("id", live.id).bind("max", MAX_ATTEMPTS)
                .map((row, meta) -> row.get("attempts", Integer.class))
                .one()
                .defaultIfEmpty(MAX_ATTEMPTS)
                .flatMap(attempts -> Mono.error(invalid(Math.max(0, MAX_ATTEMPTS - attempts))));
    }

    private static DomainException invalid(int attemptsLeft) {
        return new DomainException(ErrorCode.VERIFICATION_CODE_INVALID, Map.of("attemptsLeft", attemptsLeft));
    }

    private static byte[] hash(Purpose purpose, String subject, String code) {
        return Sha256.of((purpose.name() + ":" + subject + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Live(long id, String phone, byte[] hash) {
    }
}
