package dev.migrate.fleet;

import dev.migrate.DatabaseAccessException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The fleet's ledger, a table in the control database that every worker of a fleet shares: one row per target,
 * claimed by one worker at a time under a lease that the worker renews while the target runs and that its peers
 * take over once it has expired (the worker crashed or lost its network). A row is settled for one release (the
 * listing's fingerprint): done, or failed with its error; a new release makes every target claimable again. The
 * lease only keeps workers from doing the same work twice: each target's own run is exactly once on its own, under
 * its own lock and history. All on one connection of its own, held for the fleet's run.
 */
final class Ledger implements AutoCloseable {

    /** The ledger's columns as this release writes them: a table of that name with others is not ours. */
    private static final Set<String> COLUMNS = Set.of("target", "release", "state", "worker", "lease_until",
            "attempts", "version", "applied", "last_error", "started_at", "finished_at");

    /** A target's row as the ledger holds it. */
    record Row(String target, String release, String state, String worker, boolean leaseExpired, int attempts,
            String version, String lastError) {

        boolean settled(String current) {
            return current.equals(release) && (state.equals("done") || state.equals("failed"));
        }
    }

    private final String name;
    /** The name as SQL text. */
    private final String table;
    private final String worker;
    private final Duration lease;
    private final Connection connection;
    /**
     * When this worker opened the ledger, by the server's clock: what was settled before it belongs to an earlier
     * run of the fleet, to be checked again, and what was settled after it to this one, by a peer.
     */
    private final java.sql.Timestamp opened;

    /** @param name the ledger's name, in the control connection's first schema */
    Ledger(DataSource control, String name, String worker, Duration lease) {
        this.name = name;
        this.table = quote(name);
        this.worker = worker;
        this.lease = lease;
        try {
            this.connection = control.getConnection();
            connection.setAutoCommit(true);
            create();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT clock_timestamp()")) {
                row.next();
                this.opened = row.getTimestamp(1);
            }
        } catch (SQLException e) {
            throw new DatabaseAccessException("open the fleet's ledger " + name, e);
        }
    }

    private void create() throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
                // Workers starting at once would race in CREATE ... IF NOT EXISTS, whose check is not atomic (the
                // loser fails on the table's row type, 42710): they take turns here, and the later ones find it.
                lock.setString(1, "migrate fleet ledger " + table);
                lock.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (target text PRIMARY KEY, release text "
                        + "NOT NULL, state text NOT NULL, worker text, lease_until timestamptz, attempts integer NOT "
                        + "NULL DEFAULT 0, version text, applied integer, last_error text, started_at timestamptz, "
                        + "finished_at timestamptz)");
            }
            checkColumns();
            try (Statement statement = connection.createStatement()) {
                // Asked before every claim when a failure stops the fleet: kept cheap however many targets there are.
                statement.execute("CREATE INDEX IF NOT EXISTS " + quote(name + "_failed") + " ON " + table
                        + " (release) WHERE state = 'failed'");
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void checkColumns() throws SQLException {
        Set<String> found = new TreeSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                found.add(row.getMetaData().getColumnName(i));
            }
        }
        if (!found.equals(new TreeSet<>(COLUMNS))) {
            throw new IllegalStateException("the table " + name + " is not a fleet ledger of migrate's (it has the "
                    + "columns " + String.join(", ", found) + "), so it was left as it is. Give the ledger another "
                    + "name (-ledger-table, database.migrations.fleet.ledger-table)");
        }
    }

    /**
     * Takes {@code targets} for this worker for {@code release}, in one statement, each when it has no row, when its
     * row is of another release, when its lease has expired, when it was done before this worker started (an earlier
     * run of the fleet: it is checked again, a no-op unless someone changed it since), or when it failed before this
     * worker started and {@code retryFailed}; with {@code stopOnFailure}, none once a target of the release failed
     * (as {@link #anyFailed} tells). Rows are taken in target order, whoever asks, so that two workers claiming
     * overlapping batches wait for each other rather than deadlock.
     *
     * @return the attempt each claimed target is at (1 for the first of the release); a target missing was not
     *     claimed: another worker has it, it is settled, or a failure stops the fleet
     */
    synchronized Map<String, Integer> claim(List<String> targets, String release, boolean retryFailed,
            boolean stopOnFailure) {
        String sql = "WITH stop AS (SELECT ? AND EXISTS (SELECT 1 FROM " + table + " WHERE release = ? AND state = "
                + "'failed' AND (NOT ? OR finished_at >= ?)) AS yes) "
                + "INSERT INTO " + table + " AS l (target, release, state, worker, lease_until, attempts, "
                + "started_at) SELECT w.target, ?, 'running', ?, clock_timestamp() + ? * interval '1 millisecond', "
                + "1, clock_timestamp() FROM unnest(CAST(? AS text[])) AS w(target), stop WHERE NOT stop.yes "
                + "ORDER BY w.target ON CONFLICT (target) DO UPDATE SET release = "
                + "excluded.release, state = 'running', worker = excluded.worker, lease_until = excluded.lease_until, "
                + "attempts = CASE WHEN l.release = excluded.release THEN l.attempts + 1 ELSE 1 END, started_at = "
                + "excluded.started_at, finished_at = NULL, version = NULL, applied = NULL WHERE l.release <> "
                + "excluded.release OR (l.state = 'running' AND l.lease_until < clock_timestamp()) OR (l.state = "
                + "'done' AND l.finished_at < ?) OR (l.state = 'failed' AND ? AND l.finished_at < ?) "
                + "RETURNING target, attempts";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setBoolean(1, stopOnFailure);
            statement.setString(2, release);
            statement.setBoolean(3, retryFailed);
            statement.setTimestamp(4, opened);
            statement.setString(5, release);
            statement.setString(6, worker);
            statement.setLong(7, lease.toMillis());
            statement.setArray(8, connection.createArrayOf("text", targets.toArray()));
            statement.setTimestamp(9, opened);
            statement.setBoolean(10, retryFailed);
            statement.setTimestamp(11, opened);
            Map<String, Integer> claimed = new HashMap<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    claimed.put(row.getString(1), row.getInt(2));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new DatabaseAccessException("claim " + String.join(", ", targets) + " in the fleet's ledger "
                    + name, e);
        }
    }

    /** Extends the lease of the targets this worker runs, so that no peer takes them over while they run. */
    synchronized void renew(List<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET lease_until = "
                + "clock_timestamp() + ? * interval '1 millisecond' WHERE worker = ? AND state = 'running' "
                + "AND target = ANY (?)")) {
            statement.setLong(1, lease.toMillis());
            statement.setString(2, worker);
            statement.setArray(3, connection.createArrayOf("text", targets.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseAccessException("renew the leases in the fleet's ledger " + name, e);
        }
    }

    /** Gives up this worker's claims on {@code targets} without settling them: their leases end now. */
    synchronized void release(List<String> targets) {
        release(targets, "");
    }

    /**
     * As {@link #release}, for targets this worker claimed but never started: their attempt is not counted, so
     * that {@code attempts} says how many times a target's run began.
     */
    synchronized void releaseUnstarted(List<String> targets) {
        release(targets, ", attempts = attempts - 1");
    }

    private void release(List<String> targets, String alsoSet) {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " SET lease_until = "
                + "clock_timestamp() - interval '1 millisecond'" + alsoSet + " WHERE target = ANY (?) AND worker = ? "
                + "AND state = 'running'")) {
            statement.setArray(1, connection.createArrayOf("text", targets.toArray()));
            statement.setString(2, worker);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseAccessException("release " + String.join(", ", targets) + " in the fleet's ledger "
                    + name, e);
        }
    }

    /** How a target this worker ran ended: {@code done} with its version, or {@code failed} with its error. */
    record Settled(String target, String state, String version, int applied, String error) {
    }

    /** Settles targets this worker ran, in one statement. */
    synchronized void settle(List<Settled> settled) {
        if (settled.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("UPDATE " + table + " AS l SET state = "
                + "s.state, version = s.version, applied = s.applied, last_error = s.error, finished_at = "
                + "clock_timestamp(), lease_until = NULL FROM unnest(CAST(? AS text[]), CAST(? AS text[]), "
                + "CAST(? AS text[]), CAST(? AS integer[]), CAST(? AS text[])) AS s(target, state, version, applied, "
                + "error) WHERE l.target = s.target AND l.worker = ?")) {
            statement.setArray(1, array(settled, Settled::target));
            statement.setArray(2, array(settled, Settled::state));
            statement.setArray(3, array(settled, Settled::version));
            statement.setArray(4, connection.createArrayOf("integer",
                    settled.stream().map(Settled::applied).toArray()));
            statement.setArray(5, array(settled, Settled::error));
            statement.setString(6, worker);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseAccessException("record " + settled.stream().map(Settled::target).toList()
                    + " in the fleet's ledger " + name, e);
        }
    }

    private java.sql.Array array(List<Settled> settled, java.util.function.Function<Settled, String> column)
            throws SQLException {
        return connection.createArrayOf("text", settled.stream().map(column).toArray());
    }

    /**
     * Every row of the ledger {@code name}, by target, read on a connection of its own; none when there is no such
     * table (no fleet ran yet). The table is never created here: a status changes nothing.
     */
    static Map<String, Row> peek(DataSource control, String name) {
        try (Connection connection = control.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                statement.setString(1, quote(name));
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next() || !row.getBoolean(1)) {
                        return Map.of();
                    }
                }
            }
            return read(connection, quote(name));
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the fleet's ledger " + name, e);
        }
    }

    /** Every row, by target. */
    synchronized Map<String, Row> rows() {
        try {
            return read(connection, table);
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the fleet's ledger " + name, e);
        }
    }

    private static Map<String, Row> read(Connection connection, String table) throws SQLException {
        Map<String, Row> rows = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT target, release, state, worker, coalesce(lease_until "
                     + "< clock_timestamp(), true), attempts, version, last_error FROM " + table)) {
            while (row.next()) {
                rows.put(row.getString(1), new Row(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getBoolean(5), row.getInt(6), row.getString(7), row.getString(8)));
            }
        }
        return rows;
    }

    /**
     * Whether any target of {@code release} failed, in any worker; with {@code retryFailed}, only since this worker
     * started (the earlier failures are the ones it tries again).
     */
    synchronized boolean anyFailed(String release, boolean retryFailed) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + table
                + " WHERE release = ? AND state = 'failed' AND (NOT ? OR finished_at >= ?))")) {
            statement.setString(1, release);
            statement.setBoolean(2, retryFailed);
            statement.setTimestamp(3, opened);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new DatabaseAccessException("read the fleet's ledger " + name, e);
        }
    }

    /** The targets of {@code release} that failed, in name order. */
    List<String> failed(String release) {
        List<String> failed = new ArrayList<>();
        rows().values().stream().filter(row -> row.release().equals(release) && row.state().equals("failed"))
                .map(Row::target).sorted().forEach(failed::add);
        return failed;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // the ledger's rows are written; a connection that cannot close is the pool's concern
        }
    }
}
