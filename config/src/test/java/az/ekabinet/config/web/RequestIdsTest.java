package az.ekabinet.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.shared.RequestId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** Which incoming ids are kept, what a made one looks like, and where the filter puts the id. */
class RequestIdsTest {

    @Test
    void tokensAProxyOrClientMakesAreKept() {
        for (String id : new String[] {"test-123", "4f9c2a7d-1b3e-4a60-9c2a-7d1b3e8a6012", "Root=1-67891233-abcdef",
                "a", "x".repeat(64), "req_42:node.1/+="}) {
            assertThat(RequestIds.chosen(id)).as(id).isEqualTo(id);
        }
    }

    @Test
    void anythingThatCouldBreakOrForgeALogLineIsReplaced() {
        for (String id : new String[] {null, "", "x".repeat(65), "two words", "line\nbreak", "quote\"", "{}", "ünicode",
                "semi;colon", "tab\t"}) {
            assertThat(RequestIds.chosen(id)).as(String.valueOf(id)).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void madeIdsHaveSixteenHexDigits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(RequestIds.generated()).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void theIdIsInTheContextTheMdcWhileSubscribingTheAttributesAndTheAnswer() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/me").header("X-Request-Id", "abc-1"));
        AtomicReference<String> inMdc = new AtomicReference<>();
        AtomicReference<String> inContext = new AtomicReference<>();
        new RequestIds().filter(exchange, ex -> Mono.deferContextual(context -> {
            inMdc.set(MDC.get(RequestId.KEY));
            inContext.set(context.getOrDefault(RequestId.KEY, null));
            return ex.getResponse().setComplete();
        })).block();

        assertThat(inMdc.get()).isEqualTo("abc-1");
        assertThat(inContext.get()).isEqualTo("abc-1");
        assertThat(MDC.get(RequestId.KEY)).as("put back after subscribing").isNull();
        assertThat(RequestIds.of(exchange)).isEqualTo("abc-1");
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER)).isEqualTo("abc-1");
    }
}
