package dev.migrate.internal.liquibase;

import dev.migrate.internal.Digests;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * Liquibase's checksums of version 9 (Liquibase 4.22 and later, 4.33.0 included), as {@code databasechangelog.md5sum}
 * holds them: {@code 9:} and an MD5 in lower-case hex. A changeset's is the checksum of the text made of its changes'
 * checksums, each followed by a colon; an SQL change's is of its text with every space, tab and line break left out,
 * so that reformatting a statement does not change it.
 */
public final class LiquibaseChecksum {

    /** The version Liquibase 4.33.0 writes. */
    public static final int VERSION = 9;

    /** The version Liquibase 3.5 to 4.21 wrote, which 4.33.0 still checks (and then rewrites as version 9). */
    public static final int VERSION_8 = 8;

    private LiquibaseChecksum() {
    }

    /** A text's checksum: line breaks made {@code \n}, U+FFFD (a character that could not be decoded) left out, NFC. */
    public static String ofText(String text) {
        return ofText(text, VERSION);
    }

    /** A text's checksum of version 8, normalised as {@link #ofText}. */
    public static String ofTextVersion8(String text) {
        return ofText(text, VERSION_8);
    }

    private static String ofText(String text, int version) {
        String normal = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n').replace("\uFFFD", ""),
                Normalizer.Form.NFC);
        return version + ":" + Digests.hex("MD5", normal.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An SQL change's checksum (a formatted SQL changeset's body, {@code sql}, {@code sqlFile}): of its UTF-8 bytes
     * with every space, tab, carriage return and line feed left out, and nothing else normalised.
     */
    public static String ofSql(String sql) {
        byte[] bytes = sql.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream kept = new ByteArrayOutputStream(bytes.length);
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                kept.write(b);
            }
        }
        return VERSION + ":" + Digests.hex("MD5", kept.toByteArray());
    }

    /**
     * An SQL change's checksum of version 8: of how it splits and strips (its end delimiter, {@code null} when
     * none, whether it splits statements and whether it strips comments, each followed by a colon), then of its
     * UTF-8 bytes with leading and trailing whitespace left out and every run of spaces, tabs and line breaks made
     * one space.
     */
    public static String ofSqlVersion8(String sql, String endDelimiter, boolean splitStatements,
            boolean stripComments) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        kept.writeBytes((endDelimiter + ":" + splitStatements + ":" + stripComments + ":")
                .getBytes(StandardCharsets.UTF_8));
        boolean pendingSpace = false;
        boolean seen = false;
        for (byte b : sql.getBytes(StandardCharsets.UTF_8)) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                pendingSpace = seen;
            } else {
                if (pendingSpace) {
                    kept.write(' ');
                    pendingSpace = false;
                }
                kept.write(b);
                seen = true;
            }
        }
        return VERSION_8 + ":" + Digests.hex("MD5", kept.toByteArray());
    }

    /** A changeset's checksum, from its changes' checksums in order. */
    public static String ofChangeSet(List<String> changes) {
        return ofText(joined(changes), VERSION);
    }

    /** A changeset's checksum of version 8, from its changes' checksums of version 8. */
    public static String ofChangeSetVersion8(List<String> changes) {
        return ofText(joined(changes), VERSION_8);
    }

    private static String joined(List<String> changes) {
        StringBuilder text = new StringBuilder();
        for (String change : changes) {
            text.append(change).append(':');
        }
        return text.toString();
    }
}
