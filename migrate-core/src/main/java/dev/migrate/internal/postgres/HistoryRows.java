package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Migration;
import dev.migrate.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The history table's rows as a run writes them: claimed before a script runs, settled after it, saved by force and
 * baseline, removed going down. Each write is one statement in the caller's transaction, and each reports whether
 * it found the row as expected, so that the caller can tell a version another run recorded first.
 */
public final class HistoryRows {

    private final HistoryTable table;

    HistoryRows(HistoryTable table) {
        this.table = table;
    }

    /** Inserts or replaces the row of {@code row.version()}, in the caller's transaction: force and baseline. */
    public void save(Connection connection, AppliedMigration row) throws SQLException {
        write(connection, row, " ON CONFLICT (version) DO UPDATE SET " + assignments("excluded."), null);
    }

    /**
     * Inserts the row of {@code row.version()} unless that version has one, in the caller's transaction: the
     * guard that makes a migration run once. When another run's transaction holds an uncommitted row for it, this
     * waits for that transaction to end.
     *
     * @return whether the row was inserted; false when the version was already recorded, by another run
     */
    public boolean claim(Connection connection, AppliedMigration row) throws SQLException {
        return write(connection, row, " ON CONFLICT (version) DO NOTHING", null) == 1;
    }

    /**
     * As {@link #claim}, for a migration about to run outside a transaction: the row, dirty, names the session that
     * runs it ({@link Claimants}), so that while it runs no other run takes it for a failure.
     */
    public boolean claimToRun(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return write(connection, row, " ON CONFLICT (version) DO NOTHING", claimant) == 1;
    }

    /**
     * Rewrites the row of {@code row.version()} (dirty flag, time taken), in the caller's transaction.
     *
     * @return whether there was such a row; false when it was deleted meanwhile, by the script itself or by hand
     */
    public boolean settle(Connection connection, AppliedMigration row) throws SQLException {
        return update(connection, row, null, null);
    }

    /** As {@link #settle}, marking the row claimed by {@code claimant}: a rollback about to run outside a transaction. */
    public boolean claimToRunDown(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return update(connection, row, claimant, null);
    }

    /**
     * As {@link #settle}, only while the row is still {@code claimant}'s: a run settles the row it claimed, never
     * one another run wrote meanwhile.
     *
     * @return false when the row is gone or no longer the claimant's
     */
    public boolean settleOwn(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return update(connection, row, null, claimant);
    }

    private boolean update(Connection connection, AppliedMigration row, String claimant, String only)
            throws SQLException {
        String sql = "UPDATE " + table.sqlName() + " SET " + assignments(null) + " WHERE version = ?"
                + (only == null ? "" : " AND " + table.quoted("claimed_by") + " = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindMetadata(statement, 1, row, claimant);
            bindVersion(statement, next, row.version());
            if (only != null) {
                statement.setString(next + 1, only);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            return vanished(e);
        }
    }

    /**
     * Checks, in the caller's transaction, that the table holds at least {@code rowsAfter} rows: a script that deleted
     * another version's row (which would make that one run again) is caught before COMMIT. More rows are no finding:
     * another run may have recorded versions meanwhile, which the run notices on its own.
     */
    public void requireRows(Connection connection, long rowsAfter, Migration migration)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table.sqlName())) {
            long found = row.next() ? row.getLong(1) : 0;
            if (found < rowsAfter) {
                throw HistoryTableException.rowsChanged(table.name(), migration, rowsAfter, found);
            }
        }
    }

    /**
     * Deletes the row of {@code version}, in the caller's transaction; waits for another run's transaction that
     * holds it.
     *
     * @return whether there was such a row; false when another run removed it first
     */
    public boolean remove(Connection connection, Version version) throws SQLException {
        return remove(connection, version, null);
    }

    /** As {@link #remove}, only while the row is {@code claimant}'s (when not null). */
    public boolean remove(Connection connection, Version version, String claimant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table.sqlName()
                + " WHERE version = ?" + (claimant == null ? "" : " AND " + table.quoted("claimed_by") + " = ?"))) {
            bindVersion(statement, 1, version);
            if (claimant != null) {
                statement.setString(2, claimant);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            return vanished(e);
        }
    }

    /** False when the table itself is gone (a script dropped it): its rows went with it. */
    private static boolean vanished(SQLException e) throws SQLException {
        if ("42P01".equals(e.getSQLState())) {
            return false;
        }
        throw e;
    }

    private int write(Connection connection, AppliedMigration row, String onConflict, String claimant)
            throws SQLException {
        table.upgrade().widenVersionFor(connection, row.version());
        String values = ") VALUES (?, ?" + ", ?".repeat(HistoryColumns.METADATA.size()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(table.insertColumns().append(values)
                .append(onConflict).toString())) {
            bindVersion(statement, 1, row.version());
            bindMetadata(statement, 2, row, claimant);
            return statement.executeUpdate();
        }
    }

    /**
     * Sends a version as text of no declared type, so that the server reads it as the column's type: {@code bigint}
     * as long as every version is a whole number, {@code text} once one is not.
     */
    private static void bindVersion(PreparedStatement statement, int index, Version version) throws SQLException {
        statement.setObject(index, version.toString(), Types.OTHER);
    }

    /** {@code dirty, description, ..., adopted_from = <prefix>same}, or {@code = ?} each without a prefix. */
    private String assignments(String fromPrefix) {
        StringBuilder set = new StringBuilder("dirty = " + (fromPrefix == null ? "?" : fromPrefix + "dirty"));
        for (String column : HistoryColumns.METADATA.keySet()) {
            set.append(", ").append(table.quoted(column)).append(" = ")
                    .append(fromPrefix == null ? "?" : fromPrefix + table.quoted(column));
        }
        return set.toString();
    }

    /** Binds dirty and the metadata columns from {@code first}, in METADATA's order; returns the next index. */
    private static int bindMetadata(PreparedStatement statement, int first, AppliedMigration row, String claimant)
            throws SQLException {
        int i = first;
        statement.setBoolean(i++, row.dirty());
        statement.setString(i++, row.description());
        statement.setString(i++, row.checksum());
        // No instant only for a time migrate cannot show (a hand-edited 'infinity'); the column needs one.
        Instant at = row.appliedAt() == null ? Instant.now() : row.appliedAt();
        statement.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        statement.setLong(i++, row.executionMs());
        statement.setString(i++, row.appliedBy());
        statement.setString(i++, row.adoptedFrom());
        statement.setString(i++, claimant);
        return i;
    }
}
