package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every request has an id, echoed in {@code X-Request-Id}, and every line logged for its work carries it: on the
 * event loop, on the command thread, in Axon's unit of work (docs/operations.md, "Logs").
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RequestIdIT {

    /** The loggers whose DEBUG lines show a request's way through the service: its start, its command, its end. */
    static final List<String> TRACED = List.of("az.ekabinet.config.web.RequestIds",
            "az.ekabinet.config.web.ProblemExceptionHandler", "az.ekabinet.command.shared.CommandDispatcher",
            "org.axonframework.commandhandling.SimpleCommandBus", "org.axonframework.messaging.unitofwork");
    /** The thread of a plain log line ("… --- [ekabinet] [      command-3] …"). */
    static final Pattern COMMAND_THREAD = Pattern.compile("--- \\[ekabinet\\] \\[\\s*command-\\d+\\] ");
    static final Pattern GENERATED = Pattern.compile("[0-9a-f]{16}");

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    LoggingSystem logging;

    @Test
    void theLinesOfACommandsWorkCarryTheClientsRequestId(CapturedOutput output) {
        String token = new CitizenClient(http).signUp("a traced citizen's password").token();
        String code = Ids.paymentCode();
        ProviderClient.demoBank(http, clock).post(ProviderClient.demoBank(http, clock)
                .notification(code, "7.00", "AA1234567")).expectStatus().isCreated();

        int before = output.getAll().length();
        TRACED.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
        try {
            http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                    .header("X-Request-Id", "test-123")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                    .exchange().expectStatus().isCreated()
                    .expectHeader().valueEquals("X-Request-Id", "test-123");
            awaitLine(output, before, "POST /api/me/wallet/credits answered 201");
        } finally {
            TRACED.forEach(logger -> logging.setLogLevel(logger, null));
        }

        List<String> lines = output.getAll().substring(before).lines().toList();
        List<String> onCommandThreads = lines.stream().filter(line -> COMMAND_THREAD.matcher(line).find()).toList();
        // the command's own line, Axon's bus and its unit of work, all on the command thread
        assertThat(onCommandThreads).anyMatch(line -> line.contains("Command CreditPaymentCode handled"));
        assertThat(onCommandThreads).anyMatch(line -> line.contains("Handling command [az.ekabinet.domain.wallet.CreditPaymentCode]"));
        assertThat(onCommandThreads).anyMatch(line -> line.contains("Committing Unit Of Work"));
        assertThat(onCommandThreads).allMatch(line -> line.contains("] [test-123] "));
        // the request's last line, on whichever thread wrote the answer
        assertThat(lines).anyMatch(line -> line.contains("] [test-123] ")
                && line.contains("POST /api/me/wallet/credits answered 201"));
    }

    @Test
    void aRefusedRequestIsTracedToo(CapturedOutput output) {
        int before = output.getAll().length();
        TRACED.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
        try {
            http.get().uri("/api/me/wallet").header("X-Request-Id", "test-401").headers(h -> h.setBearerAuth("dead"))
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("X-Request-Id", "test-401");
            http.post().uri("/api/me/wallet/credits").header("X-Request-Id", "test-400")
                    .headers(h -> h.setBearerAuth(new CitizenClient(http).signUp("a refused password").token()))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"not a code\"}")
                    .exchange().expectStatus().isBadRequest()
                    .expectHeader().valueEquals("X-Request-Id", "test-400");
            awaitLine(output, before, "POST /api/me/wallet/credits answered 400 in");
            awaitLine(output, before, "GET /api/me/wallet answered 401 in");
        } finally {
            TRACED.forEach(logger -> logging.setLogLevel(logger, null));
        }
        List<String> lines = output.getAll().substring(before).lines().toList();
        assertThat(lines).anyMatch(line -> line.contains("] [test-401] ") && line.contains("answered 401"));
        assertThat(lines).anyMatch(line -> line.contains("] [test-400] ")
                && line.contains("POST /api/me/wallet/credits answered 400 VALIDATION_FAILED"));
    }

    /**
     * The request's last line is written when the server has finished the answer, which may be just after the client
     * has it: waited for while its logger is still at DEBUG.
     */
    private static void awaitLine(CapturedOutput output, int from, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> output.getAll().substring(from).contains(text));
    }

    @Test
    void anIdIsMadeWhenTheClientSendsNoneOrAnUnfitOne() {
        String made = http.get().uri("/api/reference/districts").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
        assertThat(made).matches(GENERATED);
        for (String unfit : List.of("with spaces", "x".repeat(65), "quote\"d", "", "{braces}", "semi;colon")) {
            String replaced = http.get().uri("/api/reference/districts").header("X-Request-Id", unfit)
                    .exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");
            assertThat(replaced).as(unfit).matches(GENERATED);
        }
        String kept = "1-67891233-abcdef012345678912345678";
        http.get().uri("/api/reference/districts").header("X-Request-Id", kept).exchange()
                .expectHeader().valueEquals("X-Request-Id", kept);
    }
}
