package az.ekabinet.command.shared;

import java.util.function.Supplier;
import org.slf4j.MDC;
import reactor.util.context.ContextView;

/**
 * The id of the HTTP request a piece of work is done for, so that every log line of that work can be found by it
 * (docs/operations.md, "Logs"). The web filter that gives each request its id ({@code RequestIds} in config) puts it
 * into the request's Reactor context under {@value #KEY}; while a thread works for the request, the id sits in the
 * logging MDC under the same key, which is how the log pattern and the JSON lines show it. Reactor does not carry it
 * across thread hops by itself (its automatic context propagation is off: it cost too much), so the places that log
 * for a request on another thread (the command thread, the clients of outside systems, the problem handler) put it
 * into the MDC themselves with {@link #inMdc}.
 */
public final class RequestId {

    /** The key in the Reactor context and in the MDC. */
    public static final String KEY = "requestId";

    private RequestId() {
    }

    /** The id of the request whose pipeline has this context; {@code null} for work that belongs to no request. */
    public static String in(ContextView context) {
        return context.getOrDefault(KEY, null);
    }

    /** {@link #inMdc(String, Runnable)} for work with a result. */
    public static <T> T inMdc(String id, Supplier<T> work) {
        Object[] result = new Object[1];
        inMdc(id, () -> {
            result[0] = work.get();
        });
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /**
     * Runs {@code work} with {@code id} in this thread's MDC and then puts back what was there before (another
     * request's id must never stay behind on a pooled thread). A {@code null} id runs the work as it is.
     */
    public static void inMdc(String id, Runnable work) {
        if (id == null) {
            work.run();
            return;
        }
        String previous = MDC.get(KEY);
        MDC.put(KEY, id);
        try {
            work.run();
        } finally {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }
}
