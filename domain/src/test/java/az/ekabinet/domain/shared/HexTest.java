package az.ekabinet.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void writesWhatTheJdksHexFormatWrites() {
        Random random = new Random(7);
        for (int length : new int[] {0, 1, 32, 64, 1000}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Hex.of(bytes)).isEqualTo(HexFormat.of().formatHex(bytes));
        }
        assertThat(Hex.of(new byte[] {0, 15, 16, (byte) 0xab, (byte) 0xff})).isEqualTo("000f10abff");
    }
}
