package dev.migrate.internal.run;

import dev.migrate.CleanResult;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.postgres.AdvisoryLock;
import dev.migrate.internal.postgres.SchemaCleaner;
import org.slf4j.Logger;

/** The development reset: under the lock, every object of the history table's schema dropped, when enabled. */
public final class Cleaning {

    private static final Logger log = ProgressLog.LOG;

    private final Steps shared;
    private final Settings settings;

    public Cleaning(Steps shared) {
        this.shared = shared;
        this.settings = shared.settings();
    }

    /** Under the lock, drops every object of the history table's schema; refused unless enabled. */
    public CleanResult clean() {
        if (!settings.cleanEnabled()) {
            throw new IllegalStateException("clean is disabled: it drops every object in the schema"
                    + (settings.schema() == null ? "" : " " + settings.schema()) + ", data included. Enable it for "
                    + "development databases only (MigratorBuilder.cleanEnabled(true), "
                    + "database.migrations.clean-enabled=true; the CLI's drop asks first, or takes -f).");
        }
        return shared.connected("clean the schema", connection -> {
            try (AdvisoryLock.Lease lease = shared.lock(connection)) {
                CleanResult result = Steps.sql("drop the schema's objects",
                        () -> SchemaCleaner.clean(connection, settings.schema()));
                log.warn("cleaned schema {}: dropped {} object{}{}", result.schema(), result.dropped().size(),
                        result.dropped().size() == 1 ? "" : "s", result.remaining().isEmpty() ? ""
                                : "; left " + String.join(", ", result.remaining()));
                return result;
            }
        });
    }
}
