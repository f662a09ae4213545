package dev.migrate;

import dev.migrate.test.TestDatabase;
import java.util.concurrent.CompletableFuture;

/** A run on another thread, for a test to act on the server while it runs: what it ends with, or how it failed. */
final class Background {

    private Background() {
    }

    /** Starts {@code migrator.migrate()}; the future holds the failure, or null when it finished. */
    static CompletableFuture<Throwable> migrate(Migrator migrator) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                migrator.migrate();
                return null;
            } catch (MigrateException e) {
                return e;
            }
        });
    }

    /** Waits until a session of the test database runs pg_sleep: the migration under test is at its slow part. */
    static void awaitSleep(TestDatabase db) throws InterruptedException {
        for (int i = 0; i < 1000 && !"1".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE wait_event = "
                + "'PgSleep' AND datname = current_database()")); i++) {
            Thread.sleep(10);
        }
    }
}
