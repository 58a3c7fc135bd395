package az.ekabinet.config.web;

import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.exam.application.ApplicationForm;
import az.ekabinet.domain.shared.ReadModelJson;
import az.ekabinet.domain.reference.ReferenceData;
import org.axonframework.common.IdentifierFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Libraries that read data files lazily from their jars do it here, at start-up, so the first request that needs
 * them does not read a file on a Netty thread.
 */
@Component
public class StartupWarmUp implements InitializingBean {

    @Override
    public void afterPropertiesSet() {
        PhoneNumber.warmUp();
        ReferenceData.shipped(); // reads the shipped lists from the jar
        IdentifierFactory.getInstance().generateIdentifier(); // seeds Axon's message ids (DrbgIdentifierFactory)
        ReadModelJson.read(ReadModelJson.write(ApplicationForm.EMPTY), ApplicationForm.class); // Jackson's record introspection
    }
}
