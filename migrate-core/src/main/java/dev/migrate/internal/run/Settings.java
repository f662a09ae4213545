package dev.migrate.internal.run;

import dev.migrate.Callback;
import dev.migrate.MigrationListener;
import dev.migrate.internal.source.Placeholders;
import dev.migrate.spi.MigrationSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import dev.migrate.Version;
import javax.sql.DataSource;

/**
 * What the engine runs with, as the builder settled it.
 *
 * @param schema the history table's schema, or {@code null} for the connection's {@code search_path}
 * @param baselineOnMigrate the version to baseline at before a run up finds a schema with objects but no history
 * @param initSql statements run on each connection of a run before anything else (reset after)
 * @param databaseWait how a run's first connection waits for a database that is not up yet
 * @param cleanEnabled whether {@code clean} may drop the schema's objects (a development reset)
 * @param replyTimeout how long to wait for the reply to a statement of the engine's own ({@code Replies})
 * @param searchPath a schema put first on the search_path while migrations execute, or {@code null}
 * @param historyMayMove whether the history may live at {@code migrate_} + {@code table} when a folder's own SQL
 *     uses {@code table} (only with the default name, which a folder may well use for itself)
 */
public record Settings(DataSource dataSource, MigrationSource source, String schema, String table,
        boolean historyMayMove, Duration lockTimeout, boolean outOfOrder, boolean validateOnMigrate,
        boolean allowDatabaseAhead, List<MigrationListener> listeners, Placeholders placeholders,
        List<Callback> callbacks, Optional<Version> baselineOnMigrate, List<String> initSql, LockGuard lockGuard,
        DatabaseWait databaseWait, boolean cleanEnabled, Duration replyTimeout, String searchPath) {

    public Settings {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(placeholders, "placeholders");
        callbacks = List.copyOf(callbacks);
        Objects.requireNonNull(baselineOnMigrate, "baselineOnMigrate");
        initSql = List.copyOf(initSql);
        Objects.requireNonNull(lockGuard, "lockGuard");
        Objects.requireNonNull(databaseWait, "databaseWait");
        Objects.requireNonNull(replyTimeout, "replyTimeout");
    }

    /**
     * The same folder and history settings on a scratch database, for lint against a real server: no listeners,
     * Java callbacks, lock guard or baseline, which belong to the real database's runs.
     */
    Settings onScratch(DataSource scratch) {
        return new Settings(scratch, source, schema, table, historyMayMove, lockTimeout, outOfOrder, validateOnMigrate,
                allowDatabaseAhead, List.of(), placeholders, List.of(), Optional.empty(), initSql, LockGuard.OFF,
                DatabaseWait.NONE, true, replyTimeout, searchPath);
    }
}
