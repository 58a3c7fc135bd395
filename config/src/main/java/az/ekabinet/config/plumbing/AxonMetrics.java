package az.ekabinet.config.plumbing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Micrometer timers for Axon's work, exported with the rest at /actuator/prometheus ({@code axon-micrometer} is
 * not in the registry this build uses): {@code ekabinet.commands} per command type and outcome, and
 * {@code ekabinet.events.handled} per processor and event type. Processor lag is a gauge of the ops stream.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetrics {

    @Bean
    public ConfigurerModule commandAndEventTimers(MeterRegistry meters) {
        return configurer -> {
            configurer.eventProcessing(processing -> processing.registerDefaultHandlerInterceptor(
                    (config, processor) -> new Timing<EventMessage<?>>(meters, "ekabinet.events.handled",
                            "processor", processor)));
            configurer.onInitialize(config -> config.onStart(Phase.INBOUND_COMMAND_CONNECTOR,
                    () -> config.commandBus().registerHandlerInterceptor(
                            new Timing<CommandMessage<?>>(meters, "ekabinet.commands", "bus", "local"))));
        };
    }

    /** Times each message handled, tagged with its payload type and whether it succeeded. */
    private record Timing<T extends Message<?>>(MeterRegistry meters, String name, String tag, String tagValue)
            implements MessageHandlerInterceptor<T> {

        @Override
        public Object handle(UnitOfWork<? extends T> unitOfWork, InterceptorChain chain) throws Exception {
            Timer.Sample sample = Timer.start(meters);
            String outcome = "failure";
            try {
                Object result = chain.proceed();
                outcome = "success";
                return result;
            } finally {
                sample.stop(Timer.builder(name)
                        .tag(tag, tagValue)
                        .tag("type", unitOfWork.getMessage().getPayloadType().getSimpleName())
                        .tag("outcome", outcome)
                        .register(meters));
            }
        }
    }
}
