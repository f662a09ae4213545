package dev.migrate.internal.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a script meant to run in the engine's transaction does with transactions of its own, read from its
 * top-level statements before anything runs.
 *
 * <ul>
 * <li>Nothing: it runs as it is.</li>
 * <li>It is wrapped in {@code BEGIN; ... COMMIT;} (as many teams write every file for psql): the wrapper is
 *     blanked out, so the body commits together with its history row, and lines and positions stay as written.</li>
 * <li>Anything else that would end the transaction ({@code COMMIT} part-way, {@code ROLLBACK}, {@code END},
 *     {@code PREPARE TRANSACTION}, a second block): the statement is reported, since the script could not be
 *     atomic with its history row, and a message claiming it was would not be true.</li>
 * </ul>
 * A lone {@code BEGIN} inside a transaction only draws a server warning, so it is left alone; {@code SAVEPOINT}
 * and {@code ROLLBACK TO} work inside the engine's transaction as they do anywhere.
 */
public final class TransactionControl {

    private static final Pattern PLAIN_BEGIN = Pattern.compile("(begin|start)(\\s+(transaction|work))?");
    private static final Pattern PLAIN_COMMIT = Pattern.compile("(commit|end)(\\s+(transaction|work))?");

    /**
     * The script to send, the first statement that would end the engine's transaction, if any, and whether the
     * script ends inside a string, a comment or a quoted body (then nothing may be sent after it in one message).
     */
    public record Finding(String runnable, Optional<SqlSplitter.Statement> endsTransaction, boolean unterminated) {
    }

    private TransactionControl() {
    }

    public static Finding of(String sql) {
        SqlSplitter.Split split = SqlSplitter.lex(sql);
        boolean unterminated = split.unterminated().isPresent();
        List<SqlSplitter.Statement> statements = split.statements();
        List<SqlSplitter.Statement> control = statements.stream().filter(TransactionControl::endsTransaction).toList();
        if (control.isEmpty()) {
            return new Finding(sql, Optional.empty(), unterminated);
        }
        SqlSplitter.Statement first = statements.get(0);
        SqlSplitter.Statement last = statements.get(statements.size() - 1);
        boolean wrapped = control.size() == 1 && control.get(0) == last && statements.size() >= 2
                && PLAIN_BEGIN.matcher(normalised(first)).matches() && PLAIN_COMMIT.matcher(normalised(last)).matches()
                && statements.subList(1, statements.size() - 1).stream().noneMatch(TransactionControl::begins);
        if (!wrapped) {
            return new Finding(sql, Optional.of(control.get(0)), unterminated);
        }
        StringBuilder runnable = new StringBuilder(sql);
        blank(runnable, first);
        blank(runnable, last);
        return new Finding(runnable.toString(), Optional.empty(), unterminated);
    }

    /** Whether the statement ends the transaction it runs in. */
    private static boolean endsTransaction(SqlSplitter.Statement statement) {
        // Only a ROLLBACK needs its whole text read; the command's first words tell the rest (a data load of
        // thousands of INSERTs must not be copied, lower-cased and collapsed statement by statement).
        return switch (statement.command().split(" ")[0]) {
            case "commit", "end", "abort" -> true;
            case "rollback" -> {
                String text = normalised(statement);
                yield !text.startsWith("rollback to") && !text.startsWith("rollback prepared")
                        && !text.matches("rollback\\s+(transaction|work)\\s+to\\b.*");
            }
            case "prepare" -> statement.command().equals("prepare transaction");
            default -> false;
        };
    }

    private static boolean begins(SqlSplitter.Statement statement) {
        String word = statement.command().split(" ")[0];
        return word.equals("begin") || statement.command().equals("start transaction");
    }

    private static String normalised(SqlSplitter.Statement statement) {
        return statement.sql().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** Spaces over the statement and its semicolon; line breaks stay, so later lines keep their numbers. */
    private static void blank(StringBuilder sql, SqlSplitter.Statement statement) {
        int end = statement.end();
        int semicolon = end;
        while (semicolon < sql.length() && Character.isWhitespace(sql.charAt(semicolon))) {
            semicolon++;
        }
        if (semicolon < sql.length() && sql.charAt(semicolon) == ';') {
            end = semicolon + 1;
        }
        for (int i = statement.start(); i < end; i++) {
            if (sql.charAt(i) != '\n') {
                sql.setCharAt(i, ' ');
            }
        }
    }
}
