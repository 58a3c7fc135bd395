package az.ekabinet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service's own side of a run: HAProxy's line per API request (its {@code option httplog}), from when it accepted
 * the request to when the answer left it ({@code Ta}), so without the load generator's delays on cores it shares
 * with the service. API requests are those of the backends {@code nodes} and {@code passwords}; event streams (backend
 * {@code streams}) are left out.
 */
final class BalancerLog {

    /**
     * {@code [07/Dec/2026:05:00:02.834] ekabinet nodes/node2 0/0/0/405/405 503 … "PUT /api/…/residence HTTP/1.1"}:
     * when, where, the timers, the status, the request.
     */
    private static final Pattern LINE = Pattern.compile("\\[([^\\]]+)] \\S+ (?:nodes|passwords)/(\\S+) "
            + "-?\\d+/(-?\\d+)/-?\\d+/-?\\d+/(-?\\d+) (\\d{3}) .*\"(\\S+) ([^ ?\"]+)");
    /** A path's numbers (application numbers, ids) are one request whatever their value. */
    private static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");
    private static final DateTimeFormatter ACCEPTED = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS",
            Locale.ROOT);

    /**
     * One API request: accepted at (epoch ms), its node ({@code <NOSRV>}: none), waited for a slot, took, status, and
     * what was asked ({@code PUT /api/applications/{n}/residence}).
     */
    record Line(long accepted, String node, long queued, long millis, int status, String request) {

        boolean refusedByBalancer() {
            return status == 503 && node.equals("<NOSRV>");
        }
    }

    /**
     * The requests accepted in {@code [from, to)}: admitted p50 / p99, the refusals HAProxy made (no node slot free in
     * time) and those the nodes made, and the p99 of all refusals, in ms.
     */
    record Figures(int requests, long admittedP50, long admittedP99, int refusedByBalancer, int refusedByNodes,
                   long refusedP99, Map<String, Long> admittedP99ByRequest) {

        /** Every request's admitted p99 within {@code millis}. */
        boolean within(long millis) {
            return admittedP99ByRequest.values().stream().allMatch(p99 -> p99 <= millis);
        }

        String slowest() {
            return admittedP99ByRequest.entrySet().stream().max(Map.Entry.comparingByValue())
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").orElse("—");
        }
    }

    private BalancerLog() {
    }

    static List<Line> read(Path log, ZoneId zone) throws IOException {
        return Files.readAllLines(log).stream().map(text -> parse(text, zone)).filter(Objects::nonNull).toList();
    }

    static Line parse(String text, ZoneId zone) {
        Matcher m = LINE.matcher(text);
        if (!m.find()) {
            return null;
        }
        long accepted = LocalDateTime.parse(m.group(1), ACCEPTED).atZone(zone).toInstant().toEpochMilli();
        return new Line(accepted, m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                Integer.parseInt(m.group(5)), m.group(6) + " " + NUMBER.matcher(m.group(7)).replaceAll("/{n}"));
    }

    static Figures figures(List<Line> lines, long from, long to) {
        List<Line> window = lines.stream().filter(l -> l.accepted() >= from && l.accepted() < to).toList();
        long[] admitted = window.stream().filter(l -> l.status() != 503).mapToLong(Line::millis).sorted().toArray();
        long[] refused = window.stream().filter(l -> l.status() == 503).mapToLong(Line::millis).sorted().toArray();
        int byBalancer = (int) window.stream().filter(Line::refusedByBalancer).count();
        Map<String, Long> byRequest = window.stream().filter(l -> l.status() != 503).collect(Collectors.groupingBy(
                Line::request, TreeMap::new, Collectors.collectingAndThen(Collectors.toList(), same -> Load.percentile(
                        same.stream().mapToLong(Line::millis).sorted().toArray(), 0.99))));
        return new Figures(window.size(), Load.percentile(admitted, 0.5), Load.percentile(admitted, 0.99), byBalancer,
                refused.length - byBalancer, Load.percentile(refused, 0.99), byRequest);
    }
}
