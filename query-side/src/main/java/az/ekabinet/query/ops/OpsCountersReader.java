package az.ekabinet.query.ops;

import az.ekabinet.domain.money.Money;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Reads {@link OpsCounters} with five small queries: the totals row the ops-counters processor keeps, the event
 * store's head (its primary key's last entry), the streaming processors' tokens, the nodes' admission counts and the
 * load balancers' refusals.
 * Run on one schedule per node, whatever the number of subscribers.
 */
public class OpsCountersReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabaseClient db;
    private final Clock clock;
    private final List<String> subscribingProcessors;

    /** @param subscribingProcessors the processors that run in the command's transaction (no token, no lag) */
    public OpsCountersReader(DatabaseClient db, Clock clock, List<String> subscribingProcessors) {
        this.db = db;
        this.clock = clock;
        this.subscribingProcessors = List.copyOf(subscribingProcessors);
    }

    private record Totals(long cabinetsOpened, OpsCounters.Total received, OpsCounters.Total credited,
                          OpsCounters.Total fees, long applicationsConfirmed, OpsCounters.ResultCounts results) {
    }

    private record Token(String processor, Long position) {
    }

    public Mono<OpsCounters> read() {
        Mono<Totals> totals = db.sql("SELECT * FROM readmodel.ops_counters WHERE id = 1")
                .map(row -> new Totals(row.get("cabinets_opened", Long.class),
                        total(row, "payments_received"), total(row, "payments_credited"), total(row, "fees_charged"),
                        row.get("applications_confirmed", Long.class),
                        new OpsCounters.ResultCounts(row.get("results_imported", Long.class),
                                row.get("results_corrected", Long.class), row.get("results_published", Long.class))))
                .one();
        Mono<Long> head = db.sql("SELECT coalesce(max(globalindex), 0) AS head FROM domainevententry")
                .map(row -> row.get("head", Long.class)).one();
        Mono<List<OpsCounters.Admission>> admission = db.sql("""
                        SELECT request_class, sum(admitted)::bigint AS admitted, sum(refused)::bigint AS refused
                        FROM command.node_admission GROUP BY request_class ORDER BY request_class""")
                .map(row -> new OpsCounters.Admission(row.get("request_class", String.class),
                        row.get("admitted", Long.class), row.get("refused", Long.class)))
                .all().collectList();
        Mono<List<OpsCounters.BalancerRefusals>> balancer = db.sql("""
                        SELECT backend, sum(refused)::bigint AS refused
                        FROM command.balancer_refusals GROUP BY backend ORDER BY backend""")
                .map(row -> new OpsCounters.BalancerRefusals(row.get("backend", String.class),
                        row.get("refused", Long.class)))
                .all().collectList();
        Mono<List<Token>> tokens = db.sql("SELECT processorname, tokentype, token FROM tokenentry")
                .map(row -> new Token(row.get("processorname", String.class),
                        position(row.get("tokentype", String.class), row.get("token", byte[].class))))
                .all().collectList();
        return Mono.zip(totals, head, tokens, admission, balancer).map(read -> new OpsCounters(clock.instant(),
                read.getT1().cabinetsOpened(), read.getT1().received(), read.getT1().credited(), read.getT1().fees(),
                read.getT1().applicationsConfirmed(), read.getT1().results(), read.getT4(), read.getT5(),
                read.getT2(), processors(read.getT2(), read.getT3())));
    }

    private static OpsCounters.Total total(Readable row, String column) {
        return new OpsCounters.Total(row.get(column, Long.class),
                Money.ofQepik(row.get(column + "_qepik", Long.class)).toWire());
    }

    /** A streaming processor is as far as its slowest segment; a segment without a token has not started. */
    private List<OpsCounters.Processor> processors(long head, List<Token> tokens) {
        Map<String, Long> positions = new TreeMap<>();
        Map<String, Boolean> started = new TreeMap<>();
        for (Token token : tokens) {
            started.merge(token.processor(), token.position() != null, Boolean::logicalAnd);
            positions.merge(token.processor(), token.position() == null ? -1 : token.position(), Math::min);
        }
        List<OpsCounters.Processor> processors = new ArrayList<>();
        positions.forEach((name, position) -> processors.add(started.get(name)
                ? new OpsCounters.Processor(name, "streaming", position, Math.max(0, head - position))
                : new OpsCounters.Processor(name, "streaming", null, head)));
        subscribingProcessors.forEach(name -> processors.add(new OpsCounters.Processor(name, "subscribing", null, 0)));
        processors.sort(Comparator.comparing(OpsCounters.Processor::name));
        return processors;
    }

    /**
     * The global index a stored token stands at: a gap-aware token's {@code index}; a replay token's current
     * token; a merged token's lower of its two halves. Null for no token.
     */
    static Long position(String type, byte[] token) {
        if (token == null) {
            return null;
        }
        try {
            return position(JSON.readTree(token));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable token of type " + type, e);
        }
    }

    private static Long position(JsonNode token) {
        if (token == null || token.isNull()) {
            return null;
        }
        if (token.has("index")) {
            return token.get("index").asLong();
        }
        if (token.has("currentToken")) {
            return position(token.get("currentToken"));
        }
        if (token.has("lowerSegmentToken")) {
            Long lower = position(token.get("lowerSegmentToken"));
            Long upper = position(token.get("upperSegmentToken"));
            return lower == null || upper == null ? null : Math.min(lower, upper);
        }
        return null;
    }
}
