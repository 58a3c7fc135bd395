package az.ekabinet.it.reliability;

import az.ekabinet.it.reliability.Journal.Answer;
import az.ekabinet.it.reliability.Journal.Application;
import az.ekabinet.it.reliability.Journal.Transfer;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Citizens and a payment provider using the service at once, over HTTP as clients do: payment notifications and
 * credits of their codes, transfer previews and confirmations, exam application confirmations (each debits the
 * session's fee), balance reads. Every answer goes into the {@link Journal}. A step whose outcome the client was
 * not told (no answer, or a 5xx) is queued to be repeated, as a client would: repeating it is safe by the API's rules
 * (an identical payment notification, a credit, a confirmation); a transfer preview is never repeated.
 */
final class MixedLoad {

    static final String PASSWORD = "a reliability test password";
    private static final String PAID_AT = "2026-01-15T10:00:00+04:00";
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(200);
    private static final int MAX_REPEATS = 20;

    enum Kind { CREDIT, TRANSFER, CONFIRMATION, BALANCE }

    record Citizen(String cabinetNumber, String token) {
    }

    private final Journal journal;
    private final List<Citizen> citizens;
    private final Queue<Application> unconfirmed = new ConcurrentLinkedQueue<>();
    private final Queue<Supplier<Mono<Void>>> repeats = new ConcurrentLinkedQueue<>();
    private final AtomicInteger repeated = new AtomicInteger();
    private final ProviderClient signer = ProviderClient.demoBank(null, Clock.systemUTC());
    private final long epoch = System.nanoTime();
    private ConnectionProvider connections;
    private WebClient client;

    private MixedLoad(Journal journal, List<Citizen> citizens) {
        this.journal = journal;
        this.citizens = citizens;
    }

    /** {@code count} synthetic citizens registered (the service must use {@code StubIdentityRegistry}), logged in. */
    static MixedLoad signUp(RunningService service, Journal journal, int count) {
        CitizenClient clients = new CitizenClient(service.http());
        List<Citizen> citizens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var citizen = clients.signUp(PASSWORD);
            citizens.add(new Citizen(citizen.cabinetNumber(), citizen.token()));
        }
        MixedLoad load = new MixedLoad(journal, citizens);
        load.target(service);
        return load;
    }

    /** Sends to this (re)started service from now on; the port changes with every start. */
    void target(RunningService service) {
        if (connections != null) {
            connections.dispose();
        }
        connections = ConnectionProvider.builder("reliability").maxConnections(64).pendingAcquireMaxCount(-1).build();
        client = WebClient.builder().baseUrl(service.baseUrl())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)
                        .responseTimeout(Duration.ofSeconds(40))))
                .build();
    }

    List<Citizen> citizens() {
        return citizens;
    }

    /** Nanoseconds since the load was made: the clock of {@link Answer#startedNanos()}. */
    long now() {
        return System.nanoTime() - epoch;
    }

    /** Every citizen starts and fills in an application to {@code session}; confirming them is part of the load. */
    void prepareApplications(RunningService service, String session, long feeQepik) {
        ApplicationClient applications = new ApplicationClient(service.http());
        for (Citizen citizen : citizens) {
            String number = applications.start(citizen.token(), session);
            applications.fillIn(citizen.token(), number);
            Application application = new Application(number, citizen.cabinetNumber(), feeQepik);
            journal.applications.put(number, application);
            unconfirmed.add(application);
        }
    }

    /** An administrator publishes an open exam session with this fee. */
    static void publishSession(RunningService service, String id, long feeQepik) {
        String admin = new CitizenClient(service.http()).token("admin", "demo-admin-2026");
        Clock clock = Clock.systemUTC();
        service.http().post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"id":"%s","title":"Sınaq sessiyası %s","academicYear":"2025/2026","attempt":2,"fee":"%s",
                         "opensAt":"%s","deadline":"%s"}""".formatted(id, id, money(feeQepik),
                        clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(30))))
                .exchange().expectStatus().isCreated();
    }

    /** Each citizen pays {@code qepik} in with a code of their own, one after another. */
    void fund(long qepik) {
        Flux.fromIterable(citizens).concatMap(citizen -> pay(citizen, qepik)).blockLast(Duration.ofMinutes(2));
    }

    /** Runs these operations, {@code concurrency} at a time, until done or {@code stop} says so. */
    Flux<Void> batch(List<Kind> kinds, int concurrency, BooleanSupplier stop) {
        return Flux.fromIterable(kinds).takeWhile(kind -> !stop.getAsBoolean()).flatMap(this::operation, concurrency);
    }

    /** Random operations (repeats first; a fifth are balance reads), {@code concurrency} at a time, until stopped. */
    Flux<Void> continuous(int concurrency, BooleanSupplier stop) {
        return Flux.<Kind>generate(sink -> sink.next(randomKind())).takeWhile(kind -> !stop.getAsBoolean())
                .flatMap(kind -> {
                    Supplier<Mono<Void>> repeat = repeats.poll();
                    return repeat != null ? repeat(repeat) : operation(kind);
                }, concurrency);
    }

    /** Repeats every step whose outcome was not told until each has an answer (bounded). */
    void repeatUntold() {
        for (int round = 0; round < MAX_REPEATS && !repeats.isEmpty(); round++) {
            List<Supplier<Mono<Void>>> due = new ArrayList<>();
            for (Supplier<Mono<Void>> repeat; (repeat = repeats.poll()) != null; ) {
                due.add(repeat);
            }
            Flux.fromIterable(due).flatMap(this::repeat, 4).blockLast(Duration.ofMinutes(2));
        }
        if (!repeats.isEmpty()) {
            throw new AssertionError(repeats.size() + " steps still without an answer after " + MAX_REPEATS
                    + " repeats");
        }
    }

    private Mono<Void> repeat(Supplier<Mono<Void>> step) {
        repeated.incrementAndGet();
        return step.get();
    }

    /** Steps waiting to be repeated. */
    int untold() {
        return repeats.size();
    }

    /** Steps repeated so far. */
    int repeated() {
        return repeated.get();
    }

    private static Kind randomKind() {
        int dice = ThreadLocalRandom.current().nextInt(100);
        return dice < 25 ? Kind.CREDIT : dice < 65 ? Kind.TRANSFER : dice < 80 ? Kind.CONFIRMATION : Kind.BALANCE;
    }

    private Mono<Void> operation(Kind kind) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Citizen citizen = citizens.get(random.nextInt(citizens.size()));
        if (kind == Kind.CONFIRMATION) {
            Application application = unconfirmed.poll();
            if (application != null) {
                return confirm(application, false);
            }
        }
        if (kind == Kind.CREDIT) {
            return pay(citizen, random.nextLong(1_000, 6_001));
        }
        if (kind == Kind.BALANCE) {
            return send("balance", Set.of(), client.get().uri("/api/me/wallet")
                    .headers(h -> h.setBearerAuth(citizen.token())), null).then();
        }
        Citizen recipient = citizens.get((citizens.indexOf(citizen) + 1 + random.nextInt(citizens.size() - 1))
                % citizens.size());
        return transfer(citizen, recipient, random.nextLong(100, 2_501));
    }

    // --- the steps

    /** The provider notifies a payment with a new code; once acknowledged, the citizen credits it. */
    private Mono<Void> pay(Citizen citizen, long qepik) {
        String code = Ids.paymentCode();
        journal.notified.put(code, qepik);
        journal.payer.put(code, citizen.cabinetNumber());
        return notifyPayment(code, citizen, qepik);
    }

    private Mono<Void> notifyPayment(String code, Citizen citizen, long qepik) {
        byte[] body = ProviderClient.notification(code, money(qepik), "AA1234567", PAID_AT, ProviderClient.DEMO_BANK)
                .getBytes(StandardCharsets.UTF_8);
        return Mono.defer(() -> {
            long timestamp = Clock.systemUTC().instant().getEpochSecond();
            return send("payment notification", Set.of(), client.post().uri("/api/payments")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header("X-Ekabinet-Provider", ProviderClient.DEMO_BANK)
                    .header("X-Ekabinet-Timestamp", Long.toString(timestamp))
                    .header("X-Ekabinet-Signature", signer.sign(timestamp, body))
                    .bodyValue(body), () -> notifyPayment(code, citizen, qepik));
        }).flatMap(reply -> {
            if (reply.status() == 200 || reply.status() == 201) {
                journal.paid.add(code);
                return credit(code, citizen, false);
            }
            return Mono.empty();
        });
    }

    private Mono<Void> credit(String code, Citizen citizen, boolean repeat) {
        // On a repeat, "already credited" says the first, unanswered attempt did it.
        Set<String> refusals = repeat ? Set.of("PAYMENT_CODE_ALREADY_CREDITED") : Set.of();
        return Mono.defer(() -> send(repeat ? "credit (repeat)" : "credit", refusals,
                        client.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(citizen.token()))
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"paymentCode\":\"" + code + "\"}"),
                        () -> credit(code, citizen, true)))
                .doOnNext(reply -> {
                    if (reply.status() == 201 || reply.code() != null && refusals.contains(reply.code())) {
                        journal.credited.add(code);
                    }
                }).then();
    }

    /** A preview (never repeated: each makes a new transfer), then its confirmation. */
    private Mono<Void> transfer(Citizen from, Citizen to, long qepik) {
        return Mono.defer(() -> send("transfer preview", Set.of(), client.post().uri("/api/me/wallet/transfers")
                        .headers(h -> h.setBearerAuth(from.token())).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                                .formatted(to.cabinetNumber(), money(qepik), PASSWORD)), null))
                .filter(reply -> reply.status() == 201)
                .flatMap(reply -> {
                    String id = reply.body().get("transferId").asText();
                    journal.transfers.put(id, new Transfer(id, from.cabinetNumber(), to.cabinetNumber(), qepik));
                    return confirmTransfer(id, from);
                });
    }

    private Mono<Void> confirmTransfer(String id, Citizen from) {
        return Mono.defer(() -> send("transfer confirmation", Set.of("INSUFFICIENT_FUNDS"),
                        client.post().uri("/api/me/wallet/transfers/{id}/confirmation", id)
                                .headers(h -> h.setBearerAuth(from.token())),
                        () -> confirmTransfer(id, from)))
                .doOnNext(reply -> {
                    if (reply.status() == 200) {
                        journal.transfersCompleted.add(id);
                    } else if ("INSUFFICIENT_FUNDS".equals(reply.code())) {
                        journal.transfersRefused.add(id);
                    }
                }).then();
    }

    private Mono<Void> confirm(Application application, boolean repeat) {
        String token = citizens.stream().filter(c -> c.cabinetNumber().equals(application.cabinetNumber()))
                .findFirst().orElseThrow().token();
        return Mono.defer(() -> send(repeat ? "application confirmation (repeat)" : "application confirmation",
                        Set.of("INSUFFICIENT_FUNDS"),
                        client.post().uri("/api/applications/{n}/confirmation", application.number())
                                .headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue("{\"consentToDebit\":true}"),
                        () -> confirm(application, true)))
                .doOnNext(reply -> {
                    if (reply.status() == 200) {
                        journal.confirmed.add(application.number());
                    } else if ("INSUFFICIENT_FUNDS".equals(reply.code())) {
                        journal.confirmationsRefused.add(application.number());
                    }
                }).then();
    }

    // --- HTTP

    record Reply(int status, String code, JsonNode body) {
    }

    /**
     * Sends, journals the answer and returns it. Without an answer or with a 5xx the outcome is unknown: the step
     * ({@code repeat}, if it may be repeated) is queued, and this client pauses a little before it goes on.
     */
    private Mono<Reply> send(String step, Set<String> expectedRefusals, WebClient.RequestHeadersSpec<?> request,
                             Supplier<Mono<Void>> repeat) {
        long started = now();
        return request.exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                        .onErrorResume(unreadable -> Mono.just(NullNode.getInstance()))
                        .defaultIfEmpty(NullNode.getInstance())
                        .map(body -> {
                            String code = body.path("code").asText(null);
                            String type = String.valueOf(response.headers().contentType().orElse(null));
                            journal.answered(new Answer(step, response.statusCode().value(), code,
                                    code != null && expectedRefusals.contains(code), type, started, now(), null));
                            return new Reply(response.statusCode().value(), code, body);
                        }))
                .onErrorResume(failure -> {
                    journal.answered(new Answer(step, 0, null, false, null, started, now(), failure.toString()));
                    return Mono.just(new Reply(0, null, NullNode.getInstance()));
                })
                .flatMap(reply -> {
                    if (reply.status() != 0 && reply.status() < 500) {
                        return Mono.just(reply);
                    }
                    if (repeat != null) {
                        repeats.add(repeat);
                    }
                    return Mono.delay(PAUSE_AFTER_FAILURE).then(Mono.just(reply));
                });
    }

    static String money(long qepik) {
        return "%d.%02d".formatted(qepik / 100, qepik % 100);
    }
}
