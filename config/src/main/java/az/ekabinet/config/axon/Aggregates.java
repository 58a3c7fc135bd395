package az.ekabinet.config.axon;

import az.ekabinet.config.plumbing.AggregateCache;
import az.ekabinet.config.plumbing.ClusterLockFactory;
import az.ekabinet.config.plumbing.StoreCheckedCachingRepository;
import az.ekabinet.domain.cabinet.Cabinet;
import az.ekabinet.domain.exam.application.ApplicationConfirming;
import az.ekabinet.domain.exam.application.ApplicationEditing;
import az.ekabinet.domain.exam.application.ApplicationNumbers;
import az.ekabinet.domain.exam.application.ApplicationStarting;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.exam.session.ExamSession;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.transfer.MoneyTransfers;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.wallet.PaymentCodeCrediting;
import az.ekabinet.domain.wallet.Wallet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event-sourced aggregates. The domain module knows no Spring, so its aggregates carry no {@code @Aggregate}
 * stereotype; they are registered here instead, each with its repository on the JDBC event store.
 *
 * <p>Wallets and applications are loaded again and again (every credit, fee and transfer; every section of the form),
 * so their repositories keep recently used ones in memory ({@link AggregateCache}): a command on a cached aggregate
 * reads only the events other nodes stored since, usually none ({@link StoreCheckedCachingRepository}).
 */
@Configuration(proxyBeanMethods = false)
public class Aggregates {

    @Bean
    public ConfigurerModule aggregateRegistrations(
            ApplicationNumbers applicationNumbers,
            @Value("${ekabinet.axon.aggregate-cache.max-entries:10000}") long cachedPerType,
            @Value("${ekabinet.axon.aggregate-cache.idle:10m}") Duration cacheIdle,
            MeterRegistry meters, JdbcTemplate jdbc) {
        LockFactory clusterLocks = new ClusterLockFactory(jdbc);
        return configurer -> configurer
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Payment.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Cabinet.class))
                .configureAggregate(cached(Wallet.class, cachedPerType, cacheIdle, clusterLocks, meters))
                // crediting a code redeems the code and credits the wallet in one unit of work
                .registerCommandHandler(config -> new PaymentCodeCrediting(config.repository(Payment.class),
                        config.repository(Wallet.class)))
                // a session never changes once published: reading its terms takes no lock, so edits and confirmations
                // of different citizens never queue behind each other (a conflicting republish still loses on the
                // event store's unique key)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ExamSession.class)
                        .configureLockFactory(config -> NullLockFactory.INSTANCE))
                .configureAggregate(cached(ExamApplication.class, cachedPerType, cacheIdle, clusterLocks, meters))
                .registerCommandHandler(config -> new ApplicationStarting(config.repository(ExamApplication.class),
                        config.repository(ExamSession.class), applicationNumbers))
                .registerCommandHandler(config -> new ApplicationEditing(config.repository(ExamApplication.class),
                        config.repository(ExamSession.class)))
                // confirming an application debits its fee and confirms it in one unit of work
                .registerCommandHandler(config -> new ApplicationConfirming(config.repository(ExamApplication.class),
                        config.repository(ExamSession.class), config.repository(Wallet.class)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Transfer.class))
                // confirming a transfer completes it, debits the sender and credits the recipient in one unit of work
                .registerCommandHandler(config -> new MoneyTransfers(config.repository(Transfer.class),
                        config.repository(Wallet.class)));
    }

    /**
     * An aggregate kept in memory between commands, checked against the event store before each one, and locked for
     * the whole cluster while a command uses it ({@link ClusterLockFactory}): wallets are what many commands from
     * every node move at once.
     */
    private static <T> AggregateConfigurer<T> cached(Class<T> type, long maxEntries, Duration idle, LockFactory locks,
                                                     MeterRegistry meters) {
        AggregateConfigurer<T> aggregate = AggregateConfigurer.defaultConfiguration(type);
        return aggregate.configureRepository(config -> StoreCheckedCachingRepository.of(type, config,
                aggregate.aggregateFactory(), new AggregateCache(maxEntries, idle), locks, meters));
    }
}
