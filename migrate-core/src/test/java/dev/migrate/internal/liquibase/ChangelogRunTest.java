package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.ChecksumMismatchException;
import dev.migrate.DirtyDatabaseException;
import dev.migrate.InvalidMigrationException;
import dev.migrate.LockTimeoutException;
import dev.migrate.MigrationFailedException;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run of a changelog refuses, waits for and leaves behind: a changed changeset named with both checksums,
 * a lock a Liquibase holds waited for and never broken, a claim left by a changeset without a transaction that
 * stopped part-way, rows recorded under another path; and concurrent runs that run each changeset once.
 */
@ExtendWith(PostgresExtension.class)
class ChangelogRunTest {

    static final String MASTER = "db/changelog/db.changelog-master.sql";

    @TempDir
    Path root;

    @Test
    void aChangedChangesetIsRefusedWithBothChecksumsAndNothingRuns(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        migrator(db).migrate();
        String stored = db.value("SELECT md5sum FROM databasechangelog");
        write("--changeset ops:1\nCREATE TABLE a (id bigint);\n--changeset ops:2\nCREATE TABLE b (id int);\n");
        String current = FormattedSqlChangelog.read(MASTER, MASTER, Files.readString(root.resolve(MASTER)),
                java.util.Map.of()).get(0).checksum();

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(ChecksumMismatchException.class)
                .hasMessage("Changeset " + MASTER + "::1::ops (line 2 of classpath:" + MASTER + ") has changed since "
                        + "it ran (Liquibase checksum " + stored + " -> " + current + "). Restore it as it was when it "
                        + "ran (for example with git checkout) and put the change in a new changeset; or, if the change "
                        + "is deliberate and already in the database, add '--validCheckSum: " + current + "' under its "
                        + "--changeset line, as Liquibase reads it. Nothing was run.");
        assertThat(db.tableExists("b")).isFalse();
        assertThat(db.value("SELECT count(*) FROM databasechangelog")).isEqualTo("1");

        write("--changeset ops:1\n--validCheckSum: " + current + "\nCREATE TABLE a (id bigint);\n"
                + "--changeset ops:2\nCREATE TABLE b (id int);\n");
        assertThat(migrator(db).migrate().applied()).hasSize(1);
        assertThat(db.tableExists("b")).isTrue();
    }

    @Test
    void aLockLiquibaseHoldsIsWaitedForAndNeverBroken(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        try (Connection held = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(held));
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            assertThat(lock.acquireLock()).isTrue();
            String holder = db.value("SELECT lockedby FROM databasechangeloglock");
            assertThatThrownBy(() -> migrator(db, Duration.ofSeconds(2)).migrate())
                    .isInstanceOf(LockTimeoutException.class)
                    .hasMessageContaining("waiting for Liquibase's lock (\"public\".databasechangeloglock), held by "
                            + holder + ". A Liquibase run is in progress")
                    .hasMessageContaining("migrate never breaks another tool's lock. Nothing was run.");
            assertThat(db.value("SELECT lockedby FROM databasechangeloglock WHERE locked")).isEqualTo(holder);
            assertThat(db.tableExists("a")).isFalse();

            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(1500);
                    lock.releaseLock();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            assertThat(migrator(db, Duration.ofMinutes(2)).migrate().applied()).hasSize(1);
            release.join();
        }
        assertThat(db.value("SELECT count(*) FROM databasechangeloglock WHERE locked")).isEqualTo("0");
    }

    @Test
    void aLockADeadMigrateLeftIsTakenOver(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        try (Connection connection = db.dataSource().getConnection()) {
            LiquibaseTables.in(connection, "public").create(connection);
        }
        db.execute("UPDATE databasechangeloglock SET locked = TRUE, lockgranted = now(), "
                + "lockedby = 'migrate (pid 4242) from 10.0.0.9, session 99999@1700000000000000'");
        assertThat(migrator(db, Duration.ofSeconds(5)).migrate().applied()).hasSize(1);
        assertThat(db.value("SELECT count(*) FROM databasechangeloglock WHERE locked")).isEqualTo("0");
    }

    @Test
    void aChangesetWithoutATransactionThatFailsPartWayStaysClaimedUntilSomeoneLooks(TestDatabase db)
            throws Exception {
        write("--changeset ops:1 runInTransaction:false\nCREATE TABLE a (id int);\nCREATE TABLE a (id int);\n");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("Changeset " + MASTER + "::1::ops (line 2 of classpath:" + MASTER + ") failed")
                .hasMessageContaining("(SQLSTATE 42P07)")
                .hasMessageContaining("the changeset stays claimed, so that nothing runs it again unseen. Check which "
                        + "of its statements took effect and undo them, then run it again once its claim is gone: "
                        + "DELETE FROM \"public\".migrate_changelog_claims WHERE filename = '" + MASTER + "' AND id = "
                        + "'1' AND author = 'ops';");
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.value("SELECT count(*) FROM databasechangelog")).isEqualTo("0");

        write("--changeset ops:1 runInTransaction:false\nCREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(DirtyDatabaseException.class)
                .hasMessageContaining("Changeset " + MASTER + "::1::ops (line 2 of classpath:" + MASTER + ") was "
                        + "started without a transaction (runInTransaction:false) at ")
                .hasMessageContaining("Nothing was run. Check which of its statements took effect: undo them and drop "
                        + "the claim to run it again (DELETE FROM \"public\".migrate_changelog_claims WHERE filename = '"
                        + MASTER + "' AND id = '1' AND author = 'ops';)");
        assertThat(db.tableExists("b")).isFalse();

        db.execute("DROP TABLE a");
        db.execute("DELETE FROM migrate_changelog_claims WHERE filename = '" + MASTER + "' AND id = '1' AND author = "
                + "'ops'");
        assertThat(migrator(db).migrate().applied()).hasSize(1);
        assertThat(db.tableExists("b")).isTrue();
        assertThat(db.tableExists("migrate_changelog_claims")).as("dropped once empty").isFalse();
    }

    @Test
    void rowsRecordedFromAnotherRootAreRefusedRatherThanRunAgain(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        migrator(db).migrate();
        db.execute("UPDATE databasechangelog SET filename = 'src/main/resources/' || filename");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("has the changeset " + MASTER + "::1::ops (line 2), which databasechangelog "
                        + "records as run from 'src/main/resources/" + MASTER + "': the changelog is read from another "
                        + "root than when it ran, so Liquibase would run it again.")
                .hasMessageContaining("Nothing was run.");
        assertThat(db.value("SELECT count(*) FROM databasechangelog")).isEqualTo("1");
    }

    @Test
    void aHistoryUnderAnotherNameIsRefusedRatherThanEverythingRunAgain(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        migrator(db).migrate();
        db.execute("ALTER TABLE databasechangelog RENAME TO app_changelog");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Liquibase changelog classpath:" + MASTER + " has no databasechangelog in schema public to "
                        + "go by, but app_changelog there has the columns of Liquibase's history: a history kept under "
                        + "another name (spring.liquibase.database-change-log-table), which migrate does not read. "
                        + "Rename it and its lock table to databasechangelog and databasechangeloglock, or give the "
                        + "schema that holds them. Nothing was run.");
        assertThat(db.tableExists("databasechangelog")).isFalse();
    }

    @Test
    void theSchemaHoldsLiquibasesTablesAndComesFirstForTheChanges(TestDatabase db) throws Exception {
        write("--changeset ops:1\nCREATE TABLE a (id int);\n");
        db.execute("CREATE SCHEMA app");
        new ChangelogFolder(root).migrator(db, MASTER).schema("app").build().migrate();
        assertThat(db.value("SELECT count(*) FROM app.databasechangelog")).isEqualTo("1");
        assertThat(db.value("SELECT to_regclass('app.a') IS NOT NULL")).isEqualTo("t");
        assertThat(db.tableExists("databasechangelog")).isFalse();
    }

    @Test
    void runsStartedTogetherRunEachChangesetOnce(TestDatabase db) throws Exception {
        StringBuilder changelog = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            changelog.append("--changeset ops:").append(i).append(i == 7 ? " runInTransaction:false" : "")
                    .append("\nCREATE TABLE t").append(i).append(" (id int);\n");
        }
        write(changelog.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> run = () -> migrator(db, Duration.ofMinutes(2)).migrate().applied().size();
                runs.add(pool.submit(run));
            }
            int applied = 0;
            for (Future<Integer> run : runs) {
                applied += run.get();
            }
            assertThat(applied).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.column("SELECT id || ':' || count(*) FROM databasechangelog GROUP BY id")).hasSize(20)
                .allMatch(row -> row.endsWith(":1"));
        assertThat(db.column("SELECT orderexecuted::text FROM databasechangelog ORDER BY 1::int")).hasSize(20)
                .doesNotHaveDuplicates();
    }

    private void write(String changeSets) {
        new ChangelogFolder(root).write(MASTER, "--liquibase formatted sql\n" + changeSets);
    }

    private Migrator migrator(TestDatabase db) {
        return migrator(db, Duration.ofSeconds(30));
    }

    private Migrator migrator(TestDatabase db, Duration lockTimeout) {
        return new ChangelogFolder(root).migrator(db, MASTER).lockTimeout(lockTimeout).build();
    }
}
