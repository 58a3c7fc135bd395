package az.ekabinet.config.axon;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.wallet.PaymentCodeCrediting;
import az.ekabinet.domain.wallet.Wallet;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.wallet.WalletProjector;
import java.util.Collection;
import java.util.List;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.annotation.AnnotatedHandlerInspector;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutConfiguration;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.timeout.TaskTimeoutSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Handlers run without Axon's per-invocation time limit (application.yml, {@code axon.timeout.handler}): that limit
 * walks the calling thread's whole stack and schedules a timer task at every invocation (with a profiler attached,
 * a quarter of a credit's command thread).
 * Handlers are inspected as the service builds them, with its own handler definition, so a default that wraps them
 * again fails here.
 */
@IntegrationTest
class HandlerTimeLimitsIT {

    /** Axon's wrapper is package-private; found by name. */
    static final Class<?> TIME_LIMITED = wrapperClass();

    @Autowired
    Configuration axon;

    @ParameterizedTest
    @ValueSource(classes = {PaymentCodeCrediting.class, Wallet.class, Payment.class, WalletProjector.class})
    void noHandlerIsWrappedInATimeLimit(Class<?> type) {
        List<? extends MessageHandlingMember<?>> handlers = handlersOf(type);

        assertThat(handlers).as("the handlers of " + type.getSimpleName()).isNotEmpty()
                .allSatisfy(h -> assertThat(h.unwrap(TIME_LIMITED)).isEmpty());
    }

    @Test
    void axonsDefaultLimitWouldBeSeen() {
        var defaults = new TaskTimeoutSettings(30_000, 10_000, 1_000);
        var axonDefault = new HandlerTimeoutHandlerEnhancerDefinition(
                new HandlerTimeoutConfiguration(defaults, defaults, defaults, defaults));

        assertThat(handlersOf(PaymentCodeCrediting.class)).isNotEmpty()
                .allSatisfy(h -> assertThat(axonDefault.wrapHandler(h).unwrap(TIME_LIMITED)).isPresent());
    }

    private <T> List<MessageHandlingMember<? super T>> handlersOf(Class<T> type) {
        return AnnotatedHandlerInspector.inspectType(type, axon.parameterResolverFactory(), axon.handlerDefinition(type))
                .getAllHandlers().values().stream().flatMap(Collection::stream).toList();
    }

    private static Class<?> wrapperClass() {
        try {
            return Class.forName("org.axonframework.messaging.timeout.TimeoutWrappedMessageHandlingMember");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Axon's time-limit wrapper moved: check what this test checks", e);
        }
    }
}
