package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import dev.migrate.SqlError;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Field;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Query;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultCursor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.SqlCommand;
import org.postgresql.core.SqlCommandType;
import org.postgresql.core.TransactionState;
import org.postgresql.core.Tuple;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a whole script to the server as one simple-protocol Query message, as psql and golang-migrate do. The
 * server splits it, so {@code BEGIN ATOMIC} bodies work and an error's position counts from the start of the
 * file. Plain {@code Statement.execute} would let pgjdbc split the script itself: positions would then count
 * from the start of some statement, and its splitter breaks {@code BEGIN ATOMIC}.
 *
 * <p>Uses pgjdbc's core API, so only {@link ScriptExecutor} calls it, and only when pgjdbc is on the classpath.
 */
final class SimpleQuery {

    private static final Logger log = LoggerFactory.getLogger(SimpleQuery.class);

    private SimpleQuery() {
    }

    /** A failed execution, with what the server reported before it ({@code null}: unknown, another driver's). */
    static final class Failure extends Exception {
        private final transient Progress progress;

        Failure(SQLException cause, Progress progress) {
            super(cause);
            this.progress = progress;
        }

        /** How many statements the server completed before the failure; -1 when unknown. */
        int completed() {
            return progress == null ? -1 : progress.completed();
        }

        /** What the server reported before the failure. */
        Progress progress() {
            return progress;
        }
    }

    /**
     * What the server reported while it ran a message: how many statements it completed, how many had completed
     * when each COMMIT did, and the first value of each result whose first column bears the label asked for.
     */
    static final class Progress {
        private final String label;
        private int completed;
        private final List<Integer> commits = new ArrayList<>();
        private final List<Long> values = new ArrayList<>();

        Progress(String label) {
            this.label = label;
        }

        int completed() {
            return completed;
        }

        /** For each COMMIT, the statements completed with it (itself included). */
        List<Integer> commits() {
            return commits;
        }

        List<Long> values() {
            return values;
        }
    }

    /** Whether the connection is pgjdbc's, possibly behind a pool's proxy. */
    static boolean supports(Connection connection) {
        return pgjdbc(connection) != null;
    }

    /** Runs the script; a failure carries how many statements the server completed before it. */
    static void execute(Connection connection, String sql) throws Failure {
        execute(connection, sql, null);
    }

    /**
     * Runs the script and returns what the server reported, keeping the values of results labelled {@code label}
     * (none when null); a failure carries what it reported before.
     */
    static Progress execute(Connection connection, String sql, String label) throws Failure {
        BaseConnection pg = pgjdbc(connection);
        QueryExecutor executor = pg.getQueryExecutor();
        Query query = executor.wrap(List.of(new NativeQuery(sql, SqlCommand.createStatementTypeInfo(SqlCommandType.BLANK))));
        Handler handler = new Handler(new Progress(label));
        try {
            // Called directly, the executor opens a transaction unless told not to, as PgStatement does in autocommit.
            int flags = QueryExecutor.QUERY_EXECUTE_AS_SIMPLE
                    | (connection.getAutoCommit() ? QueryExecutor.QUERY_SUPPRESS_BEGIN : 0);
            executor.execute(query, null, handler, 0, 0, flags);
            handler.handleCompletion();
        } catch (SQLException e) {
            throw new Failure(e, handler.progress);
        }
        return handler.progress;
    }

    /** Whether the server reads {@code '...'} literals as written (backslashes plain): then they can be built here. */
    static boolean standardConformingStrings(Connection connection) {
        BaseConnection pg = pgjdbc(connection);
        return pg != null && pg.getStandardConformingStrings();
    }

    /** The server's 1-based error position in the statement text, or 0. */
    static int position(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server == null ? 0 : server.getPosition();
    }

    /** The server's error fields, when the server sent them. */
    static SqlError describe(SQLException e, int line) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        if (server == null) {
            return new SqlError(line, e.getSQLState(), e.getMessage(), null, null, null);
        }
        return new SqlError(line, server.getSQLState(), server.getMessage(), server.getDetail(), server.getHint(),
                server.getWhere());
    }

    /** Whether a script ended the transaction the engine opened for it (it contains COMMIT or ROLLBACK). */
    static boolean leftTransaction(Connection connection) {
        BaseConnection pg = pgjdbc(connection);
        return pg != null && pg.getTransactionState() == TransactionState.IDLE;
    }

    /** A cancel request for the statement running on this connection, sent on a connection of its own. */
    static void cancel(Connection connection) {
        BaseConnection pg = pgjdbc(connection);
        if (pg != null) {
            try {
                pg.cancelQuery();
            } catch (SQLException e) {
                log.warn("could not send a cancel request for the statement in flight: {}", e.getMessage());
            }
        }
    }

    /** Whether a statement sent in autocommit left a transaction block open (a script's own BEGIN). */
    static boolean inTransactionBlock(Connection connection) {
        BaseConnection pg = pgjdbc(connection);
        return pg != null && pg.getTransactionState() != TransactionState.IDLE;
    }

    private static BaseConnection pgjdbc(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class) ? connection.unwrap(BaseConnection.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Keeps the server's progress and passes its notices to the log. */
    private static final class Handler extends ResultHandlerBase {
        private final Progress progress;

        Handler(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            progress.completed++;
            if (progress.label != null && fields.length > 0 && progress.label.equals(fields[0].getColumnLabel())
                    && !tuples.isEmpty() && tuples.get(0).get(0) != null) {
                progress.values.add(Long.parseLong(new String(tuples.get(0).get(0), StandardCharsets.US_ASCII)));
            }
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            progress.completed++;
            if (status.equals("COMMIT")) {
                progress.commits.add(progress.completed);
            }
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            log.debug("server notice: {}", warning.getMessage());
        }
    }
}
