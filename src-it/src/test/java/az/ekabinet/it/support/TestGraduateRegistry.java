package az.ekabinet.it.support;

import az.ekabinet.command.exam.graduate.DemoGraduateRegistry;
import az.ekabinet.command.exam.graduate.GraduateRegistry;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.Gpa;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Mono;

/**
 * The demo graduate registry (SPEC.md §9 records answer exactly as in the demo), plus one TMMS record for every
 * synthetic person of {@link TestIdentityRegistry}: {@link #recordIdOf} gives its id.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestGraduateRegistry {

    @Bean
    @Primary
    GraduateRegistry demoPlusSyntheticGraduates(DemoGraduateRegistry demo) {
        return fin -> fin.value().startsWith("T") ? Mono.just(List.of(record(fin.value()))) : demo.recordsOf(fin);
    }

    public static String recordIdOf(String fin) {
        return "TMMS-" + fin;
    }

    static BachelorEducation record(String fin) {
        return new BachelorEducation(BachelorSource.REGISTRY, recordIdOf(fin), "TMMS", "11703",
                "Azərbaycan Texniki Universiteti", 2016, 2020, "50632",
                "İnformasiya texnologiyaları və sistemləri mühəndisliyi", "2016/0042", "TA", "654321", "AZ",
                new Gpa("100", "91.25"));
    }
}
