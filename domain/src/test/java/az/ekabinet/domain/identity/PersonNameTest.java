package az.ekabinet.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.shared.InvalidValueException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ilqar|İlqar", "İLQAR|İlqar", "ısmayıl|Ismayıl", "ISMAYIL|Ismayıl", "  məmmədova   gülnar |Məmmədova Gülnar",
            "əli-ağa|Əli-Ağa", "o'connor|O'Connor", "şükür|Şükür", "ÇİNGİZ|Çingiz"})
    void capitalisesTheTurkicWay(String typed, String stored) {
        assertThat(PersonName.parse(typed).value()).isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"William", "Ivan2", "Ива́н", "Émile", "-Əli", "Əli-", "Əli--Ağa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", " ", "Əli_Ağa"})
    void refusesWhatIsNotAnAzerbaijaniName(String typed) {
        assertThatThrownBy(() -> PersonName.parse(typed)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Xəyyam", "Qurban", "Vüqar", "Zərifə"})
    void acceptsEveryAzerbaijaniLetter(String typed) {
        assertThat(PersonName.parse(typed).value()).isEqualTo(typed);
    }
}
