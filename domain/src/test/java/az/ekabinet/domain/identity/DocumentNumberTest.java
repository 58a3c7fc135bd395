package az.ekabinet.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.shared.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentNumberTest {

    @ParameterizedTest
    @CsvSource({"AZE12345678,AZE12345678", "aze 12345678,AZE12345678", "AA1234567,AA1234567", "myi123456,MYI123456",
            "DYI12345,DYI12345"})
    void parsesEverySeries(String text, String canonical) {
        assertThat(DocumentNumber.parse(text).value()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AZE1234567", "AZE123456789", "AA12345678", "XX1234567", "12345678", "AZEABCDEFGH", "MYI1234"})
    void refusesWrongNumbers(String text) {
        assertThatThrownBy(() -> DocumentNumber.parse(text)).isInstanceOf(InvalidValueException.class);
    }
}
