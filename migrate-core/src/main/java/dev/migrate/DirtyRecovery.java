package dev.migrate;

import java.util.Optional;

/** The one text that tells an operator how to get out of a dirty state, shared by the messages that need it. */
final class DirtyRecovery {

    private DirtyRecovery() {
    }

    /** The same words whether the dirty script was an up or a down script: make the schema match one version. */
    static String steps(Version dirty, Optional<Version> previous) {
        String other = previous.map(v -> "version " + v + " (then run 'migrate force " + v + "')")
                .orElse("no migration at all (then run 'migrate force -1')");
        return "Check which of its statements took effect, then make the schema match either version " + dirty
                + " (then run 'migrate force " + dirty + "') or " + other + ", and run the migrations again.";
    }
}
