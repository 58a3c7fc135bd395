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
 * The demo graduate registry (its published records answer exactly as in the demo), plus two records for every
 * synthetic person of {@link TestIdentityRegistry}: a TMMS one with a GPA ({@link #recordIdOf}) and one from
 * abroad whose GPA the registry does not have ({@link #abroadRecordIdOf}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestGraduateRegistry {

    @Bean
    @Primary
    GraduateRegistry demoPlusSyntheticGraduates(DemoGraduateRegistry demo) {
        return fin -> fin.value().startsWith("T") ? Mono.just(List.of(record(fin.value()), abroad(fin.value())))
                : demo.recordsOf(fin);
    }

    public static String recordIdOf(String fin) {
        return "TMMS-" + fin;
    }

    public static String abroadRecordIdOf(String fin) {
        return "ABROAD-" + fin;
    }

    static BachelorEducation abroad(String fin) {
        return new BachelorEducation(BachelorSource.REGISTRY, abroadRecordIdOf(fin), "ABROAD", "ABR-TR-0001",
                "İstanbul Texniki Universiteti", 2015, 2019, "50633", "Kompüter mühəndisliyi", null, "IT", "2019001",
                "TR", null);
    }

    static BachelorEducation record(String fin) {
        return new BachelorEducation(BachelorSource.REGISTRY, recordIdOf(fin), "TMMS", "11703",
                "Azərbaycan Texniki Universiteti", 2016, 2020, "50632",
                "İnformasiya texnologiyaları və sistemləri mühəndisliyi", "2016/0042", "TA", "654321", "AZ",
                new Gpa("100", "91.25"));
    }
}
