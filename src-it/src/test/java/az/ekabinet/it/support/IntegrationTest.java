package az.ekabinet.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a random port, on a fresh PostgreSQL database of its own (created for this test
 * JVM, dropped when it exits), driven over HTTP. Tests share the running application, so each one uses its
 * own identifiers (see {@link Ids}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ekabinet.db.fresh=true",
        "ekabinet.providers.other-bank.secret=other-bank-secret-for-tests-only",
        "ekabinet.sse.heartbeat=1s",
        // every test registers from 127.0.0.1: the per-address SMS limit has its own test (AbuseIT)
        "ekabinet.sms.max-per-address-per-hour=1000000",
        "ekabinet.ops.counters-interval=500ms",
        "ekabinet.ops.poll-interval=30s",
        // a browser front-end on its own origin (CorsIT)
        "ekabinet.cors.allowed-origins=https://kabinet.example.az",
        // the crowds of the money and registration tests (up to 200 requests at once) are all admitted: what they
        // prove is exactly-once under contention; admission and its refusals have their own test (AdmissionControlIT)
        "ekabinet.admission.browsing=10000", "ekabinet.admission.critical=10000", "ekabinet.admission.password=10000"})
@AutoConfigureWebTestClient(timeout = "30s")
@AutoConfigureObservability(tracing = false) // metrics are exported as in production
@Import({TestIdentityRegistry.class, TestGraduateRegistry.class, TestClock.Configuration.class,
        DocumentedAnswers.Configuration.class})
public @interface IntegrationTest {
}
