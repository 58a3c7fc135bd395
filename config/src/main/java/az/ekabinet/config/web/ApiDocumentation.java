package az.ekabinet.config.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's front matter: what the service is and how callers authenticate. */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    @Bean
    public OpenAPI ekabinetOpenApi() {
        return new OpenAPI()
                .info(new Info().title("ekabinet API").version("v1").description("""
                        The personal cabinet of a state examination centre: registration and login, the money
                        account fed by payment codes, and the master's admission exam application.
                        Errors are RFC 9457 application/problem+json with a stable `code`; `detail` is Azerbaijani
                        unless `Accept-Language: en`. Amounts are strings with two decimals ("50.00")."""))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Opaque token from POST /api/auth/login"))
                        .addSecuritySchemes("providerSignature", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Ekabinet-Signature")
                                .description("Payment providers: lowercase hex HMAC-SHA256(secret, \"<X-Ekabinet-Timestamp>.<raw body>\"), "
                                        + "with X-Ekabinet-Provider and X-Ekabinet-Timestamp (Unix seconds, ±300 s)")));
    }
}
