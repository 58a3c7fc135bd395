package az.ekabinet.projection.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.WalletOpened;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.thoughtworks.xstream.XStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.xml.XStreamSerializer;
import org.junit.jupiter.api.Test;

class StoredPayloadsTest {

    private static final List<Class<?>> TYPES = List.of(WalletOpened.class, FundsCredited.class);

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();
    private final FundsCredited credited = new FundsCredited("wallet:cabinet:1", "cabinet:1", 2_500, 7_500,
            "PAYMENT_CODE:AB12", Instant.parse("2026-01-02T03:04:05.123456Z"));

    @Test
    void aPayloadIsReadBackAsTheEventTheSerializerStored() throws IOException {
        SerializedObject<byte[]> stored = serializer.serialize(credited, byte[].class);
        StoredPayloads payloads = StoredPayloads.of(serializer, new EventUpcasterChain(), TYPES).orElseThrow();

        assertThat(payloads.typeNames()).containsExactly(WalletOpened.class.getName(), FundsCredited.class.getName());
        assertThat(payloads.read(stored.getType().getName(), stored.getData())).isEqualTo(credited);
    }

    @Test
    void aTypeNotAskedForIsRefused() {
        StoredPayloads payloads = StoredPayloads.of(serializer, null, List.of(WalletOpened.class)).orElseThrow();
        SerializedObject<byte[]> stored = serializer.serialize(credited, byte[].class);

        assertThatThrownBy(() -> payloads.read(stored.getType().getName(), stored.getData()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(FundsCredited.class.getName());
    }

    /** Any upcaster could change what a stored payload means: even one that changes nothing is not looked into. */
    @Test
    void withAnUpcasterRegisteredPayloadsAreNotReadAsStored() {
        EventUpcaster eachEventAsItIs = events -> events.map(event -> event);
        assertThat(StoredPayloads.of(serializer, new EventUpcasterChain(eachEventAsItIs), TYPES)).isEmpty();
    }

    @Test
    void aSerializerOtherThanJacksonsIsNotReadAsStored() {
        XStream xStream = new XStream();
        xStream.allowTypesByWildcard(new String[] {"az.ekabinet.**"});
        Serializer xml = XStreamSerializer.builder().xStream(xStream).build();
        assertThat(StoredPayloads.of(xml, new EventUpcasterChain(), TYPES)).isEmpty();
    }
}
