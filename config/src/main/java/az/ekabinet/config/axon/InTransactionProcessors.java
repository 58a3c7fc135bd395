package az.ekabinet.config.axon;

import az.ekabinet.domain.shared.InCommandTransaction;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The processing groups that run in the transaction appending the events: those of the beans marked
 * {@link InCommandTransaction}, found where they are declared rather than listed here.
 */
public record InTransactionProcessors(List<String> groups) {

    static InTransactionProcessors foundIn(ListableBeanFactory beans) {
        return new InTransactionProcessors(Arrays.stream(beans.getBeanNamesForAnnotation(InCommandTransaction.class))
                .map(name -> {
                    ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
                    if (group == null) {
                        throw new IllegalStateException(name + " is marked @InCommandTransaction but names no "
                                + "@ProcessingGroup");
                    }
                    return group.value();
                })
                .distinct().sorted().toList());
    }
}
