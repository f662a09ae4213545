package dev.migrate.internal.postgres;

import java.nio.charset.StandardCharsets;

/** Names in SQL text: quoted, so that a table or schema name is used exactly as given, and no longer than kept. */
public final class Identifiers {

    private Identifiers() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /**
     * The name itself when PostgreSQL keeps it whole: it cuts a longer one to 63 bytes without a word, so two long
     * names would share one table and not one lock.
     */
    public static String fitting(String what, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 63) {
            return name;
        }
        int cut = 63;
        while ((bytes[cut] & 0xC0) == 0x80) {
            cut--; // PostgreSQL cuts at a character's start too
        }
        throw new IllegalArgumentException("the " + what + " name '" + name + "' is " + bytes.length + " bytes long, "
                + "but PostgreSQL keeps names to 63 bytes and would cut it to '"
                + new String(bytes, 0, cut, StandardCharsets.UTF_8) + "' without a word, so another "
                + "long name could share its table but not its lock. Give a name of at most 63 bytes.");
    }
}
