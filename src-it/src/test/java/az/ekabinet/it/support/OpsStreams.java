package az.ekabinet.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * An operator reading GET /api/ops/stream, and what the tests need around it: the event data as sent (text, to
 * search for personal data), and a way to append an event to the event store the way another node would.
 */
public record OpsStreams(WebClient client, String operatorToken) {

    public static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() { };
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "demo-operator-2026";
    /** The domain events the stream shows (OpsActivities.SHOWN), as the event store names their payloads. */
    public static final List<String> SHOWN_TYPES = List.of("CabinetActivated", "PaymentReceived",
            "PaymentCodeRedeemed", "FundsCredited", "FundsDebited", "TransferCompleted", "ExamSessionPublished",
            "ApplicationStarted", "ApplicationConfirmed", "ResultImportFinished", "ResultsPublicationSet");

    private static final ObjectMapper JSON = new ObjectMapper();

    public static OpsStreams of(int port, CitizenClient citizens) {
        return new OpsStreams(WebClient.create("http://localhost:" + port), citizens.token(OPERATOR, OPERATOR_PASSWORD));
    }

    public Flux<ServerSentEvent<String>> stream(Long lastEventId) {
        return client.get().uri("/api/ops/stream")
                .headers(h -> {
                    h.setBearerAuth(operatorToken);
                    if (lastEventId != null) {
                        h.set("Last-Event-ID", Long.toString(lastEventId));
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(EVENTS);
    }

    /** A client that sends its request for the stream and never reads a byte, with as small a window as it can. */
    public Socket silentClient(int port) throws IOException {
        Socket silent = new Socket();
        silent.setReceiveBufferSize(1024);
        silent.connect(new InetSocketAddress("localhost", port));
        OutputStream request = silent.getOutputStream();
        request.write(("GET /api/ops/stream HTTP/1.1\r\nHost: localhost:%d\r\nAuthorization: Bearer %s\r\n"
                + "Accept: text/event-stream\r\n\r\n").formatted(port, operatorToken).getBytes(StandardCharsets.US_ASCII));
        request.flush();
        return silent;
    }

    public static boolean isActivity(ServerSentEvent<String> event) {
        return "activity".equals(event.event());
    }

    public static boolean isCounters(ServerSentEvent<String> event) {
        return "counters".equals(event.event());
    }

    public static JsonNode json(ServerSentEvent<String> event) {
        try {
            return JSON.readTree(event.data());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static long id(ServerSentEvent<String> event) {
        return Long.parseLong(event.id());
    }

    /**
     * Appends a {@code TransferCompleted} of a transfer nobody made, as another node's command would (no projection
     * of this node sees it; it moves no money) and returns its global index. The caller commits; the event table's
     * trigger notifies the nodes then, and nothing of this node's command path is involved.
     */
    public static long appendElsewhere(Connection connection) throws SQLException {
        String transferId = "ops-it-" + UUID.randomUUID();
        byte[] payload = "{\"transferId\":\"%s\",\"completedAt\":\"%s\"}".formatted(transferId, Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                VALUES (?, 0, 'Transfer', ?, ?, ?, '1', 'az.ekabinet.domain.transfer.TransferCompleted', ?)
                RETURNING globalindex""")) {
            insert.setString(1, "transfer:" + transferId);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
            insert.setBytes(4, payload);
            insert.setString(5, Instant.now().toString());
            try (ResultSet index = insert.executeQuery()) {
                index.next();
                return index.getLong(1);
            }
        }
    }
}
