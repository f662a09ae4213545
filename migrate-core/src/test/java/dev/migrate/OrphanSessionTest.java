package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A run killed with SIGKILL leaves its server session at work: its transaction goes on, holding the history row it
 * wrote, while the lock went with the process. The next run meets that row: it says the migration is in progress
 * and by whom (the lock-timeout code), never "could not record".
 */
class OrphanSessionTest extends FolderTest {

    @Test
    void aVersionAnotherSessionIsStillWritingIsNamedAsInProgress(TestDatabase db) throws Exception {
        folder().file("1_accounts.sql", "CREATE TABLE accounts (id int);")
                .file("2_orders.sql", "CREATE TABLE orders (id int);");
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString())
                .statementLockTimeout(Duration.ofMillis(300)).lockRetries(0).build();
        migrator.migrate(new Version(1));
        // The orphan: a session in the middle of migration 2's transaction, its row written, no lock held.
        try (Connection orphan = db.dataSource().getConnection(); Statement statement = orphan.createStatement()) {
            orphan.setAutoCommit(false);
            statement.execute("INSERT INTO schema_migrations (version, dirty, description) VALUES (2, false, "
                    + "'orders')");
            int pid;
            try (var row = statement.executeQuery("SELECT pg_backend_pid()")) {
                row.next();
                pid = row.getInt(1);
            }

            LockTimeoutException inProgress = catchThrowableOfType(LockTimeoutException.class, migrator::migrate);

            assertThat(inProgress).hasMessageStartingWith("Migration 2 (orders) is being applied right now by another "
                    + "server session (pid " + pid).hasMessageEndingWith("that does not hold the migration lock: its "
                    + "run may have been killed, or lost its lock, while its statement went on. This run did not apply "
                    + "it; what this run applied before it stays applied. Wait for that session to finish, then run "
                    + "again; to stop it, SELECT pg_cancel_backend(" + pid + ").");
            assertThat(db.tableExists("orders")).isFalse();
            orphan.rollback();
        }
        assertThat(migrator.migrate().applied()).extracting(m -> m.version().toString()).containsExactly("2");
    }
}
