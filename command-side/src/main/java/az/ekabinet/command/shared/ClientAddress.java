package az.ekabinet.command.shared;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The caller's address, for throttling. It is the peer address; behind a trusted proxy set
 * {@code SERVER_FORWARD_HEADERS_STRATEGY=framework} so that it is the client's (never trust forwarded headers
 * a client could set itself).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request) {
        var remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
