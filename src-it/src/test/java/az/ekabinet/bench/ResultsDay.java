package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.RunningService;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * What the results-day figures of {@link ServiceBenchmark} need on the benchmark's service: a session with a result
 * sheet, applicants with confirmed applications, scoring files, the import over HTTP and PostgreSQL's own COPY of the
 * same file. The sheet is the integration tests' (LOGIC out of 60, LANG out of 40, 50 to pass).
 */
final class ResultsDay {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "demo-admin-2026";
    static final String HEADER = "application_number,LOGIC,LANG,total,exam_date,centre_code\n";
    static final String SHEET = """
            {"subjects":[{"code":"LOGIC","nameAz":"Məntiq","nameEn":"Logic","maxScore":"60"},
                         {"code":"LANG","nameAz":"Xarici dil (ingilis)","nameEn":"Foreign language (English)",
                          "maxScore":"40"}],
             "passThreshold":"50"}""";
    /** The plain table PostgreSQL's COPY fills: the file's columns, typed, no key and no index. */
    static final String COPY_TABLE = """
            CREATE TABLE bench_result_copy (application_number CHAR(6), logic NUMERIC(5, 1), lang NUMERIC(5, 1),
                total NUMERIC(6, 1), exam_date DATE, centre_code VARCHAR(16))""";

    /** A citizen who applied, paid, confirmed and reads the result: the application's number and its ETag. */
    record Reader(String token, String number, String etag) {
    }

    private final RunningService service;
    private final WebClient client;

    ResultsDay(RunningService service, WebClient client) {
        this.service = service;
        this.client = client;
    }

    String adminToken() {
        return new CitizenClient(service.http()).token(ADMIN, ADMIN_PASSWORD);
    }

    /** A session published through the API, open from a minute ago for a day, fee 10.00, its sheet set: its code. */
    String sessionWithSheet(String admin) {
        String code = "bench-results-" + Ids.paymentCode().toLowerCase();
        Instant now = Instant.now();
        service.http().post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"id":"%s","title":"Nəticələr — ölçmə sessiyası","academicYear":"2025/2026","attempt":1,
                         "fee":"10.00","opensAt":"%s","deadline":"%s"}""".formatted(code, now.minusSeconds(60),
                        now.plus(Duration.ofDays(1))))
                .exchange().expectStatus().isCreated();
        service.http().put().uri("/api/admin/exam-sessions/{id}/result-sheet", code)
                .headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(SHEET).exchange().expectStatus().isOk();
        return code;
    }

    /**
     * {@code count} citizens through the API, as the integration tests make them: each signs up, pays the fee in
     * through the demo bank, applies to the session, fills the application in and confirms it (the fee debited).
     */
    List<Reader> applicants(String session, int count, String password) {
        CitizenClient citizens = new CitizenClient(service.http());
        ApplicationClient applications = new ApplicationClient(service.http());
        return Flux.range(0, count)
                .parallel(2).runOn(Schedulers.boundedElastic()) // the hashing threads of two cores
                .map(i -> {
                    var me = citizens.signUp(password);
                    ProviderClient.demoBank(service.http(), Clock.systemUTC()).payInto(me.token(), "10.00");
                    String number = applications.start(me.token(), session);
                    applications.fillIn(me.token(), number);
                    applications.confirm(me.token(), number).expectStatus().isOk();
                    return new Reader(me.token(), number, null);
                })
                .sequential().collectList().block(Duration.ofMinutes(10));
    }

    /**
     * {@code count} confirmed applications of the session, numbers {@code first} on, written straight into the
     * service's read model: making each through the API (a citizen's registration, payment, application, five
     * sections and confirmation, some fifteen requests) would take hours on this machine, and the import reads
     * nothing else of them (ResultImport looks each number up in readmodel.exam_application: its session and status).
     * The numbers lie above any the application-number sequence hands out in a run (from 100001, one per application
     * made through the API), each application with a cabinet of its own as the table's unique key wants.
     */
    static void seedConfirmedApplications(JdbcTemplate jdbc, String session, int first, int count) {
        String sessionId = "exam-session:" + session;
        int written = jdbc.update("""
                INSERT INTO readmodel.exam_application (application_number, application_id, session_id, cabinet_id,
                    status, started_at, form, fee_qepik, confirmed_at, updated_at)
                SELECT n::text, 'application:' || ? || ':BENCH' || n, ?, 'cabinet:BENCH' || n, 'CONFIRMED',
                    now() - interval '2 days', '{}', 1000, now() - interval '1 day', now() - interval '1 day'
                FROM generate_series(?, ?) n""", session, sessionId, first, first + count - 1);
        assertThat(written).isEqualTo(count);
    }

    /** A scoring file of {@code lines} lines, numbers {@code first} on, each total the sum of its scores. */
    static Path scoringFile(int first, int lines) throws IOException {
        Path file = Files.createTempFile("bench-results-", ".csv");
        file.toFile().deleteOnExit();
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            for (int n = first; n < first + lines; n++) {
                int logic = n % 601;
                int language = (n / 601) % 401;
                out.write(n + "," + score(logic) + "," + score(language) + "," + score(logic + language)
                        + ",2026-07-05,BAKU-" + (n % 20 < 10 ? "0" : "") + n % 20 + "\n");
            }
        }
        return file;
    }

    /** The lines of these readers' results, in a file of their own. */
    static Path scoringFile(List<Reader> readers) throws IOException {
        Path file = Files.createTempFile("bench-results-readers-", ".csv");
        file.toFile().deleteOnExit();
        StringBuilder text = new StringBuilder(HEADER);
        for (Reader reader : readers) {
            text.append(reader.number()).append(",45.5,30,75.5,2026-07-05,BAKU-01\n");
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String score(int tenths) {
        return tenths / 10 + "." + tenths % 10;
    }

    /** POST .../results as the administrator, the file streamed as the body (64 KiB at a time): the report. */
    JsonNode importFile(String admin, String session, Path file) {
        var body = DataBufferUtils.read(file, DefaultDataBufferFactory.sharedInstance, 64 * 1024);
        return client.post().uri("/api/admin/exam-sessions/{id}/results", session)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.parseMediaType("text/csv"))
                .body(BodyInserters.fromDataBuffers(body))
                .retrieve().bodyToMono(JsonNode.class).block(Duration.ofMinutes(30));
    }

    /** The results published now. */
    void publishNow(String admin, String session) {
        service.http().post().uri("/api/admin/exam-sessions/{id}/results/publication", session)
                .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"publishAt\":\"" + Instant.now() + "\"}").exchange().expectStatus().isOk();
    }

    /** The reader's result read once (200): the reader with its ETag. */
    Reader withEtag(Reader reader) {
        String etag = service.http().get().uri("/api/applications/{n}/result", reader.number())
                .headers(h -> h.setBearerAuth(reader.token())).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();
        return new Reader(reader.token(), reader.number(), etag);
    }

    /** The file's lines COPYed by PostgreSQL into {@link #COPY_TABLE} (CSV, its header skipped): lines copied. */
    static long copy(JdbcTemplate jdbc, Path file) {
        return jdbc.execute((Connection connection) -> {
            try (InputStream in = Files.newInputStream(file)) {
                return new CopyManager(connection.unwrap(BaseConnection.class))
                        .copyIn("COPY bench_result_copy FROM STDIN (FORMAT csv, HEADER true)", in, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A full garbage collection in the service (jcmd GC.run), so that the heap used after it is what it keeps. */
    static void collectGarbage(long pid) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process gc = new ProcessBuilder(jcmd, Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(gc.waitFor()).as("jcmd GC.run").isZero();
    }
}
