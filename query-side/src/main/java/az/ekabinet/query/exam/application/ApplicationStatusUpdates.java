package az.ekabinet.query.exam.application;

import az.ekabinet.domain.exam.application.ApplicationStatus;
import az.ekabinet.domain.exam.application.ApplicationStatusQuery;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands the status changes this node hears from the database, whichever node made them, to the status streams open
 * on this node (Axon's subscription queries of {@link ApplicationStatusQuery}, whose update emitter is in memory).
 */
@Component
public class ApplicationStatusUpdates {

    private final QueryUpdateEmitter emitter;
    private final ApplicationStatusQueries queries;

    public ApplicationStatusUpdates(QueryUpdateEmitter emitter, ApplicationStatusQueries queries) {
        this.emitter = emitter;
        this.queries = queries;
    }

    /** A change announced as {@linkplain ApplicationStatus#text() text}. */
    public void changed(String text) {
        emit(ApplicationStatus.parse(text));
    }

    /**
     * Every stream open here reads its status again (a stream passes on only a status that differs from the last it
     * sent): when this node listens again (a change announced while it did not was never heard), and when results
     * are published (an instant, announced by no one).
     */
    public Mono<Void> readAgain() {
        return Flux.fromIterable(emitter.activeSubscriptions())
                .filter(subscription -> subscription.getPayload() instanceof ApplicationStatusQuery)
                .map(subscription -> (ApplicationStatusQuery) subscription.getPayload())
                .distinct()
                .flatMap(query -> Mono.fromFuture(() -> queries.status(query)), 4)
                .doOnNext(this::emit)
                .then();
    }

    private void emit(ApplicationStatus status) {
        emitter.emit(ApplicationStatusQuery.class,
                query -> query.applicationNumber().equals(status.applicationNumber()), status);
    }
}
