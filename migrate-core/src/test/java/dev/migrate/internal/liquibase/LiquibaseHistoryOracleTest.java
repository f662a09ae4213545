package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.lockservice.LockService;
import liquibase.lockservice.LockServiceFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Liquibase 4.33.0 updates a database from a formatted SQL changelog written here; its {@code databasechangelog}
 * is read back, and every row is the changeset's we read from the same file, checksum included. A changeset edited
 * afterwards is not accepted, and a lock a running Liquibase holds is seen.
 */
@ExtendWith(PostgresExtension.class)
class LiquibaseHistoryOracleTest {

    private static final String PATH = "db/changelog/db.changelog-master.sql";

    @TempDir
    Path dir;

    @Test
    void everyRowLiquibaseWroteIsTheChangesetWeReadAndAnEditIsSeen(TestDatabase db) throws Exception {
        String text = """
                --liquibase formatted sql
                --property name:owner value:ops

                --changeset ${owner}:1
                CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
                --rollback DROP TABLE accounts;

                --changeset ops:2 runOnChange:true
                CREATE OR REPLACE VIEW account_names AS SELECT name FROM accounts;

                --changeset ops:3 runInTransaction:false
                CREATE INDEX CONCURRENTLY accounts_name ON accounts (name);

                --changeset ops:4 logicalFilePath:legacy/old.sql
                --validCheckSum: 9:00000000000000000000000000000000
                INSERT INTO accounts VALUES (1, 'first');
                """;
        write(text);
        update(db);

        List<LiquibaseChangeSet> read = FormattedSqlChangelog.read(PATH, PATH, text, Map.of());
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(LiquibaseHistory.present(connection, "public")).isTrue();
            List<LiquibaseHistory.Ran> rows = LiquibaseHistory.read(connection, "public");
            assertThat(rows).extracting(LiquibaseHistory.Ran::key).containsExactly(
                    PATH + "::1::ops", PATH + "::2::ops", PATH + "::3::ops", "legacy/old.sql::4::ops");
            assertThat(rows).extracting(LiquibaseHistory.Ran::execType).containsOnly("EXECUTED");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(read.get(i).path() + "::" + read.get(i).id() + "::" + read.get(i).author())
                        .isEqualTo(rows.get(i).key());
                assertThat(rows.get(i).checksum()).contains(read.get(i).checksum());
                assertThat(read.get(i).accepts(rows.get(i).checksum().orElseThrow())).contains(true);
            }
            assertThat(LiquibaseHistory.lockedBy(connection, "public")).isEmpty();
        }

        List<LiquibaseChangeSet> edited = FormattedSqlChangelog.read(PATH, PATH, text.replace("(1, 'first')",
                "(1, 'changed')").replace("SELECT name", "SELECT id, name"), Map.of());
        try (Connection connection = db.dataSource().getConnection()) {
            List<LiquibaseHistory.Ran> rows = LiquibaseHistory.read(connection, "public");
            assertThat(edited.get(0).accepts(rows.get(0).checksum().orElseThrow())).contains(true);
            assertThat(edited.get(1).accepts(rows.get(1).checksum().orElseThrow())).as("changed, runs on change")
                    .contains(false);
            assertThat(edited.get(3).accepts(rows.get(3).checksum().orElseThrow())).as("changed").contains(false);
            assertThat(read.get(3).accepts(read.get(3).checksumVersion8())).as("as Liquibase 4.21 wrote it")
                    .contains(true);
            assertThat(edited.get(3).accepts(read.get(3).checksumVersion8())).as("changed since 4.21").contains(false);
            assertThat(edited.get(3).accepts("7:0123456789abcdef0123456789abcdef")).as("a version 7 sum").isEmpty();
            assertThat(edited.get(3).accepts("9:00000000000000000000000000000000")).as("its valid checksum")
                    .contains(true);
            assertThat(edited.get(3).accepts(null)).as("cleared").contains(true);
        }
    }

    @Test
    void aLockARunningLiquibaseHoldsIsSeen(TestDatabase db) throws Exception {
        write("--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
        update(db);
        try (Connection held = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(held));
            LockService lock = LockServiceFactory.getInstance().getLockService(database);
            assertThat(lock.acquireLock()).isTrue();
            try (Connection connection = db.dataSource().getConnection()) {
                Optional<String> by = LiquibaseHistory.lockedBy(connection, "public");
                assertThat(by).isPresent();
                assertThat(by.orElseThrow()).contains(" since ");
            } finally {
                lock.releaseLock();
            }
        }
        try (Connection connection = db.dataSource().getConnection()) {
            assertThat(LiquibaseHistory.lockedBy(connection, "public")).isEmpty();
        }
    }

    private void write(String text) throws Exception {
        Path file = dir.resolve(PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void update(TestDatabase db) throws Exception {
        try (Connection connection = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(dir),
                    Scope.Attr.ui.name(), new LoggerUIService()), () -> new CommandScope("update")
                    .addArgumentValue("changelogFile", PATH).addArgumentValue("database", database).execute());
        }
    }
}
