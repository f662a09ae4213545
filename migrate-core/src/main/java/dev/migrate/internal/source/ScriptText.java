package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.internal.Digests;
import dev.migrate.internal.sql.Directives;
import dev.migrate.internal.sql.OutsideTransaction;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import dev.migrate.Script;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A script's text as the engine uses it. Line endings become {@code \n} and a UTF-8 byte-order mark is dropped
 * before hashing, so a CRLF checkout of an applied file is not a change; the same normalised text is what runs,
 * so line numbers in errors match an editor's.
 *
 * <p>The checksum is all a run needs of an applied script, so it is taken from the bytes; decoding the text and
 * reading its directives wait until the script is to run (or be shown).
 */
public final class ScriptText {


    private final String name;
    private final byte[] normalised;
    private final String checksum;
    /** What runs, as the layout derives it (substituted, with its transaction mode); {@code null} for a plain file. */
    private final Supplier<Script.Text> derive;
    private volatile Script.Text derived;
    private volatile String sql;
    private volatile Boolean runsOutsideTransaction;
    /** Whether the file's tool sends it as it is, wrapping nothing (golang-migrate): then it may end transactions. */
    private final boolean sentAsWritten;
    private boolean perSession;

    private ScriptText(String name, byte[] normalised, String sql, Supplier<Script.Text> derive,
            boolean sentAsWritten) {
        this.name = name;
        this.normalised = normalised;
        this.checksum = sha256(normalised);
        this.sql = sql;
        this.derive = derive;
        this.sentAsWritten = sentAsWritten;
    }

    private ScriptText(String name, byte[] normalised, String sql, Supplier<Script.Text> derive) {
        this(name, normalised, sql, derive, false);
    }

    /** A whole-file script; its leading comments may say no-transaction. Hashed now, decoded when needed. */
    public static ScriptText decode(String name, byte[] raw) {
        return new ScriptText(name, normalise(raw), null, null);
    }

    /**
     * As {@link #decode}, for a file its tool sends to the server as it is, wrapping nothing (golang-migrate): one
     * that commits or rolls back inside itself runs as that tool runs it, without a transaction of migrate's.
     */
    public static ScriptText decodeSentAsWritten(String name, byte[] raw) {
        return new ScriptText(name, normalise(raw), null, null, true);
    }

    /**
     * A script checksummed as {@code written} that runs as {@code runs} makes it, asked only when the script is to
     * run or be shown: a script whose placeholders are substituted, so that the checksum of an applied script never
     * needs their values (and a missing one is reported only for a script about to run).
     */
    public static ScriptText substituted(String name, String written, Supplier<Script.Text> runs,
            boolean perSession) {
        ScriptText text = new ScriptText(name, normalise(written.getBytes(StandardCharsets.UTF_8)), null, runs);
        text.perSession = perSession;
        return text;
    }

    /** Whether it was made for the run's own database session ({@link Script.Written#perSession}). */
    public boolean perSession() {
        return perSession;
    }

    /**
     * Text a layout derived from a file (already decoded), with the transaction mode the layout found, that runs
     * as {@code sql} but is checksummed as {@code written}: they differ for a script whose variables are
     * substituted when it runs, so that a changed variable is not a changed migration.
     */
    public static ScriptText of(String name, String sql, String written, Script.Text mode) {
        byte[] hashed = normalise(written.getBytes(StandardCharsets.UTF_8));
        String runs = sql == written ? new String(hashed, StandardCharsets.UTF_8)
                : new String(normalise(sql.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        ScriptText text = new ScriptText(name, hashed, runs, () -> mode);
        text.derived = mode;
        return text;
    }

    private Script.Text derived() {
        Script.Text made = derived;
        if (made == null) {
            made = derive.get();
            derived = made;
        }
        return made;
    }

    /** A file's text, normalised as scripts are, for layouts that cut scripts out of it. */
    public static String text(String name, byte[] raw) {
        return utf8(name, normalise(raw));
    }

    public String checksum() {
        return checksum;
    }

    /** The memory it holds, about: its normalised bytes, and as much again for the text they decode to. */
    public long size() {
        return 2L * normalised.length;
    }

    /**
     * The text.
     *
     * @throws InvalidMigrationException naming the script when it is not UTF-8
     */
    public String sql() {
        String text = sql;
        if (text == null) {
            text = derive == null ? utf8(name, normalised)
                    : new String(normalise(derived().sql().getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            sql = text;
        }
        return text;
    }

    /**
     * Whether the script runs without a transaction: its layout's marker says so, it holds a statement that
     * PostgreSQL refuses inside one (then it runs statement by statement, dirty first, in every layout), or its tool
     * wraps nothing and it ends transactions itself.
     */
    public boolean noTransaction() {
        Boolean decided = runsOutsideTransaction;
        if (decided == null) {
            boolean marked = derive != null ? !derived().transactional()
                    : declaresNoTransaction(sql()) || sentAsWritten && OwnTransactions.endedBy(name, sql());
            if (!marked && derive != null && derived().refusesMixed()) {
                OutsideTransaction.mixed(sql()).ifPresent(mix -> {
                    throw InvalidMigrationException.mixedStatements(name, mix.outside().line(), mix.outside().sql(),
                            mix.inside().line());
                });
            }
            decided = marked || OutsideTransaction.first(sql()).isPresent();
            runsOutsideTransaction = decided;
        }
        return decided;
    }

    private static String utf8(String name, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE
                || (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF)) {
            throw InvalidMigrationException.notUtf8(name, "it starts with a UTF-16 byte-order mark, so it was saved as "
                    + "UTF-16");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw InvalidMigrationException.notUtf8(name, "line " + lineAt(bytes, at) + " has the byte "
                    + String.format("0x%02X", bytes[at] & 0xFF) + ", which UTF-8 does not allow there");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw InvalidMigrationException.nulByte(name, (int) text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1);
        }
        return text;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Drops a byte-order mark and turns CRLF and CR into LF; returns the input itself when there is nothing to do. */
    private static byte[] normalise(byte[] raw) {
        boolean bom = raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF;
        int start = bom ? 3 : 0;
        int firstCr = -1;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] == '\r') {
                firstCr = i;
                break;
            }
        }
        if (!bom && firstCr < 0) {
            return raw;
        }
        byte[] out = new byte[raw.length - start];
        int length = 0;
        for (int i = start; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out[length++] = '\n';
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else {
                out[length++] = b;
            }
        }
        return length == out.length ? out : java.util.Arrays.copyOf(out, length);
    }

    private static String sha256(byte[] bytes) {
        return Digests.hex("SHA-256", bytes);
    }

    /**
     * Whether the leading comment lines carry {@code -- migrate:no-transaction} (or SQLx's
     * {@code -- no-transaction}); the header ends at the first line that is neither blank nor a comment.
     */
    static boolean declaresNoTransaction(String sql) {
        return Directives.headerComments(sql).stream().map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(directive -> directive.equals("migrate:no-transaction") || directive.equals("no-transaction"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScriptText text && text.checksum.equals(checksum);
    }

    @Override
    public int hashCode() {
        return checksum.hashCode();
    }
}
