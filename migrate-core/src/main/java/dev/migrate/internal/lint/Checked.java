package dev.migrate.internal.lint;

import java.util.Set;

/**
 * A statement as the rules look at it: lower-case, comments dropped, whitespace collapsed; with what else is known
 * around it (the tables its own script created, the existing tables it altered before this statement, whether the
 * script runs in a transaction, the server's version).
 */
record Checked(String text, Set<String> createdHere, Set<String> alteredHere, boolean transactional,
        int serverVersion) {

    /** Whether {@code table} (as written, maybe qualified or quoted) was created earlier in the same script. */
    boolean isNew(String table) {
        return createdHere.contains(Checked.bare(table));
    }

    /** Whether an earlier statement of the same script altered {@code table}, which existed before it. */
    boolean wasAltered(String table) {
        return alteredHere.contains(Checked.bare(table));
    }

    static String bare(String name) {
        String unquoted = name.replace("\"", "");
        return unquoted.substring(unquoted.lastIndexOf('.') + 1);
    }
}
