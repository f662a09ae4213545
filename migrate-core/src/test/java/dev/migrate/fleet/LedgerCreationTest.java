package dev.migrate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pods of a Job start together, and each opens the ledger, creating it on a first run: PostgreSQL's
 * {@code CREATE TABLE IF NOT EXISTS} is not atomic (two sessions may both go on to create, and one fails on the
 * table's row type, 42710), so the workers take turns. Without that, this test failed in 2 of 2 runs here.
 */
@ExtendWith(PostgresExtension.class)
class LedgerCreationTest {

    @Test
    void workersStartingAtTheSameMomentCreateTheLedgerOnce(TestDatabase db) throws Exception {
        int workers = 12;
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            for (int round = 1; round <= 10; round++) {
                String name = "ledger_" + round; // a ledger not there yet, each round
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(workers);
                List<Future<?>> opened = new ArrayList<>();
                for (int w = 1; w <= workers; w++) {
                    String worker = "worker-" + w;
                    opened.add(threads.submit(() -> {
                        together.await();
                        new Ledger(db.dataSource(), name, worker, java.time.Duration.ofSeconds(60)).close();
                        return null;
                    }));
                }
                for (Future<?> open : opened) {
                    open.get();
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(db.value("SELECT count(*) FROM pg_class WHERE relname LIKE 'ledger\\_%' AND relkind = 'r'"))
                .isEqualTo("10");
    }
}
