package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.EkabinetApplication;
import az.ekabinet.domain.ledger.NoteSigner;
import az.ekabinet.it.support.ServiceProcess;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The production profile refuses demo secrets and credentials, and insists on an explicit database. */
class ProductionProfileIT {

    private static final int POSTGRES_PORT = 5432;
    private static final String STRONG_SECRET = "a-provider-secret-of-forty-characters-xx";
    private static final String DEMO_OPERATOR_HASH = "$2a$11$zSzlurGytf95fCAwNyfeOuTBYBKROsE50W5rQnl37l7xdjt.UP896";

    private static String database;

    @BeforeAll
    static void createDatabase() throws SQLException {
        database = ServiceProcess.createDatabase("prod", POSTGRES_PORT);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ServiceProcess.dropDatabase(database, POSTGRES_PORT);
    }

    private static SpringApplicationBuilder prod(String... properties) {
        return new SpringApplicationBuilder(EkabinetApplication.class).profiles("prod")
                .properties("server.port=0").properties(properties);
    }

    private static String databaseUrl() {
        return "spring.datasource.url=jdbc:postgresql://localhost:5432/" + database;
    }

    @Test
    void refusesToStartWithoutAnExplicitDatabase() {
        assertThatThrownBy(() -> prod().run().close())
                .hasStackTraceContaining("requires an explicit database");
    }

    @Test
    void refusesTheDemoProviderSecret() {
        assertThatThrownBy(() -> prod(databaseUrl(), "ekabinet.providers.demo-bank.secret=demo-bank-secret")
                .run().close())
                .hasStackTraceContaining("Refusing to start in production")
                .hasStackTraceContaining("provider demo-bank");
    }

    @Test
    void refusesADemoStaffPassword() {
        assertThatThrownBy(() -> prod(databaseUrl(),
                "ekabinet.staff.accounts[0].username=operator",
                "ekabinet.staff.accounts[0].password-hash=" + DEMO_OPERATOR_HASH,
                "ekabinet.staff.accounts[0].role=OPERATOR").run().close())
                .hasStackTraceContaining("staff account operator has a demo password");
    }

    @Test
    void refusesTheDemoAdaptersOfOutsideSystems() {
        // as an operator would by mistake: environment or command line over the profile's settings
        assertThatThrownBy(() -> prod(databaseUrl())
                .run("--ekabinet.identity-registry.mode=demo", "--ekabinet.graduate-registry.mode=demo",
                        "--ekabinet.sms.mode=outbox").close())
                .hasStackTraceContaining("identity registry must be the real one")
                .hasStackTraceContaining("graduate registry must be the real one")
                .hasStackTraceContaining("SMS must go to the real gateway");
    }

    @Test
    void refusesBrowsersFromAnyOrigin() {
        assertThatThrownBy(() -> prod(databaseUrl(), "ekabinet.cors.allowed-origins=*").run().close())
                .hasStackTraceContaining("ekabinet.cors.allowed-origins must not be *");
    }

    @Test
    void refusesToSignTheLedgerWithoutItsKey() {
        assertThatThrownBy(() -> prod(databaseUrl()).run().close())
                .hasStackTraceContaining("Refusing to start in production")
                .hasStackTraceContaining("ekabinet.ledger.signing-key");
    }

    @Test
    void startsWithItsOwnSecretsAndHasNoDemoSettings() {
        NoteSigner ledgerKey = NoteSigner.generate("ekabinet.example.az/ledger");
        String hash = new BCryptPasswordEncoder(10).encode("an operator's own long password");
        try (var app = prod(databaseUrl(),
                "ekabinet.providers.city-bank.secret=" + STRONG_SECRET,
                "ekabinet.identity-registry.base-url=http://127.0.0.1:9",
                "ekabinet.graduate-registry.base-url=http://127.0.0.1:9",
                "ekabinet.sms.base-url=http://127.0.0.1:9", "ekabinet.sms.api-key=a-key-for-the-sms-gateway",
                "ekabinet.staff.accounts[0].username=operator",
                "ekabinet.staff.accounts[0].password-hash=" + hash,
                "ekabinet.staff.accounts[0].role=OPERATOR",
                "ekabinet.ledger.signing-key=" + ledgerKey.signerKey()).run()) {
            assertThat(app.isRunning()).isTrue();
            assertThat(app.getBean(NoteSigner.class).verifierKey()).isEqualTo(ledgerKey.verifierKey());
            assertThat(app.getEnvironment().getProperty("ekabinet.providers.demo-bank.secret")).isNull();
            // no demo adapters, no demo outbox endpoint
            assertThat(app.getBean(az.ekabinet.command.cabinet.identity.IdentityRegistry.class))
                    .isInstanceOf(az.ekabinet.command.cabinet.identity.HttpIdentityRegistry.class);
            assertThat(app.getBean(az.ekabinet.command.exam.graduate.GraduateRegistry.class))
                    .isInstanceOf(az.ekabinet.command.exam.graduate.HttpGraduateRegistry.class);
            assertThat(app.getBean(az.ekabinet.command.sms.SmsGateway.class))
                    .isInstanceOf(az.ekabinet.command.sms.HttpSmsGateway.class);
            assertThat(app.getBeanNamesForType(az.ekabinet.command.sms.SmsOutboxEndpoint.class)).isEmpty();
        }
    }
}
