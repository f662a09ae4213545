package dev.migrate.internal.source;

import dev.migrate.Script;

/**
 * A file found in a location, directly or one folder down ({@code 2017-09-23-182408_create_users/up.sql}).
 * Its bytes and text are read when first needed and kept among what was read last ({@link RecentTexts}): layouts
 * look inside a file more than once (to tell the folder's tool, to split it, to hash it), and a folder's files
 * usually fit there together, but a folder of large files does not have to.
 */
final class SourceFile {

    private final String path;
    private final String displayName;
    private final String folder;
    private final String fileName;
    private final Script.ScriptReader reader;
    /** What its text is kept under, beside its bytes kept under the file itself. */
    private final Object textKey = new Object();

    SourceFile(String path, String displayName, Script.ScriptReader reader) {
        this.path = path;
        this.displayName = displayName;
        this.reader = reader;
        int slash = path.indexOf('/');
        this.folder = slash < 0 ? null : path.substring(0, slash);
        this.fileName = path.substring(path.lastIndexOf('/') + 1);
    }

    /** The same file under another name, as the classpath names a file it finds in a folder. */
    SourceFile named(String otherName) {
        return new SourceFile(path, otherName, reader);
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
        return RecentTexts.getOrRead(this, byte[].class, reader::read, read -> read.length);
    }

    /** The text, normalised as scripts are (line endings, byte-order mark). */
    String text() {
        return RecentTexts.getOrRead(textKey, String.class, () -> ScriptText.text(displayName, bytes()),
                String::length);
    }

    /**
     * The bytes for a script of the whole file, which keeps its text itself: what is kept of the file is taken
     * over, not kept twice.
     */
    private byte[] takeBytes() {
        RecentTexts.take(textKey, String.class);
        byte[] kept = RecentTexts.take(this, byte[].class);
        return kept != null ? kept : reader.read();
    }

    /** The whole file as one script, its transaction mode read from its leading comments. */
    Script script() {
        return Script.lazy(displayName, this::takeBytes);
    }

    /** As {@link #script()}, for a file its tool sends as it is, wrapping nothing ({@link Script#lazySentAsWritten}). */
    Script scriptSentAsWritten() {
        return Script.lazySentAsWritten(displayName, this::takeBytes);
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
