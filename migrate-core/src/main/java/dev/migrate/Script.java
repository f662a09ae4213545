package dev.migrate;

import dev.migrate.internal.source.RecentTexts;
import dev.migrate.internal.source.ScriptText;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One SQL script of a migration: its text with line endings normalised to {@code \n} and any UTF-8 byte-order
 * mark removed, the SHA-256 of that text, and whether it runs in a transaction. It is read when first needed, so
 * down scripts are never read by a run that only goes up.
 *
 * <p>A script keeps its checksum and transaction mode, not its text: the texts read last are kept up to a budget
 * of a few megabytes, so a run over a folder of large data loads holds one or two of them at a time, not the
 * folder's. A text no longer kept is read again, and must then still have the checksum it had when first read:
 * what runs is what was checked and what the history records.
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

    /**
     * As the layout that wrote it derives it from one reading of its file: the text as written, which the checksum
     * is of, and what runs, made from that same reading when the script is to run or be shown (a script whose
     * variables are substituted, so that a changed value is not a changed migration).
     *
     * @param perSession whether what it gives depends on the database session of the run (Flyway's
     *     {@code ${flyway:user}} and the like): then it is made again for each run, never kept for another, since
     *     runs on several databases or schemas may share one listing
     */
    public record Written(String text, Supplier<Text> runs, boolean perSession) {
        public Written {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(runs, "runs");
        }

        public Written(String text, Supplier<Text> runs) {
            this(text, runs, false);
        }
    }

    private final String name;
    private final Supplier<ScriptText> loader;
    private final Supplier<byte[]> raw;
    private final JavaMigration code;
    /** Of the first reading; every later reading must match it. */
    private volatile String checksum;
    private volatile Boolean transactional;
    /** Whether its text depends on the run's session ({@link Written#perSession}): then it is never kept. */
    private volatile boolean perSession;

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
     * A whole file read by {@code reader} when it is needed; {@code -- migrate:no-transaction} (or SQLx's
     * {@code -- no-transaction}) in its leading comments means no transaction.
     */
    public static Script lazy(String name, ScriptReader reader) {
        return new Script(name, () -> ScriptText.decode(name, reader.read()), reader::read);
    }

    /**
     * As {@link #lazy(String, ScriptReader)}, for a file whose tool sends it to the server as it is, wrapping
     * nothing (golang-migrate): one that commits or rolls back inside itself is not refused but runs as that tool
     * runs it, without a transaction of migrate's, its history row dirty until it ends.
     */
    public static Script lazySentAsWritten(String name, ScriptReader reader) {
        return new Script(name, () -> ScriptText.decodeSentAsWritten(name, reader.read()), reader::read);
    }

    /** Text a layout derives when first needed, such as one section of a goose file. */
    public static Script derived(String name, Supplier<Text> text) {
        return new Script(name, () -> {
            Text t = text.get();
            return ScriptText.of(name, t.sql(), t.sql(), t);
        }, () -> text.get().sql().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #derived(String, Supplier)}, for text whose variables a layout substitutes (Flyway's placeholders,
     * goose's ENVSUBST): it runs as substituted, and its checksum is of the text as the file has it. Each reading
     * gives both, so what runs always comes from the text that was hashed.
     */
    public static Script substituted(String name, Supplier<Written> read) {
        return new Script(name, () -> {
            Written written = read.get();
            return ScriptText.substituted(name, written.text(), written.runs(), written.perSession());
        }, () -> read.get().text().getBytes(StandardCharsets.UTF_8));
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

    /**
     * The text, as it runs; read again unless it is among the texts read last, so keep it while it is needed
     * rather than ask again.
     *
     * @throws InvalidMigrationException naming the script when it cannot be read or decoded, or when it no longer
     *     has the checksum it had when first read (it was changed while migrate was running)
     */
    public String sql() {
        return read().sql();
    }

    /** Lower-case hex SHA-256 of the normalised text; a Java migration's own checksum, {@code null} for none. */
    public String checksum() {
        if (code != null) {
            return code.checksum();
        }
        String first = checksum;
        return first != null ? first : read().checksum();
    }

    /** Whether the script runs in a transaction. */
    public boolean transactional() {
        Boolean known = transactional;
        if (known == null) {
            known = !read().noTransaction();
            transactional = known;
        }
        return known;
    }

    /**
     * The script's bytes as stored, read again: for comparing with checksums other tools took of the raw
     * file (SQLx hashes bytes, CRLF and all). Not kept, since only adopting another tool's history needs it.
     */
    public byte[] bytes() {
        return raw.get();
    }

    /**
     * The text, as kept among the texts read last ({@link RecentTexts}), else read again and checked. A text made
     * for the run's own session is neither kept nor checked against another run's: its checksum may be of it.
     */
    private ScriptText read() {
        if (perSession) {
            return loader.get();
        }
        ScriptText kept = RecentTexts.get(this, ScriptText.class);
        if (kept != null) {
            return kept;
        }
        ScriptText text = loader.get();
        if (text.perSession()) {
            perSession = true;
            return text;
        }
        record(text);
        RecentTexts.put(this, text, text.size());
        return text;
    }

    /** Keeps the checksum of the first reading; a later reading with another is a file changed under the run. */
    private synchronized void record(ScriptText text) {
        if (checksum == null) {
            checksum = text.checksum();
        } else if (!checksum.equals(text.checksum())) {
            throw InvalidMigrationException.changedWhileRunning(name, checksum, text.checksum());
        }
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
