package az.ekabinet.command.wallet.transfer;

import az.ekabinet.domain.money.Money;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.transfers.*} (docs/configuration.md). Checked at start-up.
 *
 * @param maxAmount the most one transfer may move, in AZN with two decimals
 */
@ConfigurationProperties("ekabinet.transfers")
public record TransferSettings(@DefaultValue("1000.00") String maxAmount) {

    public TransferSettings {
        Money maximum;
        try {
            maximum = Money.parse(maxAmount);
        } catch (RuntimeException notAnAmount) {
            throw new IllegalArgumentException("ekabinet.transfers.max-amount must be an amount such as 1000.00");
        }
        if (!maximum.isPositive()) {
            throw new IllegalArgumentException("ekabinet.transfers.max-amount must be more than 0");
        }
    }

    public Money maximum() {
        return Money.parse(maxAmount);
    }
}
