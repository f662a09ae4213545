package dev.migrate.fleet;

import dev.migrate.MigratorBuilder;
import java.time.Duration;
import java.util.function.Function;
import javax.sql.DataSource;

/** What a fleet runs with, as its builder settled it. */
record FleetSettings(DataSource control, TargetSelection targets, Function<DataSource, MigratorBuilder> migrator,
        Function<Target, DataSource> databases, int parallel, int connections, int canary, OnError onError,
        Duration lease, String ledgerTable, boolean retryFailed, String worker) {

    /** How many targets run at once: as asked, as far as the connections allow (two each, one for the ledger). */
    int running() {
        return Math.max(1, Math.min(parallel, (connections - 1) / 2));
    }

    /**
     * A builder for running {@code target}'s migrations: a schema target's history in that schema, and the schema
     * first on the search_path while its migrations run.
     */
    MigratorBuilder migratorFor(Target target) {
        MigratorBuilder builder = migrator.apply(dataSource(target));
        if (target.kind() == Target.Kind.SCHEMA) {
            builder.schema(target.name()).searchPath(target.name());
        }
        return builder;
    }

    /** Where {@code target} is reached: the control database for a schema, its own data source for a database. */
    DataSource dataSource(Target target) {
        return target.kind() == Target.Kind.SCHEMA ? control : databases.apply(target);
    }
}
