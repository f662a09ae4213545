package dev.migrate;

import dev.migrate.internal.source.ScriptText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One SQL file of a migration, read on first use and then kept: its text with line endings normalised to
 * {@code \n} and any UTF-8 byte-order mark removed, and the SHA-256 of that text. Down scripts are therefore
 * never read by a run that only goes up.
 */
public final class Script {

    private final String name;
    private final Supplier<Content> loader;
    private volatile Content content;

    private Script(String name, Supplier<Content> loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** A script whose bytes are read by {@code reader} the first time they are needed. */
    public static Script lazy(String name, ScriptReader reader) {
        return new Script(name, () -> Content.of(name, reader.read()));
    }

    /** A script from text already in memory (line endings are normalised all the same). */
    public static Script of(String name, String sql) {
        Content content = Content.of(name, sql.getBytes(StandardCharsets.UTF_8));
        return new Script(name, () -> content);
    }

    /** Where the script comes from, as users see it: {@code db/migrations/000007_add_users.up.sql}. */
    public String name() {
        return name;
    }

    public String sql() {
        return content().sql();
    }

    /** Lower-case hex SHA-256 of the normalised text. */
    public String checksum() {
        return content().checksum();
    }

    /** Whether the script runs in a transaction: true unless its header says {@code -- migrate:no-transaction}. */
    public boolean transactional() {
        return content().transactional();
    }

    private Content content() {
        Content loaded = content;
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

    private record Content(String sql, String checksum, boolean transactional) {
        static Content of(String name, byte[] bytes) {
            ScriptText text = ScriptText.decode(name, bytes);
            return new Content(text.sql(), text.checksum(), !text.noTransaction());
        }
    }
}
