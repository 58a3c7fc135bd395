package az.ekabinet.bench;

import az.ekabinet.bench.GatlingRun.Answer;
import az.ekabinet.it.reliability.Journal;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Cluster;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.ProviderClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What deadline day's citizens find in place, seeded through the cluster's API, and the feeders of the load
 * ({@code DeadlineDay} of src-it/deadline-day) written beside it: citizens logged in, each with money on their balance
 * and an application being filled in; confirmed applications to print; before each run, payments made and not yet
 * credited, and applications filled in and waiting for their fee. Every money operation, the seeding's and the load's,
 * goes into a {@link Journal}, which the invariants hold the service to after the runs.
 */
final class DeadlineDayData {

    static final String FEE = "1.00";
    static final long FEE_QEPIK = 100;
    static final String FUNDS = "50.00";
    static final long FUNDS_QEPIK = 5_000;
    /** The amount of every payment the load's provider notifies (DeadlineDay's Signer) and of those seeded to credit. */
    static final long PAYMENT_QEPIK = 100;
    private static final String DRAFTS = "deadline-drafts";
    private static final String PRINTED = "deadline-printed";

    record Citizen(String cabinet, String token, String draft) {
    }

    private final Cluster cluster;
    private final Path directory;
    private final Journal journal = new Journal();
    private final ProviderClient bank;
    private final ApplicationClient applications;
    private final String admin;
    private List<Citizen> citizens = List.of();
    private int sessions;
    private int nextDraft;
    private int nextPayer;

    private DeadlineDayData(Cluster cluster, Path directory, String admin) {
        this.cluster = cluster;
        this.directory = directory;
        this.admin = admin;
        this.bank = ProviderClient.demoBank(cluster.http(), Clock.systemUTC());
        this.applications = new ApplicationClient(cluster.http());
    }

    /** {@code count} citizens signed up, funded and filling in an application; {@code printable} of them confirmed. */
    static DeadlineDayData seed(Cluster cluster, Path directory, int count, int printable) throws IOException {
        if (Files.exists(directory)) { // the previous run's answers and feeders
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(directory);
        String admin = new CitizenClient(cluster.http()).token("admin", "demo-admin-2026");
        DeadlineDayData data = new DeadlineDayData(cluster, directory, admin);
        data.publish(DRAFTS);
        data.publish(PRINTED);
        CitizenClient signUps = new CitizenClient(cluster.http());
        List<String[]> signedUp = parallel(count, 2, i -> { // bcrypt: a node hashes on one or two threads
            var registered = whenAdmitted(() -> signUps.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(),
                    ServiceBenchmark.PASSWORD));
            return new String[] {registered.cabinetNumber(),
                    whenAdmitted(() -> signUps.token(registered.cabinetNumber(), ServiceBenchmark.PASSWORD))};
        });
        List<Citizen> citizens = parallel(count, 8, i -> {
            String cabinet = signedUp.get(i)[0];
            String token = signedUp.get(i)[1];
            data.credit(cabinet, token, data.paid(cabinet, FUNDS, FUNDS_QEPIK));
            String draft = data.started(cabinet, token, DRAFTS);
            data.applications.put(token, draft, "residence", "{\"districtCode\":\"BAKU\"}").expectStatus()
                    .isNoContent();
            return new Citizen(cabinet, token, draft);
        });
        List<String> printed = parallel(Math.min(printable, count), 8, i -> {
            Citizen citizen = citizens.get(i);
            String number = data.started(citizen.cabinet(), citizen.token(), PRINTED);
            data.applications.fillIn(citizen.token(), number);
            data.applications.confirm(citizen.token(), number).expectStatus().isOk();
            data.journal.confirmed.add(number);
            return citizen.token() + "," + number;
        });
        data.write("citizens.csv", "token,username,password,draft", citizens.stream().map(c -> String.join(",",
                c.token(), c.cabinet(), ServiceBenchmark.PASSWORD, c.draft())).toList());
        data.write("printable.csv", "token,number", printed);
        data.citizens = citizens;
        return data;
    }

    /**
     * The consumable feeders of the next run, written afresh: {@code credits} payments made to citizens and not yet
     * credited, and {@code confirmations} applications filled in and waiting for their fee.
     */
    void prepare(int credits, int confirmations) {
        List<String> codes = parallel(credits, 8, i -> {
            Citizen citizen = citizens.get(Math.floorMod(nextPayer + i, citizens.size()));
            return citizen.token() + "," + paid(citizen.cabinet(), "1.00", PAYMENT_QEPIK);
        });
        nextPayer += credits;
        List<int[]> drafts = new ArrayList<>();
        for (int i = 0; i < confirmations; i++, nextDraft++) {
            if (nextDraft % citizens.size() == 0) {
                publish("deadline-confirmations-" + nextDraft / citizens.size());
            }
            drafts.add(new int[] {nextDraft / citizens.size(), nextDraft % citizens.size()});
        }
        List<String> filled = parallel(drafts.size(), 8, i -> {
            Citizen citizen = citizens.get(drafts.get(i)[1]);
            String number = started(citizen.cabinet(), citizen.token(), "deadline-confirmations-" + drafts.get(i)[0]);
            applications.fillIn(citizen.token(), number);
            return citizen.token() + "," + number;
        });
        write("credits.csv", "token,code", codes);
        write("confirmations.csv", "token,number", filled);
    }

    /** The load's money operations into the journal: payments notified, codes credited, fees paid. */
    void record(List<Answer> answers) {
        for (Answer answer : answers) {
            switch (answer.step()) {
                case "provider notification" -> {
                    journal.notified.put(answer.subject(), PAYMENT_QEPIK);
                    if (answer.status() == 201) {
                        journal.paid.add(answer.subject());
                    }
                }
                case "credit a code" -> {
                    if (answer.status() == 201) {
                        journal.credited.add(answer.subject());
                    }
                }
                case "confirm with the fee" -> {
                    if (answer.status() == 200) {
                        journal.confirmed.add(answer.subject());
                    }
                }
                default -> {
                }
            }
        }
    }

    Journal journal() {
        return journal;
    }

    Path directory() {
        return directory;
    }

    private void publish(String session) {
        sessions++;
        cluster.http().post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"id":"%s","title":"Son gün %d","academicYear":"2025/2026","attempt":2,
                         "fee":"%s","opensAt":"%s","deadline":"%s"}""".formatted(session, sessions, FEE,
                        Clock.systemUTC().instant().minus(Duration.ofHours(1)),
                        Clock.systemUTC().instant().plus(Duration.ofDays(30))))
                .exchange().expectStatus().isCreated();
    }

    /** A payment of {@code amount} made by the demo bank for {@code cabinet}'s citizen and acknowledged: its code. */
    private String paid(String cabinet, String amount, long qepik) {
        String code = Ids.paymentCode();
        journal.notified.put(code, qepik);
        journal.payer.put(code, cabinet);
        bank.post(bank.notification(code, amount, "AA1234567")).expectStatus().isCreated();
        journal.paid.add(code);
        return code;
    }

    private void credit(String cabinet, String token, String code) {
        cluster.http().post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange().expectStatus().isCreated();
        journal.credited.add(code);
    }

    private String started(String cabinet, String token, String session) {
        String number = applications.start(token, session);
        journal.applications.put(number, new Journal.Application(number, cabinet, FEE_QEPIK));
        return number;
    }

    private void write(String file, String header, List<String> lines) {
        try {
            Files.writeString(directory.resolve(file), header + "\n" + lines.stream()
                    .map(line -> line + "\n").collect(Collectors.joining()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A call made again, as the API asks, after a refusal for want of a hashing slot (503 and its one-second
     * {@code Retry-After}): the seeding's two sign-ups at once can meet a node that hashes on one thread. A refused
     * registration step is started afresh, as another person: the one refused is left unfinished.
     */
    private static <T> T whenAdmitted(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (AssertionError refused) {
                if (attempt == 10 || !String.valueOf(refused.getMessage()).contains("503")) {
                    throw refused;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw refused;
                }
            }
        }
    }

    /** {@code count} blocking API calls, {@code parallelism} at a time, in order of {@code i}. */
    private static <T> List<T> parallel(int count, int parallelism, IntFunction<T> call) {
        return Flux.range(0, count).flatMapSequential(i -> reactor.core.publisher.Mono.fromCallable(() -> call.apply(i))
                        .subscribeOn(Schedulers.boundedElastic()), parallelism)
                .collectList().block(Duration.ofMinutes(10));
    }
}
