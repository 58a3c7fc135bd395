package az.ekabinet.config.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.cabinet.Cabinet;
import az.ekabinet.domain.exam.application.ApplicationStarting;
import az.ekabinet.domain.exam.application.ExamApplication;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.wallet.PaymentCodeCrediting;
import az.ekabinet.domain.wallet.Wallet;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class DomainModelTest {

    private final DomainModel model = DomainModel.scan("az.ekabinet.domain");

    @Test
    void aggregatesAreTheClassesMarkedAsAggregateRoots() {
        assertThat(model.aggregates()).contains(Wallet.class, Payment.class, Cabinet.class, ExamApplication.class)
                .doesNotContain(PaymentCodeCrediting.class);
    }

    @Test
    void commandHandlersAreTheOtherClassesWithCommandHandlerMethods() {
        assertThat(model.commandHandlers()).contains(PaymentCodeCrediting.class, ApplicationStarting.class)
                .doesNotContainAnyElementsOf(model.aggregates());
        assertThat(model.commandHandlers()).allSatisfy(handler -> assertThat(handler.getDeclaredMethods())
                .anySatisfy(method -> assertThat(method.isAnnotationPresent(CommandHandler.class)).isTrue()));
    }

    @Test
    void aHandlerGetsTheRepositoriesOfItsAggregatesAndOtherComponentsByType() {
        List<Class<?>> asked = new ArrayList<>();
        Object handler = DomainModel.construct(PaymentCodeCrediting.class, type -> {
            asked.add(type);
            return Mockito.mock(Repository.class);
        }, type -> {
            throw new AssertionError("no component wanted, asked for " + type);
        });
        assertThat(handler).isInstanceOf(PaymentCodeCrediting.class);
        assertThat(asked).containsExactly(Payment.class, Wallet.class);
    }

    static class TwoConstructors {
        public TwoConstructors() {
        }

        public TwoConstructors(String name) {
        }
    }

    @Test
    void aHandlerWithoutOneConstructorIsRefusedByName() {
        assertThatThrownBy(() -> DomainModel.construct(TwoConstructors.class, type -> null, type -> null))
                .hasMessageContaining(TwoConstructors.class.getName());
    }
}
