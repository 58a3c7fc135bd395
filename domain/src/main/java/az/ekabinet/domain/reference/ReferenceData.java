package az.ekabinet.domain.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference lists the service ships as data files ({@code reference/*.csv}: {@code code;name;nameEn}), read once.
 * Names are Azerbaijani; {@code nameEn} where it exists. Both the write side (does this institution exist?) and the
 * read side (GET /api/reference/...) use this one copy.
 */
public final class ReferenceData {

    public enum Kind {
        INSTITUTIONS("institutions"), SPECIALTIES("specialties"), FOREIGN_LANGUAGES("foreign-languages"),
        SECTIONS("sections"), DOCUMENT_SERIES("document-series"), DISTRICTS("districts"), GPA_SCALES("gpa-scales"),
        SPECIALIZATIONS("specializations"), INSTRUCTION_LANGUAGES("instruction-languages");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        /** The name in URLs and file names. */
        public String path() {
            return path;
        }

        public static Optional<Kind> byPath(String path) {
            for (Kind list : values()) {
                if (list.path.equals(path)) {
                    return Optional.of(list);
                }
            }
            return Optional.empty();
        }
    }

    /** One entry of a list. */
    public record Item(String code, String name, String nameEn) {
    }

    private static final ReferenceData SHIPPED = load();

    private final Map<Kind, Map<String, Item>> lists;

    private ReferenceData(Map<Kind, Map<String, Item>> lists) {
        this.lists = lists;
    }

    public static ReferenceData shipped() {
        return SHIPPED;
    }

    public List<Item> items(Kind list) {
        return List.copyOf(lists.get(list).values());
    }

    public Optional<Item> find(Kind list, String code) {
        return Optional.ofNullable(lists.get(list).get(code));
    }

    /** Entries whose code starts with {@code prefix} (specialties are looked up by their first characters). */
    public List<Item> withCodePrefix(Kind list, String prefix) {
        return lists.get(list).values().stream().filter(item -> item.code().startsWith(prefix)).toList();
    }

    private static ReferenceData load() {
        Map<Kind, Map<String, Item>> lists = new EnumMap<>(Kind.class);
        for (Kind list : Kind.values()) {
            String resource = "reference/" + list.path() + ".csv";
            var in = ReferenceData.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("missing reference data " + resource);
            }
            Map<String, Item> items = new LinkedHashMap<>();
            try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line : reader.lines().toList()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] fields = line.split(";", -1);
                    if (fields.length != 3 || items.containsKey(fields[0])) {
                        throw new IllegalStateException("bad line in " + resource + ": " + line);
                    }
                    items.put(fields[0], new Item(fields[0], fields[1], fields[2].isEmpty() ? null : fields[2]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lists.put(list, Collections.unmodifiableMap(items));
        }
        return new ReferenceData(lists);
    }
}
