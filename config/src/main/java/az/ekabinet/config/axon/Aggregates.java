package az.ekabinet.config.axon;

import az.ekabinet.config.plumbing.AggregateCache;
import az.ekabinet.config.plumbing.ClusterLockFactory;
import az.ekabinet.config.plumbing.StoreCheckedCachingRepository;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.exam.result.ExamResults;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.wallet.Wallet;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event-sourced aggregates and the domain's command handlers, found in the domain module ({@link DomainModel}),
 * each aggregate with its repository on the JDBC event store. A handler's units of work span the aggregates its
 * repositories load (crediting a code redeems the code and credits the wallet in one).
 *
 * <p>Two kinds of aggregate are tuned here, by measurement, and every other one takes Axon's defaults:
 * <ul>
 * <li>wallets and applications are loaded again and again (every credit, fee and transfer; every section of the
 *     form), so their repositories keep recently used ones in memory ({@link AggregateCache}): a command on a cached
 *     aggregate reads only the events other nodes stored since, usually none ({@link StoreCheckedCachingRepository});
 *     a session's results too, each part of a scoring file being a command on them: loading them afresh from the
 *     store for every part would read every part recorded before it;
 * <li>a session never changes once published: reading its terms takes no lock, so edits and confirmations of
 *     different citizens never queue behind each other (a conflicting republish still loses on the event store's
 *     unique key).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class Aggregates {

    private static final String DOMAIN = "az.ekabinet.domain";
    private static final Set<Class<?>> KEPT_IN_MEMORY = Set.of(Wallet.class, ExamApplication.class, ExamResults.class);
    private static final Set<Class<?>> READ_WITHOUT_LOCK = Set.of(ExamSession.class);

    @Bean
    public ConfigurerModule aggregateRegistrations(
            BeanFactory components, AxonSettings settings, MeterRegistry meters, JdbcTemplate jdbc) {
        LockFactory clusterLocks = new ClusterLockFactory(jdbc);
        DomainModel model = DomainModel.scan(DOMAIN);
        return configurer -> {
            for (Class<?> aggregate : model.aggregates()) {
                configurer.configureAggregate(configured(aggregate, settings.aggregateCache(), clusterLocks, meters));
            }
            for (Class<?> handler : model.commandHandlers()) {
                configurer.registerCommandHandler(config -> DomainModel.construct(handler, config::repository,
                        components::getBean));
            }
        };
    }

    private static <T> AggregateConfigurer<T> configured(Class<T> type, AxonSettings.AggregateCache cache,
                                                         LockFactory locks, MeterRegistry meters) {
        AggregateConfigurer<T> aggregate = AggregateConfigurer.defaultConfiguration(type);
        if (KEPT_IN_MEMORY.contains(type)) {
            // kept in memory between commands, checked against the event store before each one, and locked for the
            // whole cluster while a command uses it: wallets are what many commands from every node move at once
            return aggregate.configureRepository(config -> StoreCheckedCachingRepository.of(type, config,
                    aggregate.aggregateFactory(), new AggregateCache(cache.maxEntries(), cache.idle()), locks, meters));
        }
        if (READ_WITHOUT_LOCK.contains(type)) {
            return aggregate.configureLockFactory(config -> NullLockFactory.INSTANCE);
        }
        return aggregate;
    }
}
