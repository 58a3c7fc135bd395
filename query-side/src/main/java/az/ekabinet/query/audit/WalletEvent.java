package az.ekabinet.query.audit;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.domain.wallet.WalletOpened;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A wallet's event as the event store holds it ({@code domainevententry}: a JSON payload, revision 1 of
 * {@link WalletOpened}, {@link FundsCredited}, {@link FundsDebited}), read field by field so that an audit depends on
 * the stored JSON, not on the classes that wrote it. Times are the payload's own; Axon's {@code timestamp} column is
 * text whose order is not chronological.
 */
public record WalletEvent(long globalIndex, String walletId, long sequence, Kind kind, String cabinetNumber,
                          String currency, long amountQepik, long balanceAfterQepik, String cause, Instant occurredAt) {

    public enum Kind {
        OPENED, CREDITED, DEBITED;

        /** The ledger line type of a money movement. */
        public LedgerLine.Type ledgerType() {
            return this == CREDITED ? LedgerLine.Type.CREDIT : LedgerLine.Type.DEBIT;
        }
    }

    /** The payload types of a wallet's events, as stored in {@code payloadtype}. */
    public static final List<String> TYPES = List.of(WalletOpened.class.getName(), FundsCredited.class.getName(),
            FundsDebited.class.getName());
    /** The payload types of money movements. */
    public static final List<String> MONEY_TYPES = TYPES.subList(1, 3);

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean movesMoney() {
        return kind != Kind.OPENED;
    }

    /** The balance change: + for a credit, - for a debit, 0 for the opening. */
    public long signedAmountQepik() {
        return switch (kind) {
            case OPENED -> 0;
            case CREDITED -> amountQepik;
            case DEBITED -> -amountQepik;
        };
    }

    /** One stored event; {@code payloadType} must be one of {@link #TYPES}. */
    public static WalletEvent parse(long globalIndex, String aggregateId, long sequence, String payloadType,
                                    byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable payload of event " + globalIndex, e);
        }
        Kind kind = switch (TYPES.indexOf(payloadType)) {
            case 0 -> Kind.OPENED;
            case 1 -> Kind.CREDITED;
            case 2 -> Kind.DEBITED;
            default -> throw new IllegalArgumentException("not a wallet event: " + payloadType);
        };
        return switch (kind) {
            case OPENED -> new WalletEvent(globalIndex, aggregateId, sequence, kind, text(json, "cabinetNumber"),
                    text(json, "currency"), 0, 0, null, instant(json, "openedAt"));
            case CREDITED, DEBITED -> new WalletEvent(globalIndex, aggregateId, sequence, kind, null, null,
                    json.path("amountQepik").asLong(), json.path("balanceAfterQepik").asLong(), text(json, "cause"),
                    instant(json, kind == Kind.CREDITED ? "creditedAt" : "debitedAt"));
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode json, String field) {
        String text = text(json, field);
        if (text == null) {
            throw new IllegalStateException("a wallet event without " + field);
        }
        return Instant.parse(text);
    }
}
