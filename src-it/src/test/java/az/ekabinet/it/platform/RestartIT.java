package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.EkabinetApplication;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.ProviderClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the service acknowledged is still there after it stops and starts again on the same database. */
class RestartIT {

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(EkabinetApplication.class).run(args);
    }

    private static ProviderClient bankOn(ConfigurableApplicationContext app) {
        String port = app.getEnvironment().getProperty("local.server.port");
        return ProviderClient.demoBank(WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build(), java.time.Clock.systemUTC());
    }

    @Test
    void acknowledgedPaymentsSurviveARestart() {
        String code = Ids.paymentCode();
        String body;
        String firstAnswer;
        String databaseUrl;
        try (var first = start("--server.port=0", "--ekabinet.db.fresh=true")) {
            databaseUrl = first.getEnvironment().getProperty("spring.datasource.url");
            ProviderClient bank = bankOn(first);
            body = bank.notification(code, "25.50", "AZE12345678");
            firstAnswer = new String(bank.post(body).expectStatus().isCreated().expectBody().returnResult()
                    .getResponseBody(), StandardCharsets.UTF_8);
        }

        try (var second = start("--server.port=0", "--spring.datasource.url=" + databaseUrl)) {
            ProviderClient bank = bankOn(second);
            String repeatAnswer = new String(bank.post(body).expectStatus().isOk().expectBody().returnResult()
                    .getResponseBody(), StandardCharsets.UTF_8);
            assertThat(repeatAnswer).isEqualTo(firstAnswer);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bank.status(code).expectStatus().isOk()
                    .expectBody().jsonPath("$.amount").isEqualTo("25.50").jsonPath("$.status").isEqualTo("RECEIVED"));
        }
    }
}
