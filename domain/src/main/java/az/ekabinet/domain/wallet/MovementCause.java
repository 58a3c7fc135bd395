package az.ekabinet.domain.wallet;

import az.ekabinet.domain.payment.PaymentCode;
import java.util.Arrays;
import java.util.Objects;

/**
 * Why money entered or left a wallet: a {@link Kind} and the reference that names the payment code, transfer or
 * application behind it. This type alone writes and reads its wire form {@code KIND:reference}
 * ({@code PAYMENT_CODE:<code>}, {@code TRANSFER_IN:<transfer token>}, {@code TRANSFER_OUT:<transfer token>},
 * {@code EXAM_FEE:<application number>}), the string that {@link FundsCredited#cause()} and
 * {@link FundsDebited#cause()} store, the ledger shows and hashes, and the wallet read model keeps split into
 * {@code kind} and {@code reference}. The form is stored for good: events already written carry it, and the
 * reconciliation's SQL ({@code ReconciliationEndpoint}) groups stored events by it. The reference is everything
 * after the first {@code ':'}.
 */
public record MovementCause(Kind kind, String reference) {

    /** Between the kind and the reference in the wire form. */
    public static final char SEPARATOR = ':';

    /** The kinds of cause, by their wire names. */
    public enum Kind {
        /** A payment code credited (a credit); the reference is the code. */
        PAYMENT_CODE,
        /** A transfer received (a credit); the reference is the transfer's token ({@code Transfer.tokenOf}). */
        TRANSFER_IN,
        /** A transfer sent (a debit); the reference is the transfer's token. */
        TRANSFER_OUT,
        /** An exam application's fee (a debit); the reference is the application number. */
        EXAM_FEE
    }

    public MovementCause {
        if (kind == null) {
            throw new IllegalArgumentException("A movement cause needs a kind, one of "
                    + Arrays.toString(Kind.values()));
        }
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("A movement cause of kind " + kind + " needs a reference");
        }
    }

    public static MovementCause paymentCode(PaymentCode code) {
        return new MovementCause(Kind.PAYMENT_CODE, Objects.requireNonNull(code, "payment code").value());
    }

    /** The recipient's side of a transfer, named by its token (the transfer's id without its prefix). */
    public static MovementCause transferIn(String transferToken) {
        return new MovementCause(Kind.TRANSFER_IN, transferToken);
    }

    /** The sender's side of a transfer, named by its token (the transfer's id without its prefix). */
    public static MovementCause transferOut(String transferToken) {
        return new MovementCause(Kind.TRANSFER_OUT, transferToken);
    }

    public static MovementCause examFee(String applicationNumber) {
        return new MovementCause(Kind.EXAM_FEE, applicationNumber);
    }

    /**
     * Reads the wire form {@code KIND:reference}: the kind is the text before the first {@code ':'} and must be a
     * {@link Kind}'s name exactly; the reference is the rest and must not be blank. Anything else is refused with an
     * {@link IllegalArgumentException} (whose message names the kind it found, never the reference).
     */
    public static MovementCause parse(String wire) {
        if (wire == null) {
            throw new IllegalArgumentException("A movement cause is required, as KIND" + SEPARATOR + "reference");
        }
        int separator = wire.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new IllegalArgumentException("Not a movement cause: no '" + SEPARATOR + "' between a kind and a "
                    + "reference (" + wire.length() + " characters)");
        }
        return new MovementCause(kindNamed(wire.substring(0, separator)), wire.substring(separator + 1));
    }

    private static Kind kindNamed(String name) {
        for (Kind kind : Kind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Not a movement cause: unknown kind \"" + name + "\", expected one of "
                + Arrays.toString(Kind.values()));
    }

    /** The wire form, {@code KIND:reference}, as the events store it. */
    public String toWire() {
        return kind.name() + SEPARATOR + reference;
    }
}
