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

    /** The version this class computes, the one Liquibase 4.33.0 writes. */
    public static final int VERSION = 9;

    private LiquibaseChecksum() {
    }

    /** A text's checksum: line breaks made {@code \n}, U+FFFD (a character that could not be decoded) left out, NFC. */
    public static String ofText(String text) {
        String normal = Normalizer.normalize(text.replace("\r\n", "\n").replace('\r', '\n').replace("\uFFFD", ""),
                Normalizer.Form.NFC);
        return VERSION + ":" + Digests.hex("MD5", normal.getBytes(StandardCharsets.UTF_8));
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

    /** A changeset's checksum, from its changes' checksums in order. */
    public static String ofChangeSet(List<String> changes) {
        StringBuilder text = new StringBuilder();
        for (String change : changes) {
            text.append(change).append(':');
        }
        return ofText(text.toString());
    }
}
