package az.ekabinet.projection.plumbing;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * Stored payloads of a few event types read straight into their classes by the event serializer's own Jackson
 * mapper, for a bulk rebuild that reads millions of them. Axon's way makes every row an event message passed through
 * the upcaster chain, its type looked up and its payload deserialized lazily: on the ledger's rebuild that wrapping
 * cost more than the JSON itself. Reading the stored bytes directly gives the same objects only while nothing would
 * upcast them and the serializer is Jackson's, so this exists only then.
 */
public final class StoredPayloads {

    private final Map<String, ObjectReader> readers;

    private StoredPayloads(Map<String, ObjectReader> readers) {
        this.readers = readers;
    }

    /**
     * Readers of these types' payloads as the event store stores them; empty if the event serializer is not a
     * {@link JacksonSerializer} or an upcaster is registered (the caller must then read the Axon way). The upcasters
     * must be the chain the event store reads with ({@code Configuration.upcasterChain()} here).
     */
    public static Optional<StoredPayloads> of(Serializer eventSerializer, EventUpcaster upcasters,
                                              List<Class<?>> types) {
        // exactly Axon's class: a subclass may read payloads its own way
        if (eventSerializer == null || eventSerializer.getClass() != JacksonSerializer.class
                || !upcastsNothing(upcasters)) {
            return Optional.empty();
        }
        JacksonSerializer jackson = (JacksonSerializer) eventSerializer;
        Map<String, ObjectReader> readers = new LinkedHashMap<>();
        for (Class<?> type : types) {
            readers.put(jackson.typeForClass(type).getName(), jackson.getObjectMapper().readerFor(type));
        }
        return Optional.of(new StoredPayloads(readers));
    }

    /**
     * Whether the chain leaves every stored event as it is. An empty chain hands the stream it is given back
     * untouched; an upcaster maps it into another one (so does any future chain that wraps it regardless: read the
     * Axon way then, which is only slower).
     */
    static boolean upcastsNothing(EventUpcaster upcasters) {
        Stream<IntermediateEventRepresentation> probe = Stream.empty();
        return upcasters == null || upcasters.upcast(probe) == probe;
    }

    /** The stored type names of the types given, for a query's {@code payloadtype = ANY(?)}. */
    public String[] typeNames() {
        return readers.keySet().toArray(String[]::new);
    }

    /** The payload of a stored event whose type is one of the types given, as an object of that type. */
    public Object read(String payloadType, byte[] payload) throws IOException {
        ObjectReader reader = readers.get(payloadType);
        if (reader == null) {
            throw new IllegalArgumentException("not a type read here: " + payloadType);
        }
        return reader.readValue(payload);
    }
}
