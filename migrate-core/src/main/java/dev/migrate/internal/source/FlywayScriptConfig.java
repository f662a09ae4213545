package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Script;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A Flyway script's settings file, {@code V1__a.sql.conf} beside {@code V1__a.sql}: {@code executeInTransaction}
 * ({@code true} or {@code false}) and {@code encoding} (a charset name; UTF-8 when absent). Without
 * {@code executeInTransaction}, Flyway decides from the statements: a script holding only statements that cannot
 * run in a transaction runs without one, and one that mixes both kinds is refused. Other keys are refused, as
 * Flyway refuses them, since a setting migrate would ignore could change what the script does.
 *
 * @param executeInTransaction the setting, or {@code null} when the file does not give it
 */
record FlywayScriptConfig(String file, Boolean executeInTransaction, Charset encoding, Boolean placeholderReplacement) {

    static final String SUFFIX = ".sql.conf";

    private static final FlywayScriptConfig NONE = new FlywayScriptConfig(null, null, StandardCharsets.UTF_8, null);

    /**
     * The settings files among {@code files}, by the path of the script each configures: {@code V1__a.sql.conf}
     * configures {@code V1__a.sql} in the same folder (the exact name plus {@code .conf}, as Flyway looks it up).
     */
    static Map<String, SourceFile> byScript(List<SourceFile> files) {
        Map<String, SourceFile> configs = new HashMap<>();
        for (SourceFile file : files) {
            if (file.fileName().endsWith(SUFFIX)) {
                configs.put(file.path().substring(0, file.path().length() - ".conf".length()), file);
            }
        }
        return configs;
    }

    /** The settings in {@code file}, or none when there is no such file. */
    static FlywayScriptConfig of(SourceFile file) {
        if (file == null) {
            return NONE;
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(file.text()));
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidMigrationException.badFile(file.displayName(), "cannot be read as key=value lines: "
                    + e.getMessage());
        }
        Boolean transaction = null;
        Boolean replace = null;
        Charset encoding = StandardCharsets.UTF_8;
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            switch (key) {
                case "executeInTransaction" -> transaction = bool(file, key, value);
                case "encoding" -> encoding = charset(file, value);
                case "placeholderReplacement" -> replace = bool(file, key, value);
                default -> throw InvalidMigrationException.badFile(file.displayName(), "sets '" + key + "', which "
                        + "migrate does not know; the settings a script's .conf file may give are "
                        + "executeInTransaction, encoding and placeholderReplacement");
            }
        }
        return new FlywayScriptConfig(file.displayName(), transaction, encoding, replace);
    }

    private static Boolean bool(SourceFile file, String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidMigrationException.badFile(file.displayName(), "sets " + key + " to '" + value
                    + "'; write true or false");
        };
    }

    private static Charset charset(SourceFile file, String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badFile(file.displayName(), "sets encoding to '" + name + "', which "
                    + "this Java runtime does not know; use a charset name such as UTF-8 or ISO-8859-1");
        }
    }

    /**
     * The script of {@code file} under these settings. Its checksum (and Flyway's CRC32) is taken of the text as
     * written, decoded as the file says; for a repeatable migration whose placeholders are replaced, of the text
     * they give, as Flyway takes it, so that a changed value applies the repeatable migration again.
     */
    Script script(SourceFile file, Placeholders placeholders, boolean repeatable) {
        boolean transactional = executeInTransaction == null || executeInTransaction;
        boolean refusesMixed = executeInTransaction == null;
        boolean replace = placeholders.enabled() && (placeholderReplacement == null || placeholderReplacement);
        boolean utf8 = encoding.equals(StandardCharsets.UTF_8);
        if (!replace && utf8) {
            return file.scriptOf(text -> new Script.Text(text, transactional, refusesMixed));
        }
        Supplier<String> written = utf8 ? file::text : () -> decoded(file);
        UnaryOperator<String> runs = replace ? text -> placeholders.replace(text, file.displayName(), file.fileName())
                : UnaryOperator.identity();
        if (repeatable) {
            // Hashed as substituted: a repeatable migration whose session's values differ is another text there.
            return Script.substituted(file.displayName(), () -> {
                String text = written.get();
                Script.Text substituted = new Script.Text(runs.apply(text), transactional, refusesMixed);
                return new Script.Written(substituted.sql(), () -> substituted,
                        replace && placeholders.usesSession(text));
            });
        }
        return Script.substituted(file.displayName(), () -> {
            String text = written.get();
            return new Script.Written(text, () -> new Script.Text(runs.apply(text), transactional, refusesMixed),
                    replace && placeholders.usesSession(text));
        });
    }

    private String decoded(SourceFile file) {
        String text = new String(file.bytes(), encoding);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
