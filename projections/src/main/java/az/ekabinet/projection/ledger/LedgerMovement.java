package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.domain.wallet.LedgerLine.Type;

/**
 * A {@link FundsCredited} or {@link FundsDebited} as the ledger needs it: one mapping for the live processor
 * ({@link LedgerProjector}) and the bulk rebuild ({@link LedgerRebuild}), so both write the same line. {@code cause}
 * is the event's stored string, a {@link az.ekabinet.domain.wallet.MovementCause}'s wire form, copied as it is: the
 * ledger shows and hashes exactly what the event holds. {@code occurredAt} is the line's text of the event's instant
 * ({@link LedgerLine#timeText}), kept as text wherever the line waits to be written.
 */
record LedgerMovement(String eventId, String walletId, Type type, long amountQepik, long balanceAfterQepik,
                      String cause, String occurredAt) {

    static LedgerMovement of(FundsCredited event, String eventId) {
        return new LedgerMovement(eventId, event.walletId(), Type.CREDIT, event.amountQepik(),
                event.balanceAfterQepik(), event.cause(), LedgerLine.timeText(event.creditedAt()));
    }

    static LedgerMovement of(FundsDebited event, String eventId) {
        return new LedgerMovement(eventId, event.walletId(), Type.DEBIT, event.amountQepik(),
                event.balanceAfterQepik(), event.cause(), LedgerLine.timeText(event.debitedAt()));
    }
}
