package az.ekabinet.load;

import io.gatling.javaapi.core.Session;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every request of a run and how it ended, one CSV line each: step, subject (payment code or application number),
 * HTTP status (0 when no answer came in time), milliseconds to the answer (or until the client gave up), and when it
 * was sent (epoch milliseconds).
 */
final class Answers implements AutoCloseable {

    /** A client's patience (gatling.conf's requestTimeout): the time a request without an answer counts. */
    static final long GIVES_UP_MILLIS = 5_000;

    private final BufferedWriter out;

    Answers(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("step,subject,status,millis,sent\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String step, String subject, Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        long sent = session.getLong("sent");
        long millis = session.contains("millis") ? session.getInt("millis")
                : Math.min(System.currentTimeMillis() - sent, GIVES_UP_MILLIS);
        String line = step + "," + subject + "," + status + "," + millis + "," + sent + "\n";
        synchronized (out) {
            try {
                out.write(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
