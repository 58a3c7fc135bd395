package az.ekabinet.config.web;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.exam.application.ApplicationProblem;
import az.ekabinet.domain.shared.ErrorCode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every error a client can see is explained in both languages, and neither bundle has a key the other lacks. */
class MessageBundlesTest {

    private static Properties load(String name) throws IOException {
        var properties = new Properties();
        try (var in = MessageBundlesTest.class.getResourceAsStream("/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("messages_en.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(load("messages.properties").stringPropertyNames());
    }

    @Test
    void everyErrorCodeHasADetail() throws IOException {
        var az = load("messages.properties");
        assertThat(Arrays.stream(ErrorCode.values()).map(code -> "problem." + code.name()))
                .allSatisfy(key -> assertThat(az.getProperty(key)).as(key).isNotBlank());
    }

    /** The status panel's lines: every problem code the application form can report has its plain words. */
    @Test
    void everyApplicationProblemHasItsWords() throws IOException, IllegalAccessException {
        var az = load("messages.properties");
        for (var field : ApplicationProblem.class.getFields()) {
            if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                String key = "application.problem." + field.get(null);
                assertThat(az.getProperty(key)).as(key).isNotBlank();
            }
        }
    }

    @Test
    void azerbaijaniTextKeepsItsLetters() throws IOException {
        assertThat(load("messages.properties").getProperty("problem.NOT_FOUND")).isEqualTo("Axtarılan tapılmadı.");
    }
}
