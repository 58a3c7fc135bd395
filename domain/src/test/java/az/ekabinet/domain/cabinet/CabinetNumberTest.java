package az.ekabinet.domain.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CabinetNumberTest {

    @ParameterizedTest
    @CsvSource({"10000000,100000009", "12345678,123456782", "79927398,799273982", "99999999,999999998"})
    void theNinthDigitIsTheLuhnCheckDigit(long sequence, String number) {
        assertThat(CabinetNumber.issue(sequence).value()).isEqualTo(number);
        assertThat(CabinetNumber.parse(number).value()).isEqualTo(number);
    }

    @Test
    void everySingleDigitTypoIsCaught() {
        String number = CabinetNumber.issue(12_345_678).value();
        for (int position = 0; position < 9; position++) {
            for (char digit = '0'; digit <= '9'; digit++) {
                if (digit == number.charAt(position)) {
                    continue;
                }
                String typo = number.substring(0, position) + digit + number.substring(position + 1);
                assertThatThrownBy(() -> CabinetNumber.parse(typo)).as(typo).isInstanceOf(InvalidValueException.class);
            }
        }
    }

    @Test
    void adjacentSwapsAreCaught() {
        assertThatThrownBy(() -> CabinetNumber.parse("213456782")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void onlyNineDigits() {
        assertThatThrownBy(() -> CabinetNumber.parse("12345678")).hasMessage(CabinetNumber.FORMAT_RULE);
        assertThatThrownBy(() -> CabinetNumber.parse("12345678a")).hasMessage(CabinetNumber.FORMAT_RULE);
        assertThatThrownBy(() -> CabinetNumber.parse("123456781")).hasMessage(CabinetNumber.CHECK_DIGIT_RULE);
        assertThatThrownBy(() -> CabinetNumber.issue(9_999_999)).isInstanceOf(IllegalArgumentException.class);
    }
}
