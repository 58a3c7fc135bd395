package az.ekabinet.domain.exam.application;

import az.ekabinet.domain.money.Money;
import java.time.Instant;

/** The answer to a confirmation: the fee charged (once, whatever the number of calls) and the balance now. */
public record ConfirmedApplication(String applicationNumber, Money feeCharged, Money balance, Instant confirmedAt) {
}
