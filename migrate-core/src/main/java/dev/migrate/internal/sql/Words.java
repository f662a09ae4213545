package dev.migrate.internal.sql;

import java.util.List;

/**
 * Whether a script holds any of some words where a word of its starts, in any case, a space in a word standing for
 * any run of whitespace ({@code "alter system"}). One pass over the text that looks further only where a word
 * starts with a word's first letter: a data load of tens of megabytes is searched in milliseconds, where a
 * case-insensitive regular expression of alternatives took seconds.
 */
public final class Words {

    private final List<String> words;
    /** For each character below 128, whether some word starts with it, in either case. */
    private final boolean[] starts = new boolean[128];
    /** Whether some word starts with a character above 127 (a table named in another alphabet). */
    private final boolean startsBeyondAscii;

    private Words(List<String> words) {
        this.words = List.copyOf(words);
        boolean beyond = false;
        for (String word : this.words) {
            char first = word.charAt(0);
            if (first < 128) {
                starts[Character.toLowerCase(first)] = true;
                starts[Character.toUpperCase(first)] = true;
            } else {
                beyond = true;
            }
        }
        startsBeyondAscii = beyond;
    }

    /** Lower-case words, a single space where any whitespace may be. */
    public static Words of(String... words) {
        return new Words(List.of(words));
    }

    /** Whether {@code text} holds any of the words at the start of one of its words (followed by anything). */
    public boolean in(String text) {
        int length = text.length();
        boolean wordStart = true;
        for (int at = 0; at < length; at++) {
            char c = text.charAt(at);
            boolean starts = wordStart;
            wordStart = !Character.isLetterOrDigit(c) && c != '_';
            if (starts && (c < 128 ? this.starts[c] : startsBeyondAscii)) {
                for (String word : words) {
                    if (at(text, at, word)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean at(String text, int start, String word) {
        int i = start;
        for (int w = 0; w < word.length(); w++) {
            char expected = word.charAt(w);
            if (expected == ' ') {
                int spaces = i;
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i == spaces) {
                    return false;
                }
            } else if (i >= text.length() || Character.toLowerCase(text.charAt(i)) != expected) {
                return false;
            } else {
                i++;
            }
        }
        return true;
    }
}
