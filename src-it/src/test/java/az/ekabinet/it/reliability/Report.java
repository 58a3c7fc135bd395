package az.ekabinet.it.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of a fault test: printed and written to {@code target/reliability-<name>.md}. */
final class Report {

    private Report() {
    }

    static void write(String name, List<String> heading, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("On %d cores, %s, Java %s".formatted(Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("java.version")));
        lines.addAll(heading);
        lines.addAll(rows);
        String text = String.join("\n", lines);
        System.out.println("\n" + text + "\n");
        Files.writeString(Path.of("target", "reliability-" + name + ".md"), text + "\n", StandardCharsets.UTF_8);
    }

    static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.2f s", duration.toMillis() / 1000.0);
    }
}
