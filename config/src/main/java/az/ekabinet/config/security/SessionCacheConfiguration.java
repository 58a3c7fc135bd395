package az.ekabinet.config.security;

import az.ekabinet.command.auth.session.SessionSettings;
import az.ekabinet.command.auth.session.SessionCache;
import az.ekabinet.config.database.NodeNotifications;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * This node's {@link SessionCache}, told of every node's revocations by the node's listening connection
 * ({@link NodeNotifications}): it serves from memory only while that connection listens and brings back the node's
 * own heartbeat. Its use shows as
 * {@code ekabinet_sessions_cache_total{result="hit|miss"}} and {@code ekabinet_sessions_cache_serving}.
 */
@Configuration(proxyBeanMethods = false)
public class SessionCacheConfiguration {

    @Bean
    public SessionCache sessionCache(SessionSettings settings) {
        return new SessionCache(settings.cache().maxEntries());
    }

    @Bean
    public MeterBinder sessionCacheMetrics(SessionCache cache) {
        return registry -> {
            FunctionCounter.builder("ekabinet.sessions.cache", cache, SessionCache::hits).tag("result", "hit")
                    .description("authenticated requests whose session came from this node's memory").register(registry);
            FunctionCounter.builder("ekabinet.sessions.cache", cache, SessionCache::misses).tag("result", "miss")
                    .description("authenticated requests whose session was read from the table").register(registry);
            Gauge.builder("ekabinet.sessions.cache.serving", cache, c -> c.serving() ? 1 : 0)
                    .description("1 while this node hears revocations and its heartbeat, and may serve sessions from memory")
                    .register(registry);
        };
    }
}
