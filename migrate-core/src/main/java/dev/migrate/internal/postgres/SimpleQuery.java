package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
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

    /** A failed execution, with how many statements the server completed first (-1: unknown). */
    static final class Failure extends Exception {
        private final int completed;

        Failure(SQLException cause, int completed) {
            super(cause);
            this.completed = completed;
        }

        int completed() {
            return completed;
        }
    }

    /** Whether the connection is pgjdbc's, possibly behind a pool's proxy. */
    static boolean supports(Connection connection) {
        return pgjdbc(connection) != null;
    }

    /** Runs the script; a failure carries how many statements the server completed before it. */
    static void execute(Connection connection, String sql) throws Failure {
        BaseConnection pg = pgjdbc(connection);
        QueryExecutor executor = pg.getQueryExecutor();
        Query query = executor.wrap(List.of(new NativeQuery(sql, SqlCommand.createStatementTypeInfo(SqlCommandType.BLANK))));
        Handler handler = new Handler();
        try {
            // Called directly, the executor opens a transaction unless told not to, as PgStatement does in autocommit.
            int flags = QueryExecutor.QUERY_EXECUTE_AS_SIMPLE
                    | (connection.getAutoCommit() ? QueryExecutor.QUERY_SUPPRESS_BEGIN : 0);
            executor.execute(query, null, handler, 0, 0, flags);
            handler.handleCompletion();
        } catch (SQLException e) {
            throw new Failure(e, handler.completed);
        }
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

    private static BaseConnection pgjdbc(Connection connection) {
        try {
            return connection.isWrapperFor(BaseConnection.class) ? connection.unwrap(BaseConnection.class) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /** Counts completed statements and passes server notices to the log. */
    private static final class Handler extends ResultHandlerBase {
        private int completed;

        @Override
        public void handleResultRows(Query fromQuery, Field[] fields, List<Tuple> tuples, ResultCursor cursor) {
            completed++;
        }

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            completed++;
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            log.debug("server notice: {}", warning.getMessage());
        }
    }
}
