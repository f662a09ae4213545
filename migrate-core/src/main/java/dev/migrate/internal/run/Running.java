package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.LockHolder;

/**
 * Who is applying a dirty version right now: the run holding the migration lock, or the session that claimed the
 * row and goes on after its run lost the lock (its lock session ended while a long statement ran).
 */
record Running(LockHolder session, boolean lockLost) {

    DirtyDatabaseException inProgress(AppliedMigration row) {
        return lockLost ? DirtyDatabaseException.stillRunning(row, session)
                : DirtyDatabaseException.inProgress(row, session);
    }
}
