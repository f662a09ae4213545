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

/** A fleet of schemas: each migrated once, by one worker or several, stopped or not by a failure. */
@ExtendWith(PostgresExtension.class)
class FleetTest {

    @TempDir
    Path dir;

    @Test
    void migratesEverySchemaOnceAndAgainFindsNothingToDo(TestDatabase db) throws IOException {
        folder();
        tenants(db, 6);
        FleetResult first = fleet(db).parallel(3).build().up();
        assertThat(first.succeeded()).isTrue();
        assertThat(first.targets()).extracting(t -> t.target().name() + " " + t.state() + " " + t.applied())
                .containsExactly("tenant_1 DONE 2", "tenant_2 DONE 2", "tenant_3 DONE 2", "tenant_4 DONE 2",
                        "tenant_5 DONE 2", "tenant_6 DONE 2");
        for (int i = 1; i <= 6; i++) {
            assertThat(db.value("SELECT count(*) FROM tenant_" + i + ".schema_migrations")).isEqualTo("2");
            assertThat(db.value("SELECT count(*) FROM tenant_" + i + ".orders")).isEqualTo("0");
        }
        assertThat(db.column("SELECT tenant FROM public.runs ORDER BY 1")).hasSize(6).doesNotHaveDuplicates();
        assertThat(db.tableExists("orders")).isFalse();
        FleetResult again = fleet(db).build().up();
        assertThat(again.succeeded()).isTrue();
        assertThat(again.targets()).allMatch(t -> t.state() == TargetOutcome.State.DONE && t.applied() == 0);
        assertThat(db.column("SELECT state FROM migrate_fleet")).hasSize(6).containsOnly("done");
    }

    @Test
    void aFailureStopsTheFleetNamingTheFileAndTheSqlState(TestDatabase db) throws IOException {
        folder();
        tenants(db, 5);
        db.execute("CREATE TABLE tenant_2.orders (id int)");
        FleetResult result = fleet(db).parallel(1).build().up();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state())
                .containsExactly("tenant_1 DONE", "tenant_2 FAILED", "tenant_3 NOT_STARTED", "tenant_4 NOT_STARTED",
                        "tenant_5 NOT_STARTED");
        assertThat(result.targets().get(1).error().orElseThrow()).contains("1_orders.up.sql").contains("42P07");
        assertThat(result.failedElsewhere()).containsExactly("schema:tenant_2");
        assertThat(db.value("SELECT last_error FROM migrate_fleet WHERE target = 'schema:tenant_2'"))
                .contains("42P07");
        assertThat(db.tableExists("tenant_3.schema_migrations")).isFalse();

        FleetResult stillStopped = fleet(db).parallel(1).build().up();
        assertThat(stillStopped.targets()).extracting(TargetOutcome::state).doesNotContain(TargetOutcome.State.DONE);
        db.execute("DROP TABLE tenant_2.orders");
        FleetResult resumed = fleet(db).parallel(1).retryFailed(true).build().up();
        assertThat(resumed.succeeded()).isTrue();
        assertThat(resumed.applied()).isEqualTo(8);
    }

    @Test
    void withContinueTheOthersGoOn(TestDatabase db) throws IOException {
        folder();
        tenants(db, 4);
        db.execute("CREATE TABLE tenant_1.orders (id int)");
        FleetResult result = fleet(db).parallel(2).onError(OnError.CONTINUE).build().up();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state())
                .containsExactly("tenant_1 FAILED", "tenant_2 DONE", "tenant_3 DONE", "tenant_4 DONE");
    }

    @Test
    void aFailingCanaryStartsNothingBeyondTheCanaryWave(TestDatabase db) throws IOException {
        folder();
        tenants(db, 5);
        db.execute("CREATE TABLE tenant_2.orders (id int)");
        FleetResult result = fleet(db).canary(2).onError(OnError.CONTINUE).parallel(4).build().up();
        assertThat(result.canaryFailed()).isTrue();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state())
                .containsExactly("tenant_1 DONE", "tenant_2 FAILED", "tenant_3 NOT_STARTED", "tenant_4 NOT_STARTED",
                        "tenant_5 NOT_STARTED");
        for (int i = 3; i <= 5; i++) {
            assertThat(db.tableExists("tenant_" + i + ".schema_migrations")).isFalse();
        }
    }

    @Test
    void workersShareTheTargetsAndEachMigrationRunsOncePerTarget(TestDatabase db) throws Exception {
        folder();
        tenants(db, 12);
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<FleetResult>> runs = new ArrayList<>();
            for (int w = 1; w <= 3; w++) {
                String name = "worker-" + w;
                runs.add(workers.submit(() -> fleet(db).worker(name).parallel(2).build().up()));
            }
            int applied = 0;
            for (Future<FleetResult> run : runs) {
                FleetResult result = run.get();
                assertThat(result.succeeded()).isTrue();
                applied += result.applied();
            }
            assertThat(applied).isEqualTo(24);
        } finally {
            workers.shutdownNow();
        }
        assertThat(db.column("SELECT tenant FROM public.runs")).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aTargetWhoseWorkerStoppedRenewingItsLeaseIsTakenOverOnceTheLeaseExpires(TestDatabase db) throws IOException {
        folder();
        tenants(db, 2);
        fleet(db).build().up();
        // tenant_2 as a worker left it that died mid-target: claimed for 1.5 s more, its schema not migrated
        db.execute("DROP SCHEMA tenant_2 CASCADE");
        db.execute("CREATE SCHEMA tenant_2");
        db.execute("UPDATE migrate_fleet SET state = 'running', worker = 'gone', finished_at = NULL, "
                + "lease_until = clock_timestamp() + interval '1500 milliseconds' WHERE target = 'schema:tenant_2'");
        FleetResult result = fleet(db).worker("survivor").build().up();
        assertThat(result.succeeded()).isTrue();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state() + " " + t.applied())
                .containsExactly("tenant_1 DONE 0", "tenant_2 DONE 2");
        assertThat(result.targets().get(1).attempts()).isEqualTo(2);
        assertThat(db.value("SELECT worker FROM migrate_fleet WHERE target = 'schema:tenant_2'")).isEqualTo("survivor");
    }

    @Test
    void aCancelledFleetLeavesNothingRunningOnTheServerAndReleasesItsClaims(TestDatabase db) throws Exception {
        folder();
        Files.writeString(dir.resolve("3_slow.up.sql"), "SELECT pg_sleep(CASE WHEN current_schema() = 'tenant_1' "
                + "AND NOT EXISTS (SELECT 1 FROM public.fast) THEN 60 ELSE 0 END);");
        db.execute("CREATE TABLE public.fast (ok boolean)");
        tenants(db, 3);
        Fleet fleet = fleet(db).parallel(1).build();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<FleetResult> run = worker.submit(fleet::up);
            db.whenRunning("SELECT pg_sleep(CASE", "SELECT 1").join();
            assertThat(fleet.cancel()).isTrue();
            FleetResult result = run.get();
            assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state())
                    .containsExactly("tenant_1 FAILED", "tenant_2 NOT_STARTED", "tenant_3 NOT_STARTED");
            assertThat(result.targets().get(0).error().orElseThrow()).contains("interrupted");
        } finally {
            worker.shutdownNow();
        }
        assertThat(db.value("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(CASE%' "
                + "AND state = 'active'")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM tenant_1.schema_migrations")).isEqualTo("2");
        assertThat(db.value("SELECT state || ' ' || (lease_until < clock_timestamp()) FROM migrate_fleet "
                + "WHERE target = 'schema:tenant_1'")).isEqualTo("running true");
        db.execute("INSERT INTO public.fast VALUES (true)");
        assertThat(fleet(db).build().up().succeeded()).isTrue();
        assertThat(db.value("SELECT count(*) FROM tenant_1.schema_migrations")).isEqualTo("3");
    }

    @Test
    void aTenantCreatedWhileTheFleetRunsIsMigratedToo(TestDatabase db) throws IOException {
        folder();
        // Created by tenant_1's run alone: two CREATE SCHEMA IF NOT EXISTS at the same moment may both try, one fail.
        Files.writeString(dir.resolve("3_late.up.sql"), "DO $$ BEGIN IF current_schema() = 'tenant_1' THEN "
                + "CREATE SCHEMA tenant_late; END IF; END $$;");
        tenants(db, 2);
        FleetResult result = fleet(db).build().up();
        assertThat(result.targets()).extracting(t -> t.target().name() + " " + t.state())
                .containsExactly("tenant_1 DONE", "tenant_2 DONE", "tenant_late DONE");
        assertThat(db.value("SELECT count(*) FROM tenant_late.schema_migrations")).isEqualTo("3");
    }

    @Test
    void aTableOfTheLedgersNameThatIsNotOneIsLeftAlone(TestDatabase db) throws IOException {
        folder();
        tenants(db, 1);
        db.execute("CREATE TABLE migrate_fleet (id int)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fleet(db).build().up())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the table migrate_fleet is not a fleet ledger of migrate's (it has the columns id), so "
                        + "it was left as it is. Give the ledger another name (-ledger-table, "
                        + "database.migrations.fleet.ledger-table)");
        assertThat(db.tableExists("tenant_1.schema_migrations")).isFalse();
    }

    private void folder() throws IOException {
        FleetFixture.folder(dir);
    }

    /**
     * The schemas tenant_1 to tenant_{count}, and public.runs, made here once: two CREATE TABLE IF NOT EXISTS at the
     * same moment may both try, and one fail.
     */
    private static void tenants(TestDatabase db, int count) {
        db.execute("CREATE TABLE IF NOT EXISTS public.runs (tenant text)");
        IntStream.rangeClosed(1, count).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
    }

    private FleetBuilder fleet(TestDatabase db) {
        return FleetFixture.fleet(db, dir);
    }
}
