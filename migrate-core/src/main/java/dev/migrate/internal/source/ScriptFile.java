package dev.migrate.internal.source;

import dev.migrate.Script;

/** A file found in a location: its bare file name, the name users see, and how to read it. */
record ScriptFile(String fileName, String displayName, Script.ScriptReader reader) {

    Script script() {
        return Script.lazy(displayName, reader);
    }
}
