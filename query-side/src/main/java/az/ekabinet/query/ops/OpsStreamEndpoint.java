package az.ekabinet.query.ops;

import az.ekabinet.query.streams.StreamSettings;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.query.streams.EventStream.Event;
import az.ekabinet.query.streams.EventStream;
import az.ekabinet.query.streams.OpenStreams;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.PreDestroy;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;

/**
 * GET /api/ops/stream (operators): server-sent events of live domain activity without personal data
 * ({@code event: activity}, {@code id:} the event's global index), the counters on their schedule
 * ({@code event: counters}, no id) and a {@code :heartbeat} comment every {@code ekabinet.sse.heartbeat}. A client
 * that reconnects with {@code Last-Event-ID} first gets exactly the activities it missed, read from the event store,
 * then the live ones. See {@link OpsFeed} for how a slow client is kept from slowing anyone.
 */
@RestController
@Tag(name = "ops")
public class OpsStreamEndpoint {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private static final ServerSentEvent<String> HEARTBEAT =
            ServerSentEvent.<String>builder().comment("heartbeat").build();

    private final OpsFeed feed;
    private final ObjectMapper json;
    private final OpenStreams streams;
    /**
     * The last activity and the last counters as written, JSON made once for all subscribers (Jackson once per
     * subscriber was most of a node's work for a message to 10,000 of them). Subscribers take the feed's messages
     * in one order, so these two hit for nearly all; a miss (a resumed client's missed activities) renders again.
     */
    private volatile Rendered lastActivity = Rendered.NONE;
    private volatile Rendered lastCounters = Rendered.NONE;
    /**
     * One timer for every subscriber: a subscriber without demand misses a beat. (A timer per subscriber would be
     * cancelled on a Netty thread when its client goes, and a crowd of them going at once contends for the
     * timer queue's lock: BlockHound caught it with a thousand.)
     */
    private final Sinks.Many<ServerSentEvent<String>> heartbeats = Sinks.many().multicast().directBestEffort();
    private final Disposable beating;

    private record Rendered(OpsMessage message, ServerSentEvent<String> event) {
        static final Rendered NONE = new Rendered(null, null);
    }

    public OpsStreamEndpoint(OpsFeed feed, ObjectMapper json, OpenStreams streams,
                             StreamSettings settings) {
        this.feed = feed;
        this.json = json;
        this.streams = streams;
        Duration heartbeat = settings.heartbeat();
        this.beating = Flux.interval(heartbeat, heartbeat).subscribe(tick -> heartbeats.tryEmitNext(HEARTBEAT));
    }

    @PreDestroy
    void stopBeating() {
        beating.dispose();
    }

    @Operation(operationId = "followOpsStream", summary = "Live activity and counters, as server-sent events",
            description = "event: activity, id: the event's global index, data: {id, type, at, amount?, causeKind?, "
                    + "provider?, sessionId?, lines?, publication?} (no personal data: no application number, score "
                    + "or name); a ResultImportFinished has lines {read, recorded, corrected, unchanged, rejected} "
                    + "(the counts of one scoring file), a ResultsPublicationSet has publication {publishAt, "
                    + "previousPublishAt? (absent the first time), resultCount}. event: counters (no id), data: {at, "
                    + "cabinetsOpened, paymentsReceived {count, amount}, paymentsCredited {...}, feesCharged {...}, "
                    + "applicationsConfirmed, results {imported, corrected, published}, admission [{requestClass, "
                    + "admitted, refused}] (every node's), balancer [{backend, refused}] (the load balancers' own "
                    + "refusals, which reach no node), eventStoreHead, processors [{name, mode, position, lag}]}, "
                    + "first and every few seconds; results.published counts the results of a session when its "
                    + "publication is first set and those recorded after. :heartbeat "
                    + "comments. Last-Event-ID resumes right after that event. A client that does not keep up is cut "
                    + "off and resumes.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @EventStream({@Event(name = "activity", data = OpsActivity.class), @Event(name = "counters", data = OpsCounters.class)})
    @GetMapping(path = "/api/ops/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<String>> stream(
            @Parameter(schema = @Schema(pattern = "^[0-9]{1,18}$"), description = "Resume after this event")
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId, ServerWebExchange exchange) {
        var v = new FieldValidation();
        Long after = v.parseOptional(LAST_EVENT_ID, lastEventId, OpsStreamEndpoint::eventId);
        v.throwIfInvalid();
        return streams.endedWithTheNode(Flux.merge(1, feed.subscribe(after).map(this::event), heartbeats.asFlux()))
                .onErrorResume(OpsFeed.SlowSubscriberException.class, slow -> {
                    close(exchange);
                    return Flux.empty();
                });
    }

    /**
     * Drops a cut-off subscriber's connection at once, with whatever is still waiting to be written to it: ending the
     * response instead would leave the connection waiting for a client that does not read.
     */
    private static void close(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        while (response instanceof ServerHttpResponseDecorator decorator) {
            response = decorator.getDelegate();
        }
        if (response instanceof AbstractServerHttpResponse server
                && server.getNativeResponse() instanceof Connection connection) {
            connection.dispose();
        }
    }

    private ServerSentEvent<String> event(OpsMessage message) {
        boolean activity = message instanceof OpsActivity;
        Rendered last = activity ? lastActivity : lastCounters;
        if (last.message() != message) {
            last = new Rendered(message, rendered(message));
            if (activity) {
                lastActivity = last;
            } else {
                lastCounters = last;
            }
        }
        return last.event();
    }

    private ServerSentEvent<String> rendered(OpsMessage message) {
        String data = write(message);
        return message instanceof OpsActivity activity
                ? ServerSentEvent.builder(data).event("activity").id(Long.toString(activity.id())).build()
                : ServerSentEvent.builder(data).event("counters").build();
    }

    private String write(OpsMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long eventId(String text) {
        if (!text.strip().matches("[0-9]{1,18}")) {
            throw new InvalidValueException("LAST_EVENT_ID_FORMAT");
        }
        return Long.parseLong(text.strip());
    }
}
