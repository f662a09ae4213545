package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Flyway's placeholders in the scripts of a Flyway folder: {@code ${name}} is replaced by the value given for
 * {@code name} (names in any case, as Flyway matches them), or by one of Flyway's own, {@code ${flyway:user}},
 * {@code ${flyway:database}}, {@code ${flyway:defaultSchema}}, {@code ${flyway:table}}, {@code ${flyway:filename}},
 * {@code ${flyway:timestamp}}, {@code ${flyway:workingDirectory}}, {@code ${flyway:environment}}. Replacement
 * happens everywhere in the text, comments and string literals included, as Flyway's reader does it; a
 * placeholder without a value is an error naming the file, the line and the setting that gives it.
 *
 * <p>The values that come from the database are asked for only when a script uses one, on the run's connection
 * ({@link #bind}).
 */
public final class Placeholders {

    /** What the database tells about itself, for the placeholders that need it. */
    public record Session(String user, String database, String defaultSchema) {
    }

    public static final Placeholders NONE = new Placeholders(Map.of(), false, "${", "}", "schema_migrations");

    private static final String BUILT_IN = "flyway:";

    private final Map<String, String> values;
    private final boolean enabled;
    private final String prefix;
    private final String suffix;
    private final String table;
    /**
     * Where each run finds its session's values, per thread: runs on many databases or schemas may share one
     * listing, and so these placeholders, at the same time, each with a session of its own.
     */
    private final ThreadLocal<Binding> bound = new ThreadLocal<>();
    private final String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));

    public Placeholders(Map<String, String> values, boolean enabled, String prefix, String suffix, String table) {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(values);
        this.values = byName;
        this.enabled = enabled;
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.suffix = Objects.requireNonNull(suffix, "suffix");
        this.table = table;
        if (prefix.isEmpty() || suffix.isEmpty()) {
            throw new IllegalArgumentException("placeholder prefix and suffix must not be empty");
        }
    }

    /** The values given, by name: a Liquibase changelog's parameters too. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Whether scripts have their placeholders replaced at all. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Where the session's values come from in the run on this thread: asked at most once, when a script first
     * needs one. It stays until the next run on this thread binds its own, so that what a run read of the session
     * still serves its scripts after its connection is closed (lint reads them then), as it did before runs shared
     * a listing.
     */
    public void bind(Supplier<Session> source) {
        bound.set(new Binding(source));
    }

    /**
     * Whether what {@code text} runs as depends on the database session: it holds {@code ${flyway:user}},
     * {@code ${flyway:database}} or {@code ${flyway:defaultSchema}}, replaced here. Such a text is made again for
     * each run, never kept for another.
     */
    public boolean usesSession(String text) {
        if (!enabled) {
            return false;
        }
        for (int start = text.indexOf(prefix); start >= 0; start = text.indexOf(prefix, start + prefix.length())) {
            int end = text.indexOf(suffix, start + prefix.length());
            if (end < 0) {
                return false;
            }
            String name = text.substring(start + prefix.length(), end);
            if (name.regionMatches(true, 0, BUILT_IN, 0, BUILT_IN.length())) {
                String builtIn = name.substring(BUILT_IN.length()).toLowerCase(Locale.ROOT);
                if (builtIn.equals("user") || builtIn.equals("database") || builtIn.equals("defaultschema")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code text} with every placeholder replaced.
     *
     * @throws InvalidMigrationException naming {@code file} and the line of a placeholder that has no value
     */
    String replace(String text, String file, String fileName) {
        if (!enabled || !text.contains(prefix)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        while (true) {
            int start = text.indexOf(prefix, from);
            int end = start < 0 ? -1 : text.indexOf(suffix, start + prefix.length());
            if (start < 0 || end < 0) {
                return out.append(text, from, text.length()).toString();
            }
            String name = text.substring(start + prefix.length(), end);
            out.append(text, from, start).append(value(name, text, start, file, fileName));
            from = end + suffix.length();
        }
    }

    private String value(String name, String text, int at, String file, String fileName) {
        if (name.regionMatches(true, 0, BUILT_IN, 0, BUILT_IN.length())) {
            String builtIn = builtIn(name.substring(BUILT_IN.length()).toLowerCase(Locale.ROOT), fileName);
            if (builtIn != null) {
                return builtIn;
            }
        }
        String value = values.get(name);
        if (value == null) {
            int line = (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            throw InvalidMigrationException.undefinedPlaceholder(file, line, prefix + name + suffix, name);
        }
        return value;
    }

    private String builtIn(String name, String fileName) {
        return switch (name) {
            case "user" -> session().user();
            case "database" -> session().database();
            case "defaultschema" -> session().defaultSchema();
            case "table" -> table;
            case "filename" -> fileName;
            case "timestamp" -> timestamp;
            case "workingdirectory" -> System.getProperty("user.dir");
            case "environment" -> values.getOrDefault("flyway:environment", "default");
            default -> null;
        };
    }

    private Session session() {
        Binding binding = bound.get();
        if (binding == null) {
            throw new IllegalStateException("no connection to ask for the session's placeholders");
        }
        return binding.session();
    }

    /** One run's source of session values, and what it gave. */
    private static final class Binding {
        private final Supplier<Session> source;
        private Session known;

        private Binding(Supplier<Session> source) {
            this.source = source;
        }

        Session session() {
            if (known == null) {
                known = source.get();
            }
            return known;
        }
    }
}
