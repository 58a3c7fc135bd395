package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.bench.BalancerLog.Line;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How the deadline-day benchmark reads the service's own side of a run from HAProxy's request lines. */
class BalancerLogTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final long FIVE = ZonedDateTime.of(2026, 12, 7, 5, 0, 2, 834_000_000, UTC).toInstant()
            .toEpochMilli();

    @Test
    void aLineGivesWhenItWasAcceptedItsNodeItsWaitForASlotItsTimeAndItsStatus() {
        Line refusedByANode = BalancerLog.parse("127.0.0.1:46674 [07/Dec/2026:05:00:02.834] ekabinet nodes/node2 "
                + "0/0/0/405/405 503 645 - - ---- 167/167/15/8/0 0/0 \"PUT /api/applications/100176/residence "
                + "HTTP/1.1\"", UTC);
        Line refusedHere = BalancerLog.parse("127.0.0.1:40000 [07/Dec/2026:05:00:03.000] ekabinet nodes/<NOSRV> "
                + "0/31/-1/-1/31 503 351 - - sQ-- 200/200/32/0/0 0/12 \"GET /api/me/wallet?x=1 HTTP/1.1\"", UTC);

        assertThat(refusedByANode).isEqualTo(new Line(FIVE, "node2", 0, 405, 503,
                "PUT /api/applications/{n}/residence"));
        assertThat(refusedByANode.refusedByBalancer()).isFalse();
        assertThat(refusedHere).isEqualTo(new Line(FIVE + 166, "<NOSRV>", 31, 31, 503, "GET /api/me/wallet"));
        assertThat(refusedHere.refusedByBalancer()).isTrue();
        assertThat(BalancerLog.parse("127.0.0.1:40001 [07/Dec/2026:05:00:03.000] ekabinet passwords/<NOSRV> "
                + "0/30/-1/-1/30 503 351 - - sQ-- 200/200/32/0/0 0/3 \"POST /api/auth/login HTTP/1.1\"", UTC))
                .as("a login, in the passwords' backend").isEqualTo(new Line(FIVE + 166, "<NOSRV>", 30, 30, 503,
                        "POST /api/auth/login"));
        assertThat(BalancerLog.parse("127.0.0.1:41042 [07/Dec/2026:05:03:08.588] ekabinet streams/node2 "
                + "0/0/0/10/3130 200 492 - - SD-- 22/22/20/20/0 0/0 \"GET /api/applications/100100/status-stream "
                + "HTTP/1.1\"", UTC)).as("an event stream is no API request").isNull();
        assertThat(BalancerLog.parse("[NOTICE] (1) : New worker (2) forked", UTC)).isNull();
    }

    @Test
    void theFiguresComeFromTheRequestsAcceptedInTheWindowOnly() {
        List<Line> lines = Stream.of(
                Stream.generate(() -> new Line(FIVE + 10, "node1", 0, 12, 200, "GET /api/me/wallet")).limit(98),
                Stream.of(new Line(FIVE + 20, "node1", 0, 900, 201, "POST /api/me/wallet/credits"),
                        new Line(FIVE + 30, "node2", 0, 950, 200, "GET /api/me/wallet")),
                Stream.generate(() -> new Line(FIVE + 40, "<NOSRV>", 30, 31, 503, "GET /api/me/wallet")).limit(3),
                Stream.of(new Line(FIVE + 50, "node2", 0, 70, 503, "POST /api/auth/login")),
                Stream.of(new Line(FIVE + 1_000, "node1", 0, 5_000, 200, "GET /api/me/wallet"))).flatMap(s -> s)
                .toList();

        BalancerLog.Figures figures = BalancerLog.figures(lines, FIVE, FIVE + 1_000);

        assertThat(figures.requests()).isEqualTo(104);
        assertThat(figures.admittedP50()).isEqualTo(12);
        assertThat(figures.admittedP99()).as("the 99th of 100").isEqualTo(900);
        assertThat(figures.refusedByBalancer()).isEqualTo(3);
        assertThat(figures.refusedByNodes()).isEqualTo(1);
        assertThat(figures.refusedP99()).isEqualTo(70);
        assertThat(figures.admittedP99ByRequest()).as("the 99th of 99 balance reads; the one credit")
                .containsEntry("GET /api/me/wallet", 950L).containsEntry("POST /api/me/wallet/credits", 900L)
                .hasSize(2);
        assertThat(figures.slowest()).isEqualTo("GET /api/me/wallet 950 ms");
        assertThat(figures.within(950)).isTrue();
        assertThat(figures.within(949)).isFalse();
    }
}
