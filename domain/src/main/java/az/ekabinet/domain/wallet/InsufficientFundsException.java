package az.ekabinet.domain.wallet;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Not enough money: nothing is charged, and the citizen is told how much is missing. */
public class InsufficientFundsException extends DomainException {

    public InsufficientFundsException(Money missing, Money balance) {
        super(ErrorCode.INSUFFICIENT_FUNDS, properties(missing, balance));
    }

    private static Map<String, Object> properties(Money missing, Money balance) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("missingAmount", missing.toWire());
        properties.put("balance", balance.toWire());
        return properties;
    }
}
