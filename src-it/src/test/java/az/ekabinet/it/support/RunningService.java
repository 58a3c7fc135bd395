package az.ekabinet.it.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The service as its clients reach it (one process, or a cluster through its load balancer), and its database. */
public interface RunningService {

    String baseUrl();

    WebTestClient http();

    JdbcTemplate jdbc();
}
