package dev.migrate;

/**
 * What the server said when a script failed. {@code line} is the line of the script where the error is, counted
 * from 1, or 0 when it cannot be told; the other fields are {@code null} when the server sent none.
 */
public record SqlError(int line, String sqlState, String message, String detail, String hint, String where) {

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(message);
        if (sqlState != null) {
            text.append(" (SQLSTATE ").append(sqlState).append(')');
        }
        appendIfPresent(text, "Detail", detail);
        appendIfPresent(text, "Hint", hint);
        appendIfPresent(text, "Where", where);
        return text.toString();
    }

    private static void appendIfPresent(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append("\n  ").append(label).append(": ").append(value);
        }
    }
}
