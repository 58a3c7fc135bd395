package az.ekabinet.command.shared.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A stub of an outside service for the HTTP adapters' tests, registered as a JUnit extension
 * ({@code @RegisterExtension final StubServer stub = new StubServer();}): Reactor Netty on 127.0.0.1, started on a
 * fresh port before each test and stopped after it. It answers every request as {@link #answer(Answer)} says (a 500
 * until told otherwise), and counts and records each request's path and {@code Accept} header.
 */
public final class StubServer implements BeforeEachCallback, AfterEachCallback {

    /** What the stub answers to its n-th request (counted from 1). */
    public interface Answer {
        Publisher<Void> respond(int hit, HttpServerResponse response);
    }

    private final AtomicInteger hits = new AtomicInteger();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<String> accepts = new CopyOnWriteArrayList<>();
    private volatile Answer answer = (hit, response) -> response.status(500).send();
    private DisposableServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.route(request -> true, (request, response) -> {
                    int hit = hits.incrementAndGet();
                    paths.add(request.uri());
                    accepts.add(String.valueOf(request.requestHeaders().get("Accept")));
                    return answer.respond(hit, response);
                }))
                .bindNow();
    }

    /** The base URL of a port nobody listens on: a service that is down. */
    public static String notListeningUrl() {
        DisposableServer closed = HttpServer.create().host("127.0.0.1").port(0).bindNow();
        int port = closed.port();
        closed.disposeNow();
        return "http://127.0.0.1:" + port;
    }

    /** A 200 with a JSON body, sent as UTF-8. */
    public static Publisher<Void> json(HttpServerResponse response, String body) {
        return response.status(200)
                .header("Content-Type", "application/json")
                .sendString(Mono.just(body), StandardCharsets.UTF_8);
    }

    public void answer(Answer answer) {
        this.answer = answer;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** How many requests arrived so far. */
    public AtomicInteger hits() {
        return hits;
    }

    /** The path and query of every request, in order. */
    public List<String> paths() {
        return paths;
    }

    /** The {@code Accept} header of every request, in order. */
    public List<String> accepts() {
        return accepts;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.disposeNow();
    }
}
