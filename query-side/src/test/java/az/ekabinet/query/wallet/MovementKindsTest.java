package az.ekabinet.query.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.wallet.MovementCause;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The kinds the wallet's API document names for credits and debits are exactly a movement cause's kinds. */
class MovementKindsTest {

    @Test
    void creditsAndDebitsNameEveryKindOfCauseOnce() throws NoSuchFieldException {
        assertThat(Stream.concat(kinds(MyWalletEndpoint.Credit.class), kinds(MyWalletEndpoint.Debit.class)))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(MovementCause.Kind.values()).map(Enum::name).toList());
    }

    private static Stream<String> kinds(Class<?> line) throws NoSuchFieldException {
        return Arrays.stream(line.getDeclaredField("kind").getAnnotation(Schema.class).allowableValues());
    }
}
