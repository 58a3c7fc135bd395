package az.ekabinet.query.ops;

import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * GET /api/ops/stream (operators): server-sent events of live domain activity without personal data
 * ({@code event: activity}, {@code id:} the event's global index), the counters on their schedule
 * ({@code event: counters}, no id) and a {@code :heartbeat} comment every {@code ekabinet.sse.heartbeat}. A client
 * that reconnects with {@code Last-Event-ID} first gets exactly the activities it missed, read from the event store,
 * then the live ones. See {@link OpsFeed} for how a slow client is kept from slowing anyone.
 */
@RestController
public class OpsStreamEndpoint {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final OpsFeed feed;
    private final Duration heartbeat;

    public OpsStreamEndpoint(OpsFeed feed, @Value("${ekabinet.sse.heartbeat:15s}") Duration heartbeat) {
        this.feed = feed;
        this.heartbeat = heartbeat;
    }

    @GetMapping(path = "/api/ops/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> stream(@RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        var v = new FieldValidation();
        Long after = v.parseOptional(LAST_EVENT_ID, lastEventId, OpsStreamEndpoint::eventId);
        v.throwIfInvalid();
        Flux<ServerSentEvent<Object>> messages = feed.subscribe(after).map(OpsStreamEndpoint::event);
        Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(heartbeat).onBackpressureDrop()
                .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
        return Flux.merge(messages, heartbeats);
    }

    private static ServerSentEvent<Object> event(OpsMessage message) {
        if (message instanceof OpsActivity activity) {
            return ServerSentEvent.<Object>builder(activity).event("activity").id(Long.toString(activity.id())).build();
        }
        return ServerSentEvent.<Object>builder(message).event("counters").build();
    }

    private static Long eventId(String text) {
        if (!text.strip().matches("[0-9]{1,18}")) {
            throw new InvalidValueException("LAST_EVENT_ID_FORMAT");
        }
        return Long.parseLong(text.strip());
    }
}
