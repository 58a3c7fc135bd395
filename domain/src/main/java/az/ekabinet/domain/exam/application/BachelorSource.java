package az.ekabinet.domain.exam.application;

/** Where the bachelor's education came from: the graduate registry (TMMS or abroad) or the citizen's own entry. */
public enum BachelorSource {
    REGISTRY, MANUAL
}
