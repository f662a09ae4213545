package dev.migrate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of many schemas, where a worker claims its targets in batches: still each migrated once across workers,
 * and a failure in the middle of a batch releases the batch's unstarted targets rather than run them.
 */
@ExtendWith(PostgresExtension.class)
class FleetBatchTest {

    private static final int TENANTS = 150;

    @TempDir
    Path dir;

    @Test
    void threeWorkersClaimingBatchesRunEachTargetOnce(TestDatabase db) throws Exception {
        folder();
        tenants(db);
        ExecutorService workers = Executors.newFixedThreadPool(3);
        List<FleetResult> results = new ArrayList<>();
        try {
            List<Future<FleetResult>> runs = new ArrayList<>();
            for (int w = 1; w <= 3; w++) {
                String name = "worker-" + w;
                runs.add(workers.submit(() -> fleet(db).worker(name).parallel(2).build().up()));
            }
            for (Future<FleetResult> run : runs) {
                results.add(run.get());
            }
        } finally {
            workers.shutdownNow();
        }
        assertThat(results).allMatch(FleetResult::succeeded);
        assertThat(results.stream().mapToInt(FleetResult::applied).sum()).isEqualTo(2 * TENANTS);
        assertThat(results.stream().flatMap(result -> result.targets().stream())
                .filter(target -> target.state() == TargetOutcome.State.DONE).map(t -> t.target().name()))
                .hasSize(TENANTS).doesNotHaveDuplicates();
        assertThat(db.column("SELECT tenant FROM public.runs")).hasSize(TENANTS).doesNotHaveDuplicates();
        assertThat(db.value("SELECT count(*) FILTER (WHERE state = 'done' AND attempts = 1) FROM migrate_fleet"))
                .isEqualTo(String.valueOf(TENANTS));
    }

    @Test
    void aFailureInTheMiddleOfABatchReleasesTheRestOfIt(TestDatabase db) throws IOException {
        folder();
        tenants(db);
        db.execute("CREATE TABLE tenant_003.orders (id int)");
        FleetResult result = fleet(db).parallel(1).build().up();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state()).startsWith(
                "tenant_001 DONE", "tenant_002 DONE", "tenant_003 FAILED", "tenant_004 NOT_STARTED");
        assertThat(result.targets().subList(3, TENANTS)).allMatch(t -> t.state() == TargetOutcome.State.NOT_STARTED);
        assertThat(db.tableExists("tenant_004.schema_migrations")).isFalse();
        assertThat(db.value("SELECT count(*) FROM migrate_fleet WHERE state = 'running' "
                + "AND lease_until > clock_timestamp()")).as("no claim left held").isEqualTo("0");

        db.execute("DROP TABLE tenant_003.orders");
        FleetResult resumed = fleet(db).parallel(1).retryFailed(true).build().up();
        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.applied()).isEqualTo(2 * (TENANTS - 2));
        assertThat(db.column("SELECT tenant FROM public.runs")).hasSize(TENANTS).doesNotHaveDuplicates();
    }

    @Test
    void aBatchWhoseTargetIsSlowHandsBackWhatItHasNotStarted(TestDatabase db) throws Exception {
        // tenant_01 waits on a lock the test holds; each claim takes three targets (24 for one thread)
        Files.writeString(dir.resolve("1_slow.up.sql"), "DO $$ BEGIN IF current_schema() = 'tenant_01' THEN "
                + "PERFORM pg_advisory_lock(4242); PERFORM pg_advisory_unlock(4242); END IF; END $$;\n"
                + "INSERT INTO public.ordered (tenant) VALUES (current_schema());");
        db.execute("CREATE TABLE public.ordered (n serial, tenant text)");
        IntStream.rangeClosed(1, 24).forEach(i -> db.execute("CREATE SCHEMA tenant_%02d".formatted(i)));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (java.sql.Connection holder = db.dataSource().getConnection()) {
            holder.createStatement().execute("SELECT pg_advisory_lock(4242)");
            Future<FleetResult> run = worker.submit(() -> fleet(db).parallel(1).build().up());
            for (int i = 0; i < 3000 && "0".equals(db.value("SELECT count(*) FROM pg_stat_activity WHERE "
                    + "wait_event_type = 'Lock' AND query LIKE '%pg_advisory_lock(4242)%' AND pid <> ?",
                    pidOf(holder))); i++) {
                Thread.sleep(10);
            }
            Thread.sleep(1500); // longer than a batch keeps its unstarted targets
            holder.createStatement().execute("SELECT pg_advisory_unlock(4242)");
            assertThat(run.get().succeeded()).isTrue();
        } finally {
            worker.shutdownNow();
        }
        List<String> order = db.column("SELECT tenant FROM public.ordered ORDER BY n");
        assertThat(order).hasSize(24).doesNotHaveDuplicates();
        assertThat(order.subList(0, 2)).as("the next batch went on").containsExactly("tenant_01", "tenant_04");
        assertThat(order.subList(22, 24)).as("handed back, run later").containsExactly("tenant_02", "tenant_03");
        assertThat(db.value("SELECT attempts FROM migrate_fleet WHERE target = 'schema:tenant_02'"))
                .as("a target handed back unstarted was not attempted").isEqualTo("1");
    }

    private static int pidOf(java.sql.Connection connection) throws java.sql.SQLException {
        try (java.sql.ResultSet row = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getInt(1);
        }
    }

    private void folder() throws IOException {
        FleetFixture.folder(dir);
    }

    private static void tenants(TestDatabase db) {
        db.execute("CREATE TABLE public.runs (tenant text)");
        IntStream.rangeClosed(1, TENANTS).forEach(i -> db.execute("CREATE SCHEMA tenant_%03d".formatted(i)));
    }

    private FleetBuilder fleet(TestDatabase db) {
        return FleetFixture.fleet(db, dir);
    }
}
