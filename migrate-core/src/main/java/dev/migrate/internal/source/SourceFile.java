package dev.migrate.internal.source;

import dev.migrate.Script;

/**
 * A file found in a location, directly or one folder down ({@code 2017-09-23-182408_create_users/up.sql}).
 * Its bytes are read once, when first needed, and shared by everything made from it.
 */
final class SourceFile {

    private final String path;
    private final String displayName;
    private final String folder;
    private final String fileName;
    private final Script.ScriptReader reader;
    private volatile byte[] bytes;
    private volatile String text;

    SourceFile(String path, String displayName, Script.ScriptReader reader) {
        this.path = path;
        this.displayName = displayName;
        this.reader = reader;
        int slash = path.indexOf('/');
        this.folder = slash < 0 ? null : path.substring(0, slash);
        this.fileName = path.substring(path.lastIndexOf('/') + 1);
    }

    /** The path below the location, with '/' between folder and file. */
    String path() {
        return path;
    }

    String displayName() {
        return displayName;
    }

    /** The folder below the location that holds the file, or {@code null} for a file directly in it. */
    String folder() {
        return folder;
    }

    String fileName() {
        return fileName;
    }

    /** How many folders down the file is: 0 directly in the location, 1 in a folder of it (diesel's), ... */
    int depth() {
        // A plain loop: asked several times for every file, before the JIT has compiled anything.
        int depth = 0;
        for (int at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) {
            depth++;
        }
        return depth;
    }

    byte[] bytes() {
        byte[] read = bytes;
        if (read == null) {
            read = reader.read();
            bytes = read;
        }
        return read;
    }

    /** The text, normalised as scripts are (line endings, byte-order mark). */
    String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = ScriptText.text(displayName, bytes());
            text = decoded;
        }
        return decoded;
    }

    /** The whole file as one script, its transaction mode read from its leading comments. */
    Script script() {
        return Script.lazy(displayName, this::bytes);
    }

    /** The whole file as one script, its transaction mode worked out from its text by the layout. */
    Script script(java.util.function.Predicate<String> transactional) {
        return scriptOf(text -> new Script.Text(text, transactional.test(text)));
    }

    /** The whole file as one script, run as the layout reads its text. */
    Script scriptOf(java.util.function.Function<String, Script.Text> mode) {
        return Script.derived(displayName, () -> mode.apply(text()));
    }
}
