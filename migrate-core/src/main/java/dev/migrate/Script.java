package dev.migrate;

import dev.migrate.internal.source.ScriptText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One SQL script of a migration, read on first use and then kept: its text with line endings normalised to
 * {@code \n} and any UTF-8 byte-order mark removed, the SHA-256 of that text, and whether it runs in a
 * transaction. Down scripts are therefore never read by a run that only goes up.
 */
public final class Script {

    /**
     * A script's text and transaction mode, as the layout that found it works them out.
     *
     * @param refusesMixed whether a script that mixes statements PostgreSQL refuses in a transaction block with
     *     others is refused before it runs, as Flyway refuses it, unless {@code transactional} is false (the layout
     *     was told so); otherwise such a script runs statement by statement
     */
    public record Text(String sql, boolean transactional, boolean refusesMixed) {
        public Text {
            Objects.requireNonNull(sql, "sql");
        }

        public Text(String sql, boolean transactional) {
            this(sql, transactional, false);
        }
    }

    private final String name;
    private final Supplier<ScriptText> loader;
    private final Supplier<byte[]> raw;
    private final JavaMigration code;
    private volatile ScriptText content;

    private Script(String name, Supplier<ScriptText> loader, Supplier<byte[]> raw) {
        this(name, loader, raw, null);
    }

    private Script(String name, Supplier<ScriptText> loader, Supplier<byte[]> raw, JavaMigration code) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.raw = raw;
        this.code = code;
    }

    /**
     * A Java migration's "script": its code runs instead of SQL; its text is a comment naming the class (what a
     * plan shows), its checksum the migration's own ({@code null} for none).
     */
    public static Script java(JavaMigration code) {
        String name = code.getClass().getName() + " (Java)";
        String text = "-- Java migration " + code.getClass().getName() + "\n";
        Text mode = new Text(text, code.transactional());
        return new Script(name, () -> ScriptText.of(name, text, text, mode),
                () -> text.getBytes(StandardCharsets.UTF_8), code);
    }

    /** The Java migration that runs instead of SQL, if this is one. */
    public java.util.Optional<JavaMigration> code() {
        return java.util.Optional.ofNullable(code);
    }

    /**
     * A whole file read by {@code reader} the first time it is needed; {@code -- migrate:no-transaction} (or
     * SQLx's {@code -- no-transaction}) in its leading comments means no transaction.
     */
    public static Script lazy(String name, ScriptReader reader) {
        return new Script(name, () -> ScriptText.decode(name, reader.read()), reader::read);
    }

    /** Text a layout derives when first needed, such as one section of a goose file. */
    public static Script derived(String name, Supplier<Text> text) {
        return new Script(name, () -> {
            Text t = text.get();
            return ScriptText.of(name, t.sql(), t.sql(), t);
        }, () -> text.get().sql().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #derived(String, Supplier)}, for text whose variables a layout substitutes (goose's ENVSUBST): it
     * runs as substituted, and its checksum is of {@code written}, the text as the file has it.
     */
    public static Script derived(String name, Supplier<Text> text, Supplier<String> written) {
        return new Script(name, () -> ScriptText.substituted(name, written.get(), text),
                () -> written.get().getBytes(StandardCharsets.UTF_8));
    }

    /** A script from text already in memory (line endings are normalised all the same). */
    public static Script of(String name, String sql) {
        ScriptText content = ScriptText.decode(name, sql.getBytes(StandardCharsets.UTF_8));
        return new Script(name, () -> content, () -> sql.getBytes(StandardCharsets.UTF_8));
    }

    /** Where the script comes from, as users see it: {@code db/migrations/000007_add_users.up.sql}. */
    public String name() {
        return name;
    }

    public String sql() {
        return content().sql();
    }

    /** Lower-case hex SHA-256 of the normalised text; a Java migration's own checksum, {@code null} for none. */
    public String checksum() {
        return code != null ? code.checksum() : content().checksum();
    }

    /** Whether the script runs in a transaction. */
    public boolean transactional() {
        return !content().noTransaction();
    }

    /**
     * The script's bytes as stored, read again: for comparing with checksums other tools took of the raw
     * file (SQLx hashes bytes, CRLF and all). Not kept, since only adopting another tool's history needs it.
     */
    public byte[] bytes() {
        return raw.get();
    }

    private ScriptText content() {
        ScriptText loaded = content;
        if (loaded == null) {
            synchronized (this) {
                loaded = content;
                if (loaded == null) {
                    loaded = loader.get();
                    content = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Reads a script's raw bytes; failures are reported as {@link InvalidMigrationException}. */
    @FunctionalInterface
    public interface ScriptReader {
        byte[] read();
    }
}
