package az.ekabinet.it.cabinet;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the cabinet's rule tests share: a citizen's client and the event store as tests read it. */
abstract class CabinetTests {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    CitizenClient citizen;
    EventStore events;

    @BeforeEach
    void setUp() {
        citizen = new CitizenClient(http);
        events = new EventStore(jdbc);
    }
}
