package az.ekabinet.config.security;

import az.ekabinet.command.auth.staff.StaffAccountsProperties;
import az.ekabinet.command.cabinet.identity.IdentityRegistryProperties;
import az.ekabinet.command.exam.graduate.GraduateRegistryProperties;
import az.ekabinet.command.sms.SmsProperties;
import az.ekabinet.config.web.CorsProperties;
import az.ekabinet.projection.ledger.LedgerSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * In the production profile the service refuses to start while any published demo secret or credential
 * (those of the demo profile) is configured: a forgotten demo setting must fail loudly, not open the door.
 */
@Component
@Profile("prod")
public class ProductionSafetyCheck implements InitializingBean {

    /** The published demo credentials; none of them may be accepted in production. */
    static final Map<String, String> DEMO_PASSWORDS = Map.of(
            "operator", "demo-operator-2026",
            "auditor", "demo-auditor-2026",
            "admin", "demo-admin-2026");
    static final String DEMO_PROVIDER_SECRET = "demo-bank-secret";

    private final ProvidersProperties providers;
    private final StaffAccountsProperties staff;
    private final PasswordEncoder encoder;
    private final IdentityRegistryProperties identityRegistry;
    private final GraduateRegistryProperties graduateRegistry;
    private final SmsProperties sms;
    private final CorsProperties cors;
    private final LedgerSettings ledger;

    public ProductionSafetyCheck(ProvidersProperties providers, StaffAccountsProperties staff, PasswordEncoder encoder,
                                 IdentityRegistryProperties identityRegistry,
                                 GraduateRegistryProperties graduateRegistry, SmsProperties sms, CorsProperties cors,
                                 LedgerSettings ledger) {
        this.providers = providers;
        this.staff = staff;
        this.encoder = encoder;
        this.identityRegistry = identityRegistry;
        this.graduateRegistry = graduateRegistry;
        this.sms = sms;
        this.cors = cors;
        this.ledger = ledger;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        providers.providers().forEach((name, provider) -> {
            if (provider.secret() == null || provider.secret().length() < 32 || DEMO_PROVIDER_SECRET.equals(provider.secret())) {
                problems.add("provider " + name + " needs a secret of at least 32 characters that is not the demo one");
            }
        });
        for (var account : staff.accounts()) {
            boolean demo = DEMO_PASSWORDS.values().stream()
                    .anyMatch(password -> encoder.matches(password, account.passwordHash()));
            if (demo) {
                problems.add("staff account " + account.username() + " has a demo password");
            }
        }
        if (identityRegistry.mode() != IdentityRegistryProperties.Mode.HTTP) {
            problems.add("the identity registry must be the real one (mode http), not the demo citizens");
        }
        if (graduateRegistry.mode() != GraduateRegistryProperties.Mode.HTTP) {
            problems.add("the graduate registry must be the real one (mode http), not the demo graduates");
        }
        if (sms.mode() != SmsProperties.Mode.HTTP) {
            problems.add("SMS must go to the real gateway (mode http), not the demo outbox");
        }
        if (cors.allowsAnyOrigin()) {
            problems.add("browsers may call from the allowed origins only: ekabinet.cors.allowed-origins must not be *");
        }
        if (ledger.signingKey() == null || ledger.signingKey().isBlank()) {
            problems.add("the ledger's checkpoints need their signing key: ekabinet.ledger.signing-key");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production with demo settings: " + problems);
        }
    }
}
