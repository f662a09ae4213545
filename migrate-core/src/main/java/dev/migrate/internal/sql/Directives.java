package dev.migrate.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's own timeouts, in its leading comment lines (where {@code -- migrate:no-transaction} goes too):
 * {@code -- migrate:lock-timeout 10s} and {@code -- migrate:statement-timeout 5min}, in PostgreSQL's units (ms, s,
 * min, h, d; a bare number is milliseconds), for the one migration that needs them.
 */
public final class Directives {

    public static final String LOCK_TIMEOUT = "lock-timeout";
    public static final String STATEMENT_TIMEOUT = "statement-timeout";

    private static final Pattern LINE = Pattern.compile("--\\s*migrate:(lock-timeout|statement-timeout)\\s+(\\S+)\\s*");
    private static final Pattern VALUE = Pattern.compile("\\d+(ms|s|min|h|d)?");

    private Directives() {
    }

    /** The value a directive gives, if the leading comment lines have it. */
    public static Optional<String> value(String sql, String name) {
        for (String comment : headerComments(sql)) {
            Matcher directive = LINE.matcher("--" + comment.toLowerCase(Locale.ROOT));
            if (directive.matches() && directive.group(1).equals(name)) {
                return Optional.of(directive.group(2));
            }
        }
        return Optional.empty();
    }

    /**
     * The text of the script's leading comment lines, after {@code --}, stripped: the header ends at the first
     * line that is neither blank nor a comment. Where directives ({@code migrate:no-transaction}, these) live.
     */
    public static List<String> headerComments(String sql) {
        List<String> comments = new ArrayList<>();
        int lineStart = 0;
        while (lineStart < sql.length()) {
            int lineEnd = sql.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = sql.length();
            }
            String line = sql.substring(lineStart, lineEnd).strip();
            if (line.startsWith("--")) {
                comments.add(line.substring(2).strip());
            } else if (!line.isEmpty()) {
                break;
            }
            lineStart = lineEnd + 1;
        }
        return comments;
    }

    /**
     * The statements that set a script's own timeouts ({@code -- migrate:lock-timeout 10s}), each starting with
     * {@code set} ({@code SET LOCAL } in its transaction, {@code SET } for a script without one); none when it has none.
     */
    public static List<String> timeoutSettings(String sql, String set) {
        List<String> settings = new ArrayList<>(2);
        value(sql, LOCK_TIMEOUT).ifPresent(value -> settings.add(set + "lock_timeout = '" + value + "'"));
        value(sql, STATEMENT_TIMEOUT).ifPresent(value -> settings.add(set + "statement_timeout = '" + value + "'"));
        return settings;
    }

    /** Whether PostgreSQL reads {@code value} as a time: digits with an optional unit. */
    public static boolean valid(String value) {
        return VALUE.matcher(value).matches();
    }
}
