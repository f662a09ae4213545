package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/** A folder holding SQL files of which none was read as a migration is never reported "up to date". */
class UnreadFolderTest extends FolderTest {

    @Test
    void aPrismaMigrateFolderIsRefusedSayingWhatItLooksLike(TestDatabase db) {
        folder().file("20240105093000_init/migration.sql", "CREATE TABLE accounts (id int);")
                .file("20240212141500_orders/migration.sql", "CREATE TABLE orders (id int);")
                .file("migration_lock.toml", "provider = \"postgresql\"\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("No migration was read from " + dir + ", although it holds 2 .sql files "
                        + "(20240105093000_init/migration.sql, 20240212141500_orders/migration.sql): they are laid out "
                        + "as Prisma Migrate lays out its migrations (a folder per migration holding migration.sql), "
                        + "which is not a layout migrate reads. migrate reads the layouts of golang-migrate, SQLx, "
                        + "Atlas, diesel, goose, sql-migrate, dbmate and Flyway (see docs/moving-from.md). Nothing was "
                        + "run. Point -path at the folder of the migrations themselves, or name their layout (-layout).");
        assertThatThrownBy(() -> migrator(db).status()).isInstanceOf(InvalidMigrationException.class);
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void aFolderOfSqlFilesNamedAsNoMigrationIsRefused(TestDatabase db) {
        folder().file("schema.sql", "CREATE TABLE accounts (id int);").file("seed.sql", "INSERT INTO accounts VALUES (1);");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("although it holds 2 .sql files (schema.sql, seed.sql): they are named as no "
                        + "migration of golang-migrate is named");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS) // a guard against a hang
    void aNamedPipeNamedLikeAMigrationIsRefusedNotReadForever(TestDatabase db) throws Exception {
        folder().file("000001_accounts.up.sql", "CREATE TABLE accounts (id int);");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("000002_pipe.up.sql").toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration " + dir.resolve("000002_pipe.up.sql") + " is not a regular file (a named pipe, "
                        + "a socket or a device), so migrate does not read it: reading a pipe waits for a writer that "
                        + "may never come. Nothing was run. Move it out of the migration folder, or replace it with the "
                        + "file itself.");
        assertThat(db.tableExists("accounts")).isFalse();
    }

    @Test
    void anEmptyFolderHasNothingToDo(TestDatabase db) {
        folder().file("README.md", "migrations go here\n");

        assertThat(migrator(db).migrate().upToDate()).isTrue();
    }
}
