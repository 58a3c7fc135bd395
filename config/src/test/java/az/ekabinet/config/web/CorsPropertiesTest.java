package az.ekabinet.config.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allowed origins are origins: a mistyped setting fails the start, saying which. */
class CorsPropertiesTest {

    @Test
    void originsAreSchemeHostAndPort() {
        var cors = new CorsProperties(List.of("https://kabinet.dim.gov.az", "http://localhost:3000"), null);
        assertThat(cors.allowedOrigins()).hasSize(2);
        assertThat(cors.allowsAnyOrigin()).isFalse();
        assertThat(new CorsProperties(null, null).allowedOrigins()).isEmpty();
        assertThat(new CorsProperties(List.of("*"), null).allowsAnyOrigin()).isTrue();
    }

    @Test
    void anythingElseIsRefused() {
        for (String wrong : List.of("kabinet.dim.gov.az", "https://kabinet.dim.gov.az/", "https://kabinet.dim.gov.az/app",
                "ftp://kabinet.dim.gov.az", "https://user@kabinet.dim.gov.az", "https://*.dim.gov.az")) {
            assertThatThrownBy(() -> new CorsProperties(List.of(wrong), null)).as(wrong)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(wrong);
        }
    }
}
