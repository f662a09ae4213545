package dev.migrate.spi;

import dev.migrate.AppliedMigration;
import dev.migrate.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Provides the record of applied migrations. Every method works on the caller's connection, so that a history
 * row commits or rolls back with the script it describes.
 */
public interface HistoryStore {

    /** The table's qualified name, for messages and the lock key. */
    String name();

    /**
     * The applied migrations in version order, or empty when the table does not exist yet.
     *
     * @throws dev.migrate.HistoryTableException if a table of that name exists but has another shape
     */
    Optional<List<AppliedMigration>> applied(Connection connection) throws SQLException;

    /** Creates the table (and its schema) when missing. Callers hold the migration lock. */
    void create(Connection connection) throws SQLException;

    /** Inserts or replaces the row of {@code migration.version()}. */
    void save(Connection connection, AppliedMigration migration) throws SQLException;

    /** Deletes the row of {@code version}, if any. */
    void remove(Connection connection, Version version) throws SQLException;
}
