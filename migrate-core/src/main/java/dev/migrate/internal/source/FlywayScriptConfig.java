package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Script;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * A Flyway script's settings file, {@code V1__a.sql.conf} beside {@code V1__a.sql}: {@code executeInTransaction}
 * ({@code true} or {@code false}) and {@code encoding} (a charset name; UTF-8 when absent). Without
 * {@code executeInTransaction}, Flyway decides from the statements: a script holding only statements that cannot
 * run in a transaction runs without one, and one that mixes both kinds is refused. Other keys are refused, as
 * Flyway refuses them, since a setting migrate would ignore could change what the script does.
 *
 * @param executeInTransaction the setting, or {@code null} when the file does not give it
 */
record FlywayScriptConfig(String file, Boolean executeInTransaction, Charset encoding) {

    static final String SUFFIX = ".sql.conf";

    private static final FlywayScriptConfig NONE = new FlywayScriptConfig(null, null, StandardCharsets.UTF_8);

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
        Charset encoding = StandardCharsets.UTF_8;
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).strip();
            switch (key) {
                case "executeInTransaction" -> transaction = bool(file, key, value);
                case "encoding" -> encoding = charset(file, value);
                default -> throw InvalidMigrationException.badFile(file.displayName(), "sets '" + key + "', which "
                        + "migrate does not know; the settings a script's .conf file may give are "
                        + "executeInTransaction and encoding");
            }
        }
        return new FlywayScriptConfig(file.displayName(), transaction, encoding);
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

    /** The script of {@code file} under these settings. */
    Script script(SourceFile file) {
        boolean transactional = executeInTransaction == null || executeInTransaction;
        boolean refusesMixed = executeInTransaction == null;
        if (encoding.equals(StandardCharsets.UTF_8)) {
            return file.scriptOf(text -> new Script.Text(text, transactional, refusesMixed));
        }
        // Decoded as the file says; its checksum and Flyway's CRC32 are taken of that text, as Flyway takes them.
        return Script.derived(file.displayName(), () -> new Script.Text(decoded(file), transactional, refusesMixed),
                () -> decoded(file));
    }

    private String decoded(SourceFile file) {
        String text = new String(file.bytes(), encoding);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
