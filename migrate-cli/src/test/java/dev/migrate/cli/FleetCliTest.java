package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate fleet up|status} as users type them, against schemas and databases of a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class FleetCliTest {

    @TempDir
    Path dir;

    private TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) throws IOException {
        this.db = db;
        Files.writeString(dir.resolve("000001_orders.up.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("000002_lines.up.sql"),
                "SELECT pg_sleep(0.05);\nCREATE TABLE lines (order_id bigint REFERENCES orders);");
    }

    private CliRun.Result migrate(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-path";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CliRun().env("DATABASE_URL", db.jdbcUrlWithCredentials()).run(all);
    }

    @Test
    void upMigratesEverySchemaAndStatusSaysTheyAreCurrent() {
        IntStream.rangeClosed(1, 3).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));

        CliRun.Result plan = migrate("fleet", "plan", "-schemas", "tenant_%");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).startsWith("3 of 3 targets have migrations to apply, 6 in all")
                .contains("tenant_3  2 to apply: 1, 2");
        CliRun.Result behind = migrate("fleet", "status", "-schemas", "tenant_%");
        assertThat(behind.exitCode()).isEqualTo(9);
        assertThat(behind.out()).startsWith("0 dirty, 0 failed, 0 in progress, 3 behind, 0 current (3 targets, 2 "
                + "migrations)").contains("tenant_1  behind  version none, 2 pending");

        CliRun.Result up = migrate("fleet", "up", "-schemas", "tenant_%", "-parallel", "2");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).startsWith("3 done, 0 failed, 0 by another worker, 0 not started; 6 migrations "
                + "applied by this process").contains("tenant_2  done  applied 2, at version 2");
        for (int i = 1; i <= 3; i++) {
            assertThat(db.column("SELECT version FROM tenant_" + i + ".schema_migrations ORDER BY 1"))
                    .containsExactly("1", "2");
        }
        assertThat(migrate("fleet", "plan", "-schemas", "tenant_%", "-json").out()).contains("\"toApply\" : 0")
                .contains("\"targetVersion\" : 2");
        CliRun.Result current = migrate("fleet", "status", "-schemas", "tenant_%", "-json");
        assertThat(current.exitCode()).isZero();
        assertThat(current.out()).contains("\"current\" : 3").contains("\"target\" : \"tenant_3\"")
                .contains("\"state\" : \"current\"");
    }

    @Test
    void aFailedTargetIsExitOneWithItsFileAndSqlState() {
        IntStream.rangeClosed(1, 2).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        db.execute("CREATE TABLE tenant_1.orders (id int)");

        CliRun.Result up = migrate("fleet", "up", "-schemas", "tenant_1,tenant_2", "-on-error", "continue");
        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.out()).contains("tenant_1  failed  Migration 1 (orders) failed at line 1 of ")
                .contains("000001_orders.up.sql").contains("42P07").contains("tenant_2  done")
                .contains("failed in this release: schema:tenant_1. Fix the cause, then run fleet up -retry-failed");
        CliRun.Result status = migrate("fleet", "status", "-schemas", "tenant_1,tenant_2");
        assertThat(status.exitCode()).isEqualTo(1);
    }

    @Test
    void databasesOnTheServerOfTheDatabaseAreTargetsToo() {
        try (TestDatabase one = TestPostgres.createDatabase(); TestDatabase two = TestPostgres.createDatabase()) {
            CliRun.Result up = migrate("fleet", "up", "-databases", one.name() + "," + two.name());
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
            assertThat(one.column("SELECT version FROM schema_migrations ORDER BY 1")).containsExactly("1", "2");
            assertThat(two.column("SELECT version FROM schema_migrations ORDER BY 1")).containsExactly("1", "2");
            assertThat(db.tableExists("schema_migrations")).isFalse();
            assertThat(db.column("SELECT target FROM migrate_fleet ORDER BY 1"))
                    .containsExactly("database:" + one.name(), "database:" + two.name());
        }
    }

    @Test
    void neverOpensMoreConnectionsThanAllowed() throws Exception {
        IntStream.rangeClosed(1, 12).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger most = new AtomicInteger();
        Thread counter = new Thread(() -> {
            while (running.get()) {
                int now = Integer.parseInt(db.value("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                        + "AND application_name = 'migrate'", db.name()));
                most.accumulateAndGet(now, Math::max);
            }
        });
        counter.start();
        try {
            CliRun.Result up = migrate("fleet", "up", "-schemas", "tenant_%", "-parallel", "8", "-connections", "5");
            assertThat(up.exitCode()).as(up.err()).isZero();
        } finally {
            running.set(false);
            counter.join();
        }
        assertThat(most.get()).isBetween(1, 5);
    }

    @Test
    void aDatabaseThatRefusesTheLoginIsExitSixAtOnce() {
        db.execute("CREATE SCHEMA tenant_1");
        String noSuchDatabase = db.jdbcUrlWithCredentials().replace("/" + db.name(), "/no_such_database_here");
        CliRun.Result refused = new CliRun().run("-path", dir.toString(), "-database", noSuchDatabase, "fleet",
                "up", "-schemas", "tenant_%");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(6);
        assertThat(db.tableExists("migrate_fleet")).isFalse();
    }

    @Test
    void aFleetNeedsExactlyOneKindOfTargets() {
        assertThat(migrate("fleet", "up").err())
                .contains("fleet needs one of -schemas, -schemas-query, -databases or -databases-query");
        CliRun.Result two = migrate("fleet", "up", "-schemas", "a", "-databases", "b");
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("not 2 of them");
        assertThat(migrate("fleet", "up", "-schemas", "a", "-on-error", "pause").err())
                .contains("-on-error must be stop or continue, was 'pause'");
        CliRun.Result missing = migrate("fleet", "up", "-schemas", "no_such_schema");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("the fleet names schemas that do not exist: no_such_schema");
        assertThat(migrate("fleet", "up", "-schemas", "a", "-connections", "2").err())
                .contains("a fleet needs at least 3 connections");
    }
}
