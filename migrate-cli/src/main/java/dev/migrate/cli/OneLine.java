package dev.migrate.cli;

/**
 * Text made safe to print: control characters (a line break or a terminal escape in a file name, a description, a
 * message) are shown escaped, so that nothing a folder holds can start a line of its own (a fake {@code error:}
 * line in {@code status}) or drive the terminal.
 */
final class OneLine {

    private OneLine() {
    }

    /** The text on one line: every control character escaped. */
    static String of(String text) {
        return escaped(text, false);
    }

    /**
     * As {@link #of}, keeping the line breaks of a message written on several lines (an error's SQL detail, the
     * outcome after a failure): only the other control characters, terminal escapes among them, are escaped.
     */
    static String lines(String text) {
        return escaped(text, true);
    }

    private static String escaped(String text, boolean keepLineBreaks) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !escapes(text.charAt(first), keepLineBreaks)) {
            first++;
        }
        if (first == text.length()) {
            return text; // the usual case: nothing to copy
        }
        StringBuilder safe = new StringBuilder(text.length() + 8).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escapes(c, keepLineBreaks)) {
                safe.append(c);
            } else if (c == '\n') {
                safe.append("\\n");
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\t') {
                safe.append("\\t");
            } else {
                safe.append(String.format("\\x%02x", (int) c));
            }
        }
        return safe.toString();
    }

    /** C0 controls, DEL and the C1 controls (0x9b starts a terminal sequence as ESC [ does). */
    private static boolean escapes(char c, boolean keepLineBreaks) {
        return (c < 0x20 || c >= 0x7f && c <= 0x9f) && !(keepLineBreaks && c == '\n');
    }
}
