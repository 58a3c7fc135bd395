package az.ekabinet.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deadline day: citizens arrive at {@code load.rate} a second whatever the service's pace (an open model: a slow
 * answer does not hold the next arrival back), each to do one thing, in the proportions of {@link #MIX}; meanwhile
 * {@code load.streams} citizens keep their application's status stream open. After {@code load.duration} seconds the
 * rate falls to {@code load.after-rate} for {@code load.after-duration} seconds: how the service comes back after a
 * surge. A client gives up on an answer after 5 s (gatling.conf).
 *
 * <p>The feeders come from {@code load.data}, written by the harness that seeded the service (DeadlineDayBenchmark):
 * citizens.csv (token, username, password, draft = an application being filled in), credits.csv (token, code of a
 * payment made and not yet credited), confirmations.csv (token, number of an application filled in and paid for) and
 * printable.csv (token, number of a confirmed application). Every request and its outcome goes to
 * {@code load.data}/answers-{@code load.run}.csv, which the harness reads for its figures and to hold the money
 * operations to the invariants.
 */
public class DeadlineDay extends Simulation {

    /** What a citizen arriving on deadline day does, in percent of arrivals (the README's table). */
    static final List<Share> MIX = List.of(
            new Share(24, "balance"), new Share(14, "services"), new Share(10, "pending payments"),
            new Share(10, "application"), new Share(14, "fill a section"), new Share(10, "provider notification"),
            new Share(8, "credit a code"), new Share(4, "log in"), new Share(3, "confirm with the fee"),
            new Share(3, "print the PDF"));

    record Share(double percent, String step) {
    }

    private final Path data = Path.of(System.getProperty("load.data"));
    private final String run = System.getProperty("load.run", "run");
    private final double rate = Double.parseDouble(System.getProperty("load.rate"));
    private final int duration = Integer.parseInt(System.getProperty("load.duration", "20"));
    private final double afterRate = Double.parseDouble(System.getProperty("load.after-rate", "0"));
    private final int afterDuration = Integer.parseInt(System.getProperty("load.after-duration", "0"));
    private final int streams = Integer.parseInt(System.getProperty("load.streams", "100"));
    /** How long the streams take to open, evenly: the benchmark's 200 at 20 a second. */
    private static final Duration STREAMS_OPENING = Duration.ofSeconds(10);
    private final Answers answers = new Answers(data.resolve("answers-" + run + ".csv"));
    private final Signer provider = new Signer(System.getProperty("load.provider", "demo-bank"),
            System.getProperty("load.provider-secret", "demo-bank-secret"));

    private final FeederBuilder<String> citizens = csv(data.resolve("citizens.csv").toString()).random();
    private final FeederBuilder<String> credits = csv(data.resolve("credits.csv").toString()).queue();
    private final FeederBuilder<String> confirmations = csv(data.resolve("confirmations.csv").toString()).queue();
    private final FeederBuilder<String> printable = csv(data.resolve("printable.csv").toString()).random();

    private final HttpProtocolBuilder protocol = http.baseUrl(System.getProperty("load.base-url"))
            .acceptHeader("application/json").contentTypeHeader("application/json")
            .shareConnections(); // a citizen's browser keeps its connection; thousands of them, not one per arrival

    {
        ScenarioBuilder arrivals = scenario("deadline day").exec(randomSwitch().on(
                MIX.stream().map(share -> percent(share.percent()).then(step(share.step()))).toList()));
        ScenarioBuilder following = scenario("status streams").feed(citizens)
                .exec(sse("status stream").get("/api/applications/#{draft}/status-stream")
                        .header("Authorization", "Bearer #{token}")
                        .header("Accept", "text/event-stream"))
                .pause(Duration.ofSeconds(duration + afterDuration))
                .exec(sse("status stream").close());

        List<OpenInjectionStep> surge = new ArrayList<>(List.of(constantUsersPerSec(rate).during(duration)));
        if (afterDuration > 0) {
            surge.add(afterRate > 0 ? constantUsersPerSec(afterRate).during(afterDuration)
                    : nothingFor(Duration.ofSeconds(afterDuration)));
        }
        // the streams open over the first seconds, as their citizens arrive, not as a burst above the run's own rate
        setUp(arrivals.injectOpen(surge), following.injectOpen(rampUsers(streams).during(STREAMS_OPENING)))
                .protocols(protocol);
    }

    @Override
    public void after() {
        answers.close();
    }

    private ChainBuilder step(String name) {
        return switch (name) {
            case "balance" -> citizen().exec(answered(name, null, get(name, "/api/me/wallet")));
            case "services" -> citizen().exec(answered(name, null, get(name, "/api/me/services")));
            case "pending payments" -> citizen().exec(answered(name, null,
                    get(name, "/api/me/wallet/pending-payments")));
            case "application" -> citizen().exec(answered(name, "draft", get(name, "/api/applications/#{draft}")));
            case "fill a section" -> citizen().exec(answered(name, "draft",
                    http(name).put("/api/applications/#{draft}/residence").header("Authorization", "Bearer #{token}")
                            .body(StringBody("{\"districtCode\":\"BAKU\"}"))));
            case "provider notification" -> exec(provider::notification).exec(answered(name, "code",
                    http(name).post("/api/payments")
                            .header("X-Ekabinet-Provider", provider.name())
                            .header("X-Ekabinet-Timestamp", "#{timestamp}")
                            .header("X-Ekabinet-Signature", "#{signature}")
                            .body(StringBody("#{notification}"))));
            case "credit a code" -> feed(credits).exec(answered(name, "code",
                    http(name).post("/api/me/wallet/credits").header("Authorization", "Bearer #{token}")
                            .body(StringBody("{\"paymentCode\":\"#{code}\"}"))));
            case "log in" -> citizen().exec(answered(name, null, http(name).post("/api/auth/login")
                    .body(StringBody("{\"username\":\"#{username}\",\"password\":\"#{password}\"}"))));
            case "confirm with the fee" -> feed(confirmations).exec(answered(name, "number",
                    http(name).post("/api/applications/#{number}/confirmation")
                            .header("Authorization", "Bearer #{token}")
                            .body(StringBody("{\"consentToDebit\":true}"))));
            case "print the PDF" -> feed(printable).exec(answered(name, "number",
                    get(name, "/api/applications/#{number}/pdf").header("Accept", "application/pdf")));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private ChainBuilder citizen() {
        return feed(citizens);
    }

    private static ChainBuilder feed(FeederBuilder<String> feeder) {
        return exec(io.gatling.javaapi.core.CoreDsl.feed(feeder));
    }

    private static HttpRequestActionBuilder get(String name, String path) {
        return http(name).get(path).header("Authorization", "Bearer #{token}");
    }

    /**
     * The request, judged as a citizen judges it (a 2xx is served; a 503 refusal, an error or no answer is not), and
     * its outcome written down: the step, what it concerned (code or application number), the status (0: no answer),
     * the milliseconds from sending to the answer, when it was sent.
     *
     * @param subject the session attribute naming what the request concerned, or null
     */
    private ChainBuilder answered(String step, String subject, HttpRequestActionBuilder request) {
        return exec(session -> session.remove("status").remove("millis").set("sent", System.currentTimeMillis()))
                .exec(request.check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"),
                        status().in(200, 201, 204)))
                .exec(session -> {
                    answers.write(step, subject == null ? "" : session.getString(subject), session);
                    return session;
                });
    }
}
