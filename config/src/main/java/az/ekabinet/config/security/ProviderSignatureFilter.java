package az.ekabinet.config.security;

import az.ekabinet.command.auth.Role;
import az.ekabinet.config.web.ProblemWriter;
import az.ekabinet.config.web.RequestBodies;
import az.ekabinet.config.web.ProblemWriter.Problem;
import az.ekabinet.domain.shared.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates payment providers on {@code /api/payments/**}:
 * {@code X-Ekabinet-Signature} = hex HMAC-SHA256(secret, "{timestamp}.{raw body}"), the timestamp within
 * 300 s of our clock. Anything else is a 401 before the body reaches a handler, so nothing is stored.
 * The body is read once here (bounded) and handed on unchanged.
 */
public class ProviderSignatureFilter implements WebFilter {

    public static final String PROVIDER_HEADER = "X-Ekabinet-Provider";
    public static final String TIMESTAMP_HEADER = "X-Ekabinet-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ekabinet-Signature";
    static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private final ProvidersProperties providers;
    private final ProblemWriter problems;
    private final Clock clock;
    private final int maxBodyBytes;

    public ProviderSignatureFilter(ProvidersProperties providers, ProblemWriter problems, Clock clock, int maxBodyBytes) {
        this.providers = providers;
        this.problems = problems;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    static boolean appliesTo(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return path.equals("/api/payments") || path.startsWith("/api/payments/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!appliesTo(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBodyBytes)
                .map(RequestBodies::drain)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    String provider = verifiedProvider(exchange.getRequest(), body);
                    if (provider == null) {
                        return problems.write(exchange, Problem.of(ErrorCode.PROVIDER_SIGNATURE_INVALID));
                    }
                    var auth = new UsernamePasswordAuthenticationToken(provider, null,
                            List.of(new SimpleGrantedAuthority(Role.PROVIDER.authority())));
                    var withBody = exchange.mutate().request(RequestBodies.replaying(exchange.getRequest(), body)).build();
                    return chain.filter(withBody).contextWrite(ReactiveSecurityContextHolder.withAuthentication(auth));
                })
                .onErrorResume(DataBufferLimitException.class,
                        e -> problems.write(exchange, Problem.of(ErrorCode.PAYLOAD_TOO_LARGE)));
    }

    /** The provider's name if the request is signed by it with a fresh timestamp; null otherwise. */
    String verifiedProvider(ServerHttpRequest request, byte[] body) {
        var headers = request.getHeaders();
        String name = headers.getFirst(PROVIDER_HEADER);
        String timestamp = headers.getFirst(TIMESTAMP_HEADER);
        String signature = headers.getFirst(SIGNATURE_HEADER);
        if (name == null || timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}")) {
            return null;
        }
        var provider = providers.providers().get(name);
        if (provider == null || provider.secret() == null || provider.secret().isEmpty()) {
            return null;
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            return null;
        }
        byte[] expected = hmac(provider.secret(), timestamp, body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return MessageDigest.isEqual(expected, given) ? name : null;
    }

    /** HMAC-SHA256(secret, "{timestamp}.{body}"): what a provider signs. */
    public static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
