package az.ekabinet.it.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.springframework.boot.test.web.reactive.server.WebTestClientBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Holds the service to its own OpenAPI document: every answer of the API ({@code /api/**} and the ops page) the
 * integration tests get through their {@link WebTestClient} is checked against {@code /v3/api-docs} (Atlassian's
 * swagger-request-validator), its status, its media type, its headers and its body, error answers included. An answer the document does not describe fails the
 * exchange, and so the test. Requests are not checked: many tests send bad input on purpose, and what the service
 * answers to it is what the document must describe. Streams (server-sent events, NDJSON) are checked by status and
 * media type, their bodies never end.
 */
public final class DocumentedAnswers implements ExchangeFilterFunction {

    private static final List<String> UNKNOWN_OPERATION = List.of("validation.request.path.missing",
            "validation.request.operation.notAllowed");
    private static final List<MediaType> STREAMS = List.of(MediaType.TEXT_EVENT_STREAM,
            MediaType.parseMediaType("application/x-ndjson"));

    /**
     * Threads of its own for the checks (and the document's first read): tests that block many threads of Reactor's
     * shared bounded-elastic pool on their own exchanges must not leave the checks of those exchanges without one.
     */
    private static final Scheduler CHECKING = Schedulers.newBoundedElastic(4, Integer.MAX_VALUE, "documented-answers",
            60, true);

    /** More than the document takes, and more than clients may send (the codecs' limit is set for those). */
    static final int DOCUMENT_BYTES = 4 << 20;

    private final ApplicationContext context;
    /**
     * Loaded by the first exchange and kept: exchanges that come meanwhile wait as subscribers, holding no thread (a
     * crowd of them blocked on a lock took every thread the document's own building needed).
     */
    private final Mono<OpenApiInteractionValidator> validator;

    DocumentedAnswers(ApplicationContext context) {
        this.context = context;
        // kept once read; a failed read (a slow first build of the document) is not kept: the next exchange reads again
        this.validator = Mono.fromCallable(this::load).subscribeOn(CHECKING)
                .cache(loaded -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
    }

    /** Registered by {@link IntegrationTest}: every test's client is checked. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        WebTestClientBuilderCustomizer documentedAnswers(ApplicationContext context) {
            DocumentedAnswers answers = new DocumentedAnswers(context);
            return builder -> builder.filter(answers);
        }
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        String path = request.url().getPath();
        if (!path.startsWith("/api/") && !path.startsWith("/ops")) {
            return next.exchange(request); // not the API: the API's document, Swagger UI, Actuator
        }
        AtomicReference<byte[]> sent = new AtomicReference<>();
        ClientRequest capturing = ClientRequest.from(request)
                .body((message, context) -> request.body().insert(new Capturing(message, sent), context)).build();
        // the schema library reads files as it checks: off the exchange's event loop
        return validator.flatMap(document -> next.exchange(capturing)
                .flatMap(response -> isStream(response)
                        ? Mono.fromRunnable(() -> check(document, request, sent.get(), response, null))
                                .subscribeOn(CHECKING).thenReturn(response)
                        : response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                                .publishOn(CHECKING)
                                .map(body -> {
                                    check(document, request, sent.get(), response, body);
                                    DataBuffer again = DefaultDataBufferFactory.sharedInstance.wrap(body);
                                    // the body was read: a new one in its place, without releasing the read one
                                    // again (body(Flux) would, and its second subscriber's failure was logged as
                                    // an ERROR with a stack trace, "Operator called default onErrorDropped")
                                    return response.mutate().body(read -> Flux.just(again)).build();
                                })));
    }

    /** A request's body as it is written out, kept for the check of the answer. */
    private static final class Capturing extends ClientHttpRequestDecorator {

        private final AtomicReference<byte[]> sent;

        Capturing(ClientHttpRequest delegate, AtomicReference<byte[]> sent) {
            super(delegate);
            this.sent = sent;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(Flux.from(body)).flatMap(buffer -> {
                byte[] bytes = new byte[buffer.readableByteCount()];
                buffer.read(bytes);
                DataBufferUtils.release(buffer);
                sent.set(bytes);
                return super.writeWith(Mono.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
            });
        }
    }

    private static boolean isStream(ClientResponse response) {
        MediaType type = response.headers().contentType().orElse(null);
        return type != null && STREAMS.stream().anyMatch(type::isCompatibleWith);
    }

    private void check(OpenApiInteractionValidator document, ClientRequest request, byte[] sent,
                       ClientResponse response, byte[] body) {
        URI url = request.url();
        SimpleRequest.Builder asked = new SimpleRequest.Builder(request.method().name(), url.getRawPath());
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                asked.withQueryParam(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        request.headers().forEach((name, values) -> asked.withHeader(name, values));
        if (sent != null && sent.length > 0) {
            asked.withBody(sent);
        }
        SimpleResponse.Builder answered = new SimpleResponse.Builder(response.statusCode().value());
        response.headers().asHttpHeaders().forEach((name, values) -> answered.withHeader(name, values));
        if (body != null && body.length > 0) {
            answered.withBody(body);
        }
        int status = response.statusCode().value();
        boolean accepted = status >= 200 && status < 300;
        ValidationReport report = ValidationReport.from(document.validate(asked.build(), answered.build())
                .getMessages().stream()
                // a stream's body never ends, so it is not read: that it has one is no finding
                .filter(m -> body != null || !m.getKey().equals("validation.response.body.missing"))
                // a request the service refused may break the document's rules: many tests send bad input on purpose
                .filter(m -> accepted || !m.getKey().startsWith("validation.request.")
                        || UNKNOWN_OPERATION.contains(m.getKey()))
                .toList());
        boolean unknownOperation = report.getMessages().stream().anyMatch(m -> UNKNOWN_OPERATION.contains(m.getKey()));
        // an operation the document lacks is fine only where the service refuses it too: there is none (404, 405), or
        // whatever might be there needs a login first (401, 403)
        boolean undocumented = unknownOperation && !List.of(401, 403, 404, 405).contains(status);
        if (report.hasErrors() || undocumented) {
            throw new AssertionError("The OpenAPI document does not describe this exchange: " + request.method() + " "
                    + url.getRawPath() + (sent == null ? "" : " " + new String(sent, StandardCharsets.UTF_8))
                    + " answered " + status + " " + response.headers().asHttpHeaders().getContentType()
                    + "\n" + (body == null ? "(a stream)" : new String(body, StandardCharsets.UTF_8)) + "\n"
                    + report.getMessages());
        }
    }

    /** Reads the document, once: a blocking call, made off the event loop by the first exchange to need it. */
    private OpenApiInteractionValidator load() {
        String document = WebTestClient.bindToApplicationContext(context).configureClient()
                .responseTimeout(Duration.ofMinutes(1)) // the document is built at its first request
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(DOCUMENT_BYTES)).build().get()
                .uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return OpenApiInteractionValidator.createForInlineApiSpecification(document)
                // a problem's schema is the Problem and its operation's codes (allOf): judged as one
                .withResolveCombinators(true)
                .withLevelResolver(LevelResolver.create()
                        // enumerations are documented as clients should send them; the service takes any case
                        .withLevel("validation.request.body.schema.enum", ValidationReport.Level.INFO)
                        .withLevel("validation.request.path.missing", ValidationReport.Level.INFO)
                        .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.INFO)
                        .build())
                .build();
    }

}
