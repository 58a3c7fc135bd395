package az.ekabinet.query.audit.balance;

import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.wallet.Wallet;
import az.ekabinet.query.audit.WalletEvent;
import az.ekabinet.query.audit.WalletEvents;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a wallet held at an instant, computed from the event store: the wallet's events are replayed in their order up
 * to the last one that happened at or before the instant (by the time in the event itself). Only the cabinet number →
 * wallet id mapping comes from a read model. A wallet opened after the instant held 0.00.
 */
@Component
public class BalanceReplay {

    private final DatabaseClient db;
    private final WalletEvents events;

    public BalanceReplay(DatabaseClient db, WalletEvents events) {
        this.db = db;
        this.events = events;
    }

    /** The result of a replay: the balance, the money movements replayed and the wallet's currency. */
    public record Replayed(long balanceQepik, long events, String currency) {
        Replayed then(WalletEvent event) {
            return new Replayed(balanceQepik + event.signedAmountQepik(), events + (event.movesMoney() ? 1 : 0),
                    event.currency() != null ? event.currency() : currency);
        }
    }

    /** The balance of cabinet {@code number}'s wallet at {@code until} (WALLET_NOT_FOUND if it has none). */
    public Mono<Replayed> balanceAt(CabinetNumber number, Instant until) {
        return db.sql("SELECT wallet_id FROM readmodel.wallet WHERE cabinet_number = :number")
                .bind("number", number.value())
                .map((row, meta) -> row.get("wallet_id", String.class))
                .one()
                .flatMap(walletId -> events.ofWallet(walletId)
                        .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.WALLET_NOT_FOUND)))
                        .takeWhile(event -> !event.occurredAt().isAfter(until))
                        .reduce(new Replayed(0, 0, Wallet.CURRENCY), Replayed::then))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.WALLET_NOT_FOUND)));
    }
}
