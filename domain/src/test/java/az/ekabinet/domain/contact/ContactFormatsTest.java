package az.ekabinet.domain.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactFormatsTest {

    @ParameterizedTest
    @ValueSource(strings = {"+994501234567", "0501234567", "+994 50 123 45 67", "(050) 123-45-67", "994501234567",
            "050 123 45 67", "00994501234567", "+994-50-123-45-67"})
    void phonesAreNormalisedToE164(String text) {
        assertThat(PhoneNumber.parse(text).e164()).isEqualTo("+994501234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+994101234567", "+994511234567", "+994551234567", "+994601234567", "+994701234567",
            "+994771234567", "+994991234567"})
    void everyMobileOperatorIsAccepted(String text) {
        assertThat(PhoneNumber.parse(text).e164()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+994124987654", "+74951234567", "12345", "0501234", "+99450123456789", "phone", "+994 50 123 45 6x", "+1 202 555 0143", "0012025550143"})
    void landlinesForeignAndMalformedNumbersAreRefused(String text) {
        assertThatThrownBy(() -> PhoneNumber.parse(text)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void maskingKeepsOnlyTheLastDigits() {
        assertThat(PhoneNumber.parse("0501234567").masked()).isEqualTo("+994 50 *** ** 67");
    }

    @Test
    void finIsSevenCharactersWithoutIAndO() {
        assertThat(Fin.of(" 5zk3m7p ").value()).isEqualTo("5ZK3M7P");
        for (String bad : new String[] {"5ZK3M7", "5ZK3M7PP", "5ZK3MIP", "5ZK3MOP", "5ZK3M7-"}) {
            assertThatThrownBy(() -> Fin.of(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }

    @Test
    void emailsAreCheckedAndTheirDomainLowerCased() {
        assertThat(Email.parse(" Elvin.M@Mail.AZ ").value()).isEqualTo("Elvin.M@mail.az");
        for (String bad : new String[] {"elvin", "elvin@", "@mail.az", "el vin@mail.az", "elvin@mail", "a@b@c.az"}) {
            assertThatThrownBy(() -> Email.parse(bad)).as(bad).isInstanceOf(InvalidValueException.class);
        }
    }
}
