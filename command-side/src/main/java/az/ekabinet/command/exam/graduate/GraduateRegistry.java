package az.ekabinet.command.exam.graduate;

import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.identity.Fin;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The graduate registry: the student-graduate registry (TMMS) and, for studies abroad, the
 * quality-assurance agency's system, asked which bachelor's degrees a person holds. Two adapters:
 * {@link DemoGraduateRegistry} (demo graduates from a shipped data file, the default) and
 * {@link HttpGraduateRegistry} (the real service).
 *
 * <p>Every record is {@link az.ekabinet.domain.exam.application.BachelorSource#REGISTRY REGISTRY}, from registry
 * {@code TMMS} or {@code ABROAD}, with a {@code recordId} unique within the answer, so the citizen can pick one;
 * a GPA the registry does not have is null, never 0.
 *
 * <p>Implementations never block the subscribing thread: callers are on Netty event loops. When the registry cannot
 * answer (down, too slow, circuit open, or an answer we cannot use) the Mono fails with
 * {@link az.ekabinet.domain.shared.ExternalServiceUnavailableException} for service {@value #SERVICE}: nothing was
 * decided about the citizen, who may try again or enter the education by hand.
 */
public interface GraduateRegistry {

    /** The service name carried by {@code ExternalServiceUnavailableException} (and shown in its problem document). */
    String SERVICE = "graduate-registry";

    /** The person's bachelor records; an empty list when the registry knows none. */
    Mono<List<BachelorEducation>> recordsOf(Fin fin);
}
