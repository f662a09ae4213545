package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * golang-migrate sends a file to the server as it is and wraps nothing, so files that commit inside themselves
 * (a column's type changed in batches, a block and then CREATE INDEX CONCURRENTLY) are valid there. They run here
 * as they run there: without a transaction of migrate's, their history row dirty until they end. Tools that wrap
 * a file in their own transaction (SQLx, goose, ...) still have such a file refused before anything runs.
 */
class OwnTransactionsTest extends FolderTest {

    @Test
    void aGolangMigrateFileWithBlocksOfItsOwnRunsAsGolangMigrateRunsIt(TestDatabase db) {
        folder().file("000001_accounts.up.sql", "CREATE TABLE accounts (id int);\nINSERT INTO accounts VALUES (1), (2);")
                .file("000002_bigint.up.sql", """
                        BEGIN;
                        ALTER TABLE accounts ADD COLUMN id_new bigint;
                        UPDATE accounts SET id_new = id;
                        COMMIT;
                        BEGIN;
                        ALTER TABLE accounts DROP COLUMN id;
                        ALTER TABLE accounts RENAME COLUMN id_new TO id;
                        COMMIT;
                        CREATE INDEX CONCURRENTLY accounts_id ON accounts (id);
                        """)
                .file("000002_bigint.down.sql", "BEGIN;\nDROP INDEX accounts_id;\nCOMMIT;\nSELECT 1;\n");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).hasSize(2);
        assertThat(db.value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'accounts'::regclass AND attname = 'id'")).isEqualTo("bigint");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_id'")).isEqualTo("1");
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:false", "2:false");
        assertThat(migrator(db).rollback(1).rolledBack()).hasSize(1);
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'accounts_id'")).isEqualTo("0");
    }

    @Test
    void aBlockThatFailsIsRolledBackWholeAndTheVersionIsLeftDirty(TestDatabase db) {
        folder().file("000001_first.up.sql", """
                BEGIN;
                CREATE TABLE kept (id int);
                COMMIT;
                BEGIN;
                CREATE TABLE undone (id int);
                SELECT 1/0;
                COMMIT;
                CREATE TABLE never (id int);
                """);

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).migrate());

        assertThat(failed.error().line()).isEqualTo(6);
        assertThat(failed.error().sqlState()).isEqualTo("22012");
        assertThat(db.tableExists("kept")).isTrue();
        assertThat(db.tableExists("undone")).isFalse();
        assertThat(db.tableExists("never")).isFalse();
        assertThat(db.column("SELECT version || ':' || dirty FROM schema_migrations")).containsExactly("1:true");
        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(DirtyDatabaseException.class);
    }

    @Test
    void aFileWrappedWholeInOneBlockStillRunsInMigratesTransaction(TestDatabase db) {
        folder().file("000001_wrapped.up.sql", "BEGIN;\nCREATE TABLE half (id int);\nSELECT 1/0;\nCOMMIT;\n");

        MigrationFailedException failed = catchThrowableOfType(MigrationFailedException.class,
                () -> migrator(db).migrate());

        assertThat(failed).hasMessageContaining("It ran in a transaction that was rolled back");
        assertThat(db.tableExists("half")).isFalse();
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }

    @Test
    void anSqlxFileThatCommitsPartWayIsStillRefusedSinceSqlxWrapsIt(TestDatabase db) {
        folder().file("0001_first.sql", "CREATE TABLE first (id int);\n")
                .file("0002_commits.sql", "CREATE TABLE c (id int);\nCOMMIT;\nCREATE TABLE d (id int);\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("ends its transaction itself, at line 2");
        assertThat(db.tableExists("first")).isFalse();
    }
}
