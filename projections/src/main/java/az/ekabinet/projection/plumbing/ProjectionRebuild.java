package az.ekabinet.projection.plumbing;

/**
 * A streaming projection's own way to rebuild its read model from the event store, for when handling every event
 * through its processor again would take too long. It rebuilds what the processor's token says was handled, while
 * the processor is shut down, and leaves the token as it is: the processor then goes on from there.
 */
public interface ProjectionRebuild {

    /** The processing group (and the replay's name) of the projection it rebuilds. */
    String processingGroup();

    /**
     * Whether it can rebuild the read model as the processor would write it, here and now; if not, the replay goes
     * the processor's way (its tokens reset), which is slower but reads the events exactly as the processor does.
     */
    boolean available();

    /** Rebuilds the read model, all or nothing; returns how many events it wrote. */
    long rebuild();
}
