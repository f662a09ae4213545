package dev.migrate.autoconfigure;

import dev.migrate.ChecksumMismatchException;
import dev.migrate.DatabaseAccessException;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.HistoryTableException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrateException;
import dev.migrate.MigrationFailedException;
import dev.migrate.MissingMigrationException;
import dev.migrate.OutOfOrderMigrationException;
import dev.migrate.VersionNotFoundException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped by migrations: the engine's message as the description (which migration, which
 * line, what the server said) and, as the action, what to do in a Spring application.
 */
class MigrateFailureAnalyzer extends AbstractFailureAnalyzer<MigrateException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MigrateException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause), cause);
    }

    private static String action(MigrateException cause) {
        if (cause instanceof MigrationFailedException failure) {
            return failure.transactional()
                    ? "Fix " + failure.script() + " and restart; nothing of that migration was applied."
                    : "Put the schema right by hand, record the true version with the CLI "
                      + "(migrate -path ... force V), then restart.";
        }
        if (cause instanceof DirtyDatabaseException dirty) {
            return "Check the schema against migration " + dirty.version() + ", record the true version with the "
                    + "CLI (migrate -path ... force V), then restart.";
        }
        if (cause instanceof ChecksumMismatchException) {
            return "Restore the applied file and put the change in a new migration (or, knowingly, set "
                    + "database.migrations.validate-on-migrate=false).";
        }
        if (cause instanceof MissingMigrationException) {
            return "Restore the missing file, or check database.migrations.path.";
        }
        if (cause instanceof OutOfOrderMigrationException) {
            return "Give the new migration a version above the newest applied one, or set "
                    + "database.migrations.out-of-order=true.";
        }
        if (cause instanceof LockTimeoutException) {
            return "Let the other migration finish and restart, or raise database.migrations.lock-timeout.";
        }
        if (cause instanceof InvalidMigrationException || cause instanceof VersionNotFoundException) {
            return "Fix the migration files or database.migrations.path / database.migrations.target-version.";
        }
        if (cause instanceof HistoryTableException) {
            return "Set database.migrations.table to a table name of migrate's own.";
        }
        if (cause instanceof DatabaseAccessException) {
            return "Check spring.datasource.* (or database.migrations.url, username and password) and that the "
                    + "database accepts connections.";
        }
        if (cause instanceof IrreversibleMigrationException) {
            return "Add the missing down scripts.";
        }
        return "See the message above.";
    }
}
