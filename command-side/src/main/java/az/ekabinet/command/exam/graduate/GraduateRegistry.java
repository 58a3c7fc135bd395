package az.ekabinet.command.exam.graduate;

import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.identity.Fin;
import java.util.List;
import reactor.core.publisher.Mono;

/** Placeholder until the graduate-registry branch lands. */
public interface GraduateRegistry {

    String SERVICE = "graduate-registry";

    Mono<List<BachelorEducation>> recordsOf(Fin fin);
}
