package az.ekabinet.config;

import az.ekabinet.query.audit.AuditSettings;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import az.ekabinet.config.security.PrehashedBcrypt;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The clock, the bounded schedulers that keep blocking work off Netty threads, and password hashing. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class RuntimeConfiguration {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Commands append to the event store over JDBC: one thread per pooled connection is all that can make
     * progress, and a bounded queue turns overload into a quick 503 rather than a pile of waiting requests.
     */
    @Bean(destroyMethod = "dispose")
    public Scheduler commandScheduler(HikariDataSource dataSource,
                                      RuntimeSettings settings) {
        return Schedulers.newBoundedElastic(dataSource.getMaximumPoolSize(), settings.commands().queueCapacity(),
                "command");
    }

    /** bcrypt compares are CPU-bound and slow on purpose: at most a few at once, never on a Netty thread. */
    @Bean(destroyMethod = "dispose")
    public Scheduler passwordScheduler(RuntimeSettings settings) {
        return Schedulers.newBoundedElastic(settings.passwords().parallelism(), 1_000, "password");
    }

    /** Printing a PDF is CPU work of ~100 ms: a few at once, off the Netty threads, overload refused quickly. */
    @Bean(destroyMethod = "dispose")
    public Scheduler printScheduler(RuntimeSettings settings) {
        return Schedulers.newBoundedElastic(settings.printing().parallelism(), 200, "print");
    }

    /**
     * An audit's reconciliation compares and hashes a whole event store: CPU work in long stretches, kept off the
     * Netty threads on a few threads of its own so that it never slows the API.
     */
    @Bean(destroyMethod = "dispose")
    public Scheduler auditScheduler(AuditSettings audit) {
        return Schedulers.newBoundedElastic(audit.parallelism(), 1_000, "audit");
    }

    @Bean
    public PasswordEncoder passwordEncoder(RuntimeSettings settings) {
        return new PrehashedBcrypt(settings.passwords().bcryptStrength());
    }
}
