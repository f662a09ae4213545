package dev.migrate.internal.postgres;

import dev.migrate.SqlError;
import dev.migrate.internal.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs a script's SQL and, when it fails, says at which line of the script: from the server's error position
 * when it has one, else from the number of statements the server completed before the failure.
 */
public final class ScriptExecutor {

    private static final boolean PGJDBC = present("org.postgresql.core.BaseConnection");

    private ScriptExecutor() {
    }

    /** A script failed; carries the server's error with the script line it points at. */
    public static final class ScriptFailure extends Exception {
        private final transient SqlError error;
        private final int statement;

        ScriptFailure(SqlError error, Throwable cause) {
            this(error, cause, -1);
        }

        ScriptFailure(SqlError error, Throwable cause, int statement) {
            super(error.toString(), cause);
            this.error = error;
            this.statement = statement;
        }

        /**
         * For a script run statement by statement, the failed statement's index from 0, where it can be tried again
         * on its own; else -1 (also for one in a block the script began, which failed whole).
         */
        public int statement() {
            return statement;
        }

        public SqlError error() {
            return error;
        }
    }

    /**
     * Whether {@link ScriptBatch} can send scripts and the engine's statements as one message: pgjdbc's
     * simple-query protocol, where the server runs them in order and stops at the first error, and a server
     * reading {@code '...'} literals as written, so that the engine's can be built as text.
     */
    public static boolean sendsTogether(Connection connection) {
        return PGJDBC && SimpleQuery.supports(connection) && SimpleQuery.standardConformingStrings(connection);
    }

    /** Sends the whole script in one message, inside whatever transaction the connection is in. */
    public static void runWhole(Connection connection, String sql) throws ScriptFailure {
        if (sql.isBlank()) {
            return; // a section with nothing in it, such as an empty down section: nothing to send
        }
        try {
            execute(connection, sql);
        } catch (SimpleQuery.Failure failure) {
            SQLException e = (SQLException) failure.getCause();
            throw scriptFailure(e, sql, failure.completed() >= 0 ? position(e) : 0, failure.completed());
        }
    }

    /**
     * The script's failure at its line: from the error's position in the script when the server gave one, else
     * from the number of the script's statements completed before it.
     */
    static ScriptFailure scriptFailure(SQLException e, String sql, int position, int completed) {
        int line = position > 0 ? lineAt(sql, 1, position) : lineOfStatement(sql, completed);
        return new ScriptFailure(describe(e, line), e);
    }

    /**
     * Runs each statement on its own, in autocommit, for scripts that must not run in a transaction. A script's own
     * {@code BEGIN ... COMMIT} blocks run as written; one that fails part-way is rolled back.
     */
    public static void runEach(Connection connection, String sql) throws ScriptFailure {
        runEach(connection, sql, 0);
    }

    /** As {@link #runEach(Connection, String)}, from the statement of index {@code from} on. */
    public static void runEach(Connection connection, String sql, int from) throws ScriptFailure {
        List<SqlSplitter.Statement> statements = SqlSplitter.split(sql);
        for (int index = from; index < statements.size(); index++) {
            SqlSplitter.Statement statement = statements.get(index);
            try {
                execute(connection, statement.sql());
            } catch (SimpleQuery.Failure failure) {
                SQLException e = (SQLException) failure.getCause();
                int position = failure.completed() >= 0 ? position(e) : 0;
                int line = position > 0 ? lineAt(statement.sql(), statement.line(), position) : statement.line();
                // Inside a block the script began itself, the block failed whole: it is rolled back as the server
                // would at the session's end, and no statement of it may be tried again on its own.
                boolean inBlock = PGJDBC && SimpleQuery.inTransactionBlock(connection);
                if (inBlock) {
                    rollBackQuietly(connection, e);
                }
                throw new ScriptFailure(describe(e, line), e, inBlock ? -1 : index);
            }
        }
    }

    private static void rollBackQuietly(Connection connection, SQLException failure) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Runs a Java migration's code on the connection; what it throws fails the migration as a failing statement
     * would.
     */
    public static void runJava(Connection connection, dev.migrate.JavaMigration code) throws ScriptFailure {
        try {
            Replies.unbounded(connection, () -> {
                code.migrate(connection);
                return null;
            });
        } catch (SQLException e) {
            throw failure(e);
        } catch (Exception e) {
            throw new ScriptFailure(new SqlError(0, null, e.getClass().getName() + ": " + e.getMessage(), null, null,
                    null), e);
        }
    }

    /** A failure outside any one statement, such as a deferred constraint checked at commit. */
    public static ScriptFailure failure(SQLException e) {
        return new ScriptFailure(describe(e, 0), e);
    }

    /**
     * Asks the server to cancel the statement running on this connection, if any, from another thread; with a
     * driver that cannot, nothing is sent and the statement runs to its end.
     */
    public static void cancel(Connection connection) {
        if (PGJDBC) {
            SimpleQuery.cancel(connection);
        }
    }

    /** Whether the last script run on this connection ended the transaction it was given (COMMIT inside). */
    public static boolean leftTransaction(Connection connection) {
        return PGJDBC && SimpleQuery.leftTransaction(connection);
    }

    private static void execute(Connection connection, String sql) throws SimpleQuery.Failure {
        Replies.unbounded(connection, () -> {
            executeWithoutBound(connection, sql);
            return null;
        });
    }

    private static void executeWithoutBound(Connection connection, String sql) throws SimpleQuery.Failure {
        if (PGJDBC && SimpleQuery.supports(connection)) {
            SimpleQuery.execute(connection, sql);
            return;
        }
        // Another driver: it may split the script itself, so positions no longer count from the script's start.
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SimpleQuery.Failure(e, null);
        }
    }

    private static int lineOfStatement(String sql, int completed) {
        if (completed < 0) {
            return 0;
        }
        List<SqlSplitter.Statement> statements = SqlSplitter.split(sql);
        return completed < statements.size() ? statements.get(completed).line() : 0;
    }

    /** The line of a 1-based character position (counted in code points, as the server counts). */
    static int lineAt(String text, int firstLine, int position) {
        int line = firstLine;
        int codePoints = 0;
        for (int i = 0; i < text.length() && codePoints < position - 1; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (!Character.isHighSurrogate(c)) {
                codePoints++;
            }
        }
        return line;
    }

    static int position(SQLException e) {
        return PGJDBC ? SimpleQuery.position(e) : 0;
    }

    private static SqlError describe(SQLException e, int line) {
        return PGJDBC ? SimpleQuery.describe(e, line)
                : new SqlError(line, e.getSQLState(), e.getMessage(), null, null, null);
    }

    static boolean present(String className) {
        try {
            Class.forName(className, false, ScriptExecutor.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
