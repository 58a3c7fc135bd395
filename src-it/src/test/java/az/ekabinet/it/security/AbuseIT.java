package az.ekabinet.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.TestClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Abuse that no single rule of a form stops: many phones flooded with SMS from one address, and clients that open a
 * connection and then send nothing. Each is bounded with a clear answer and none slows anybody else. (Password and
 * code guessing, per-phone SMS limits and oversized bodies are in SignInRulesIT, VerificationCodesIT, PlatformIT and
 * HostileInputIT.)
 */
@IntegrationTest
// its own application context beside the shared one: small pools, and closed after the class, so that both stay well
// within PostgreSQL's connections
@DirtiesContext
@TestPropertySource(properties = {"ekabinet.sms.max-per-address-per-hour=3", "server.netty.idle-timeout=2s",
        "spring.datasource.hikari.maximum-pool-size=4", "spring.r2dbc.pool.max-size=4", "spring.r2dbc.pool.initial-size=1"})
class AbuseIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    private WebTestClient.ResponseSpec askForCode(CitizenClient citizens) {
        String registration = citizens.start("AZE", Ids.documentNumber(), Ids.fin());
        return http.put().uri("/api/registrations/{id}/contact", registration).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"" + Ids.phone() + "\"}").exchange();
    }

    @Test
    void oneAddressCannotFloodManyPhonesWithSms() {
        CitizenClient citizens = new CitizenClient(http);
        clock.advance(Duration.ofMinutes(61)); // codes other tests asked for from this address no longer count
        for (int i = 0; i < 3; i++) {
            askForCode(citizens).expectStatus().isAccepted();
        }
        askForCode(citizens).expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("SMS_LIMIT_REACHED");
        clock.advance(Duration.ofMinutes(61));
        askForCode(citizens).expectStatus().isAccepted();
        clock.advance(Duration.ofMinutes(61)); // leave the address's hour empty for whoever comes next
    }

    @Test
    void aClientThatSendsNothingIsCutOffAndSlowsNobody() throws IOException {
        try (Socket silent = new Socket("localhost", port)) {
            OutputStream out = silent.getOutputStream();
            out.write("POST /api/registrations HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{\"fin\""
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) { // meanwhile everybody else is served as usual
                http.get().uri("/api/reference/districts").exchange().expectStatus().isOk();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            silent.setSoTimeout(10_000);
            InputStream in = silent.getInputStream();
            long waited = System.nanoTime();
            int read;
            try {
                do {
                    read = in.read();
                } while (read != -1);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the silent connection was still open after 10 s", e);
            } catch (IOException reset) {
                read = -1; // closed by the server with a reset: cut off as well
            }
            assertThat(read).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - waited)).as("cut off by the idle timeout (2 s here)")
                    .isLessThan(Duration.ofSeconds(9));
        }
    }
}
