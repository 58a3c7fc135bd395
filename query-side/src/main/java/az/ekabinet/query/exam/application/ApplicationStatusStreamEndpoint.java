package az.ekabinet.query.exam.application;

import az.ekabinet.query.streams.StreamSettings;
import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.ApplicationStatusQuery;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.query.streams.EventStream.Event;
import az.ekabinet.query.streams.EventStream;
import az.ekabinet.query.streams.OpenStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Duration;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * GET /api/applications/{number}/status-stream: server-sent events of the owner's application status — the status
 * now, then each change (a confirmation arrives once its transaction has committed) — from an Axon subscription
 * query. A comment line every {@code ekabinet.sse.heartbeat} keeps proxies from closing an idle stream and lets
 * the server notice a client that went away; when the client goes, the subscription query is closed. The stream
 * ends after RESULT_PUBLISHED, the final status.
 *
 * <p>A change made on any node reaches the streams of every node: the confirming transaction announces it through
 * PostgreSQL, and each node hands what it hears to its own streams ({@link ApplicationStatusUpdates}). A result's
 * publication is no transaction but an instant: each node's streams read their status again when it comes.
 */
@RestController
@Tag(name = "exam")
public class ApplicationStatusStreamEndpoint {

    private final ApplicationViews views;
    private final QueryGateway queries;
    private final OpenStreams streams;
    private final Duration heartbeat;

    public ApplicationStatusStreamEndpoint(ApplicationViews views, QueryGateway queries, OpenStreams streams,
                                           StreamSettings settings) {
        this.views = views;
        this.queries = queries;
        this.streams = streams;
        this.heartbeat = settings.heartbeat();
    }

    @Operation(operationId = "followApplicationStatus", summary = "My application's status, as server-sent events",
            description = "event: status, data: {applicationNumber, status (DRAFT, CONFIRMED or RESULT_PUBLISHED), "
                    + "since}: the status now, then each change, made through any node; :heartbeat comments. "
                    + "RESULT_PUBLISHED comes at the session's publication instant, to applicants with a result. The "
                    + "stream ends with RESULT_PUBLISHED, the final status.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = "string")))
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND})
    @EventStream(@Event(name = "status", data = ApplicationStatus.class))
    @GetMapping(path = "/api/applications/{number}/status-stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<ApplicationStatus>> statusStream(@PathVariable String number, Principal citizen,
                                                                 ServerWebExchange exchange) {
        return views.owned(number, citizen.getName(), exchange.getLocaleContext().getLocale())
                .flatMapMany(owned -> Flux.using(
                        () -> queries.subscriptionQuery(new ApplicationStatusQuery(owned.applicationNumber()),
                                ApplicationStatus.class, ApplicationStatus.class),
                        this::events,
                        SubscriptionQueryResult::close));
    }

    private Flux<ServerSentEvent<ApplicationStatus>> events(
            SubscriptionQueryResult<ApplicationStatus, ApplicationStatus> result) {
        Flux<ServerSentEvent<ApplicationStatus>> statuses = result.initialResult()
                .concatWith(result.updates())
                .distinctUntilChanged(ApplicationStatus::status)
                .map(ApplicationStatusStreamEndpoint::event);
        Flux<ServerSentEvent<ApplicationStatus>> heartbeats = Flux.interval(heartbeat)
                .map(tick -> ServerSentEvent.<ApplicationStatus>builder().comment("heartbeat").build());
        return streams.endedWithTheNode(Flux.merge(statuses, heartbeats).takeUntil(ApplicationStatusStreamEndpoint::isFinal));
    }

    /**
     * After CONFIRMED nothing changes for weeks, until the result is published (the final status, which ends the
     * stream): a client that lost the stream then (EventSource reconnects on its own) need not hurry back.
     */
    private static ServerSentEvent<ApplicationStatus> event(ApplicationStatus status) {
        var event = ServerSentEvent.builder(status).event("status").id(status.status());
        if (!ApplicationStatus.DRAFT.equals(status.status())) {
            event.retry(Duration.ofHours(1));
        }
        return event.build();
    }

    private static boolean isFinal(ServerSentEvent<ApplicationStatus> event) {
        return event.data() != null && ApplicationStatus.RESULT_PUBLISHED.equals(event.data().status());
    }
}
