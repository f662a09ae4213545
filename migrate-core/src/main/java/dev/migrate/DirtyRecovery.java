package dev.migrate;

import java.util.Optional;

/** The one text that tells an operator how to get out of a dirty state, shared by the messages that need it. */
final class DirtyRecovery {

    private DirtyRecovery() {
    }

    static String steps(Version dirty, Optional<Version> previous) {
        String undo = previous.map(v -> "'migrate force " + v + "'").orElse("'migrate force -1' (no version)");
        return "Check which of its statements took effect, then either complete the rest by hand and run 'migrate "
                + "force " + dirty + "', or undo them and run " + undo + "; then run the migrations again.";
    }
}
