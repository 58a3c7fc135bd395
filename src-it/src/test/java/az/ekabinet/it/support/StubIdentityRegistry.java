package az.ekabinet.it.support;

import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * An identity registry that knows everybody (the real service's API, see HttpIdentityRegistry): a service run as
 * a separate process (benchmarks, fault tests) registers as many synthetic citizens as the load needs, each named
 * after their FIN. Start the service with {@code --ekabinet.identity-registry.mode=http} and this {@link #baseUrl()}.
 */
public final class StubIdentityRegistry implements AutoCloseable {

    private final DisposableServer server;

    public StubIdentityRegistry() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/v1/persons/{fin}/documents/{document}", (request, response) -> {
                    String fin = request.param("fin");
                    String document = request.param("document");
                    String body = """
                            {"fin":"%s","documentSeries":"AZE","documentNumber":"%s","surname":"Yükov",
                             "name":"Sınaq","patronymic":"Ölçü oğlu","birthDate":"1999-01-01","gender":"M",
                             "citizenship":"Azərbaycan Respublikası","registeredAddress":"Bakı şəhəri",
                             "documentIssuedOn":"2020-01-01","documentValidUntil":"2030-01-01",
                             "documentIssuedBy":"ASAN xidmət"}""".formatted(fin, document.substring(3));
                    return response.header("Content-Type", "application/json")
                            .sendString(Mono.just(body), StandardCharsets.UTF_8);
                }))
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
