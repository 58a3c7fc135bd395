package az.ekabinet.config.web.admission;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy's refusals, from its Prometheus exporter ({@code /metrics} on its statistics port): a backend's 5xx
 * answers less those its servers (the nodes) gave are the ones HAProxy gave itself — 503 {@code SERVICE_BUSY} when no
 * node slot freed within the queue's time or no node was in rotation, and 502/504 when a node failed mid-request.
 * The process's start time tells a restart (its counters start from 0 again) from a late reading.
 */
public class HaproxyExporter implements BalancerStatistics {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(?:\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI metrics;
    private final HttpClient http;

    public HaproxyExporter(URI metrics) {
        this.metrics = metrics.normalize();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @Override
    public String balancer() {
        return metrics.toString();
    }

    @Override
    public Reading read() {
        // the request's own timeout ends at the headers; the whole answer, body included, gets as long
        CompletableFuture<HttpResponse<String>> answering = http.sendAsync(
                HttpRequest.newBuilder(metrics).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> answer;
        try {
            answer = answering.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            answering.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("HAProxy's exporter " + metrics + " could not be read: " + cause, cause);
        } catch (InterruptedException e) {
            answering.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading HAProxy's exporter " + metrics, e);
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("HAProxy's exporter " + metrics + " answered " + answer.statusCode());
        }
        return parse(answer.body());
    }

    /** The reading in the exporter's text format; a text without the process's start time is not HAProxy's. */
    private static Reading parse(String text) {
        Long startedAt = null;
        Map<String, Long> answered = new TreeMap<>();
        Map<String, Long> byNodes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.find()) {
                continue;
            }
            String name = sample.group(1);
            if (name.equals("haproxy_process_start_time_seconds")) {
                startedAt = count(sample.group(3));
                continue;
            }
            boolean backend = name.equals("haproxy_backend_http_responses_total");
            if (!backend && !name.equals("haproxy_server_http_responses_total")) {
                continue;
            }
            Map<String, String> labels = labels(sample.group(2));
            if ("5xx".equals(labels.get("code")) && labels.containsKey("proxy")) {
                (backend ? answered : byNodes).merge(labels.get("proxy"), count(sample.group(3)), Long::sum);
            }
        }
        if (startedAt == null) {
            throw new IllegalStateException("no haproxy_process_start_time_seconds: not HAProxy's exporter");
        }
        // the exporter writes every backend's lines before any server's: a node's 5xx between the two counts in the
        // servers' lines only, so for a moment they may exceed their backend's
        Map<String, Long> refused = new TreeMap<>();
        answered.forEach((backend, count) ->
                refused.put(backend, Math.max(0, count - byNodes.getOrDefault(backend, 0L))));
        return new Reading(startedAt, refused);
    }

    private static Map<String, String> labels(String labels) {
        Map<String, String> parsed = new HashMap<>();
        if (labels != null) {
            Matcher label = LABEL.matcher(labels);
            while (label.find()) {
                parsed.put(label.group(1), label.group(2));
            }
        }
        return parsed;
    }

    /** The exporter writes counts as integers; Prometheus' format allows a float's notation of one too. */
    private static long count(String value) {
        return new BigDecimal(value).longValueExact();
    }
}
