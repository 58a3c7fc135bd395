package az.ekabinet.domain.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.shared.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({"0,0", "50,5000", "50.5,5050", "50.05,5005", "0.01,1", "999999999.99,99999999999"})
    void parsesUpToTwoDecimalsIntoQepik(String text, long qepik) {
        assertThat(Money.parse(text).qepik()).isEqualTo(qepik);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "+1", "1.001", "1e3", "01", " 1", "1,00", ".5", "5.", "1000000000", "NaN", "١٢"})
    void refusesEverythingElse(String text) {
        assertThatThrownBy(() -> Money.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"0,0.00", "5,0.05", "10,0.10", "1010,10.10", "5000,50.00", "123456,1234.56"})
    void wireFormHasExactlyTwoDecimals(long qepik, String wire) {
        assertThat(Money.ofQepik(qepik).toWire()).isEqualTo(wire);
    }

    @ParameterizedTest
    @CsvSource({"-5,-0.05", "-12345,-123.45", "1000000000000,10000000000.00"})
    void anyNumberOfQepikHasAWireFormForAudits(long qepik, String wire) {
        assertThat(Money.wire(qepik)).isEqualTo(wire);
    }
}
