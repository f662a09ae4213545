package dev.migrate.internal.postgres;

import dev.migrate.LockHolder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;

/**
 * Who runs a migration outside a transaction: the server session's pid and its start time (in microseconds), which
 * together no other session ever has, recorded in the dirty history row it claims ({@code claimed_by}). The lock's
 * session may end while that session goes on with a long statement; another run then tells "in progress" from
 * "failed part-way" by whether the claimant is still there.
 */
public final class Claimants {

    private static final String SESSION = "pid || '@' || (extract(epoch FROM backend_start) * 1000000)::bigint";

    private Claimants() {
    }

    /** This connection's session, as a claimant. */
    public static String of(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT " + SESSION + " FROM pg_catalog.pg_stat_activity "
                     + "WHERE pid = pg_catalog.pg_backend_pid()")) {
            if (!row.next()) {
                throw new SQLException("the server does not show this session in pg_stat_activity");
            }
            return row.getString(1);
        }
    }

    /**
     * Another session with an open transaction that wrote to {@code table} (its rows locked), if any: after a
     * history write timed out on a row lock, the session applying that version.
     */
    public static Optional<LockHolder> writing(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.pid, a.application_name, "
                + "host(a.client_addr), a.xact_start FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a "
                + "ON a.pid = l.pid WHERE l.relation = CAST(? AS regclass) AND l.mode = 'RowExclusiveLock' AND "
                + "l.granted AND l.pid <> pg_catalog.pg_backend_pid() ORDER BY a.xact_start LIMIT 1")) {
            statement.setString(1, table);
            return session(statement);
        }
    }

    /** The claimant's session while it is still there, as pg_stat_activity shows it. */
    public static Optional<LockHolder> alive(Connection connection, String claimant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pid, application_name, "
                + "host(client_addr), query_start FROM pg_catalog.pg_stat_activity WHERE " + SESSION + " = ?")) {
            statement.setString(1, claimant);
            return session(statement);
        }
    }

    /** The session the query's one row describes (pid, application_name, client address, since), if any. */
    private static Optional<LockHolder> session(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Timestamp since = row.getTimestamp(4);
            return Optional.of(new LockHolder(row.getInt(1), row.getString(2), row.getString(3),
                    since == null ? null : since.toInstant()));
        }
    }
}
