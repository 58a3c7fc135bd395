package az.ekabinet.it.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The README's results flow (config/demo/results-flow) runs as written against the demo profile, on a database of
 * its own (the demo citizen registers once per database): Elvin gets his result from the demo scoring file.
 */
@IntegrationTest
@TestPropertySource(properties = "demo-results-flow.context=own")
@DirtiesContext // its own context serves this class only: closed now, its connections given back to PostgreSQL
class DemoResultsFlowIT {

    @LocalServerPort
    int port;

    private String run() throws IOException, InterruptedException {
        Process script = new ProcessBuilder("bash", "config/demo/results-flow", "http://localhost:" + port)
                .directory(Path.of("..").toFile()).redirectErrorStream(true).start();
        assertThat(script.waitFor(2, TimeUnit.MINUTES)).as("the script ends").isTrue();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void elvinRegistersAppliesAndReadsTheResultTheAdministratorImportedAndPublished() throws Exception {
        String output = run();
        assertThat(output).contains("registered", "application 100001",
                "\"recorded\":1", "\"rejectedCount\":2", "APPLICATION_UNKNOWN",
                "\"total\":\"80.5\"", "\"passed\":true", "\"nameAz\":\"Xarici dil\"");
        Path pdf = Path.of("..", "config", "target", "netice-100001.pdf");
        assertThat(Files.readAllBytes(pdf)).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));

        String again = run();
        assertThat(again).as("a second run logs in and finds its results recorded")
                .contains("registered before", "(confirmed before)", "\"unchanged\":1", "\"total\":\"80.5\"");
    }
}
