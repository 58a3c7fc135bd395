package az.ekabinet.domain.wallet;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WalletTest {

    static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void opensOnceInAzn() {
        fixture.givenNoPriorActivity()
                .when(new OpenWallet("cabinet:5ZK3M7P", "100000009"))
                .expectEvents(new WalletOpened("wallet:cabinet:5ZK3M7P", "cabinet:5ZK3M7P", "100000009", "AZN", NOW));
    }

    @Test
    void openingAnOpenWalletChangesNothing() {
        fixture.given(new WalletOpened("wallet:cabinet:5ZK3M7P", "cabinet:5ZK3M7P", "100000009", "AZN", NOW))
                .when(new OpenWallet("cabinet:5ZK3M7P", "100000009"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
