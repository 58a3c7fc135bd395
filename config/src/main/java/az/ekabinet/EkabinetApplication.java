package az.ekabinet;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ekabinet service: the citizen's cabinet, its wallet and the master's exam application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EkabinetApplication {

    public static void main(String[] args) {
        SpringApplication.run(EkabinetApplication.class, args);
    }
}
