package az.ekabinet.config.plumbing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon Framework reports anonymous usage to its vendor over the internet unless told not to. A state service
 * handling citizens' data makes no such calls (and these machines have no route out), so it is switched off
 * before Axon starts, for the service and its tests alike; {@code -Daxoniq.update-checker.disabled=false}
 * would switch it back on.
 */
public class NoUsageReporting implements EnvironmentPostProcessor {

    static final String DISABLED_KEY = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(DISABLED_KEY) == null) {
            System.setProperty(DISABLED_KEY, "true");
        }
    }
}
