package az.ekabinet.config.security;

import az.ekabinet.command.auth.Role;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.config.web.CorsProperties;
import az.ekabinet.config.web.HttpSettings;
import az.ekabinet.config.web.IdempotencyKeys;
import az.ekabinet.config.web.ProblemWriter;
import az.ekabinet.config.web.ProblemWriter.Problem;
import az.ekabinet.config.web.RequestIds;
import az.ekabinet.config.web.admission.AdmissionControl;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * Who may call what ({@link AccessRules}). Stateless per request: a Bearer token is looked up in the
 * server-side session table (so logout revokes it at once), a payment provider is authenticated by its signature.
 * Everything refused is problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    @Bean
    public SecurityWebFilterChain securityChain(ServerHttpSecurity http, SessionStore sessions,
                                                ProvidersProperties providers, ProblemWriter problems, Clock clock,
                                                CorsProperties cors,
                                                HttpSettings httpSettings, AdmissionControl admission) {
        return http
                .cors(spec -> spec.configurationSource(crossOrigin(cors)))
                .csrf(ServerHttpSecurity.CsrfSpec::disable) // no cookies: tokens travel in a header only
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // after CORS (a browser can read the refusal and its Retry-After), before any authentication
                .addFilterAfter(admission::filter, SecurityWebFiltersOrder.CORS)
                .addFilterAt(bearerTokens(sessions, problems), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(new ProviderSignatureFilter(providers, problems, clock, httpSettings.maxBodyBytes()),
                        SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((exchange, ex) ->
                                problems.write(exchange, unauthenticated()))
                        .accessDeniedHandler((exchange, ex) ->
                                problems.write(exchange, Problem.of(ErrorCode.FORBIDDEN))))
                .authorizeExchange(auth -> {
                    for (AccessRules.Rule rule : AccessRules.RULES) {
                        var matched = auth.pathMatchers(rule.patterns().toArray(String[]::new));
                        if (rule.access() == AccessRules.Access.ANYONE) {
                            matched.permitAll();
                        } else {
                            matched.hasAnyRole(rule.access().roles().stream().map(Role::name).toArray(String[]::new));
                        }
                    }
                })
                .build();
    }

    /**
     * Requests are observed as a whole ({@code http.server.requests}); Spring Security would also observe each of
     * its filters, the authentication and the authorization of every request, which the benchmark's profile showed
     * as a measurable share of a balance read's CPU for metrics nobody reads.
     */
    @Bean
    public SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Requests from a browser on another origin than the service's: allowed from the configured origins only (none by
     * default), with the headers the API reads and the ones a client needs to see. No cookies are involved: a token
     * travels in {@code Authorization}. A preflight or request from any other origin is refused (403) before it
     * reaches authentication; requests without an {@code Origin}, or from the service's own, are not concerned.
     */
    static CorsConfigurationSource crossOrigin(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, IdempotencyKeys.HEADER, "Last-Event-ID", RequestIds.HEADER));
        cors.setExposedHeaders(List.of(HttpHeaders.RETRY_AFTER, "Idempotent-Replayed", HttpHeaders.WWW_AUTHENTICATE,
                HttpHeaders.LOCATION, HttpHeaders.CONTENT_DISPOSITION, RequestIds.HEADER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    private static Problem unauthenticated() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new Problem(ErrorCode.UNAUTHENTICATED, java.util.Map.of(), List.of(), headers);
    }

    /** Authorization: Bearer &lt;token&gt; → the live session's principal, or 401 if the token is dead. */
    private static AuthenticationWebFilter bearerTokens(SessionStore sessions, ProblemWriter problems) {
        ReactiveAuthenticationManager manager = authentication -> {
            String token = (String) authentication.getCredentials();
            return sessions.resolve(token)
                    .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown, expired or revoked token")))
                    .map(principal -> UsernamePasswordAuthenticationToken.authenticated(principal, token,
                            principal.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        };
        var filter = new AuthenticationWebFilter(manager);
        filter.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            String token = header.substring(7).strip();
            return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated(token, token));
        });
        filter.setAuthenticationFailureHandler((webFilterExchange, ex) ->
                problems.write(webFilterExchange.getExchange(), unauthenticated()));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }
}
