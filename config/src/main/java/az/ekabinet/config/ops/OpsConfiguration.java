package az.ekabinet.config.ops;

import az.ekabinet.config.axon.InTransactionProcessors;
import az.ekabinet.config.database.NodeNotifications;
import az.ekabinet.query.ops.EventStoreTail;
import az.ekabinet.query.ops.OpsActivities;
import az.ekabinet.query.ops.OpsCountersReader;
import az.ekabinet.query.ops.OpsFeed;
import az.ekabinet.query.ops.OpsFeedRunner;
import az.ekabinet.query.ops.OpsProperties;
import java.time.Clock;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The operators' stream on each node: a LISTEN on the channel every node's committing transactions NOTIFY, a tail
 * of the event store it wakes, the counters, and the fan-out to this node's subscribers (docs/operations.md, "Operators").
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    /** The one thread the ops feed is published from (the tail and the counters). */
    @Bean(destroyMethod = "dispose")
    public Scheduler opsScheduler() {
        return Schedulers.newSingle("ops-feed");
    }

    @Bean
    public OpsActivities opsActivities(@Qualifier("eventSerializer") Serializer eventSerializer) {
        return new OpsActivities(eventSerializer);
    }

    @Bean
    public EventStoreTail eventStoreTail(DatabaseClient db, OpsActivities activities,
                                        @Qualifier("opsScheduler") Scheduler opsScheduler, OpsProperties properties) {
        return new EventStoreTail(db, activities, opsScheduler, properties);
    }

    @Bean
    public OpsFeed opsFeed(EventStoreTail tail, OpsProperties properties) {
        return new OpsFeed(properties.subscriberBuffer(), tail::missed);
    }

    @Bean
    public OpsCountersReader opsCountersReader(DatabaseClient db, Clock clock, InTransactionProcessors inTransaction) {
        return new OpsCountersReader(db, clock, inTransaction.groups());
    }

    @Bean
    public OpsFeedRunner opsFeedRunner(OpsFeed feed, EventStoreTail tail, OpsCountersReader counters,
                                       NodeNotifications notifications,
                                       @Qualifier("opsScheduler") Scheduler opsScheduler, OpsProperties properties) {
        return new OpsFeedRunner(feed, tail, counters, notifications.opsWakeUps(), opsScheduler, properties.countersInterval());
    }
}
