package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.internal.source.FolderSource;
import dev.migrate.internal.source.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding migrations in folders and on the classpath; no database needed. */
class DiscoveryTest {

    @TempDir
    Path dir;

    private List<Migration> load(String... locations) {
        return load(getClass().getClassLoader(), locations);
    }

    private List<Migration> load(ClassLoader loader, String... locations) {
        return new FolderSource(List.of(locations).stream().map(Location::parse).toList(), loader).load();
    }

    private MigrationFolder folder() {
        return new MigrationFolder(dir);
    }

    @Test
    void pairsGolangMigrateUpAndDownFilesByVersion() {
        folder().file("000001_create_users.up.sql", "CREATE TABLE users ();")
                .file("000001_create_users.down.sql", "DROP TABLE users;")
                .file("000002_seed.up.sql", "SELECT 1;");

        List<Migration> migrations = load("filesystem:" + dir);

        assertThat(migrations).extracting(Migration::label).containsExactly("1 (create_users)", "2 (seed)");
        assertThat(migrations.get(0).down()).map(Script::sql).contains("DROP TABLE users;");
        assertThat(migrations.get(1).down()).isEmpty();
    }

    @Test
    void readsUpOnlyFilesAsSqlxAndAtlasWriteThem() {
        folder().file("20250603120000_add_stock_movements.sql", "SELECT 1;")
                .file("001_create_events_table.sql", "SELECT 2;");

        assertThat(load(dir.toString())).extracting(Migration::label)
                .containsExactly("1 (create_events_table)", "20250603120000 (add_stock_movements)");
    }

    @Test
    void ordersVersionsNumericallyNotAlphabetically() {
        folder().file("10_ten.sql", "").file("9_nine.sql", "").file("0100_hundred.sql", "").file("011_eleven.sql", "");

        assertThat(load("file://" + dir)).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(9L, 10L, 11L, 100L);
    }

    @Test
    void ignoresFilesThatAreNotSql() {
        // atlas.sum is not ignored: where present it is verified (see LayoutsTest).
        folder().file("1_one.sql", "").file("README.md", "# notes").file(".2_editor_backup.sql", "")
                .file("notes.txt", "").file("seeds/dev_data.sql", "SELECT 1;");

        assertThat(load(dir.toString())).extracting(Migration::label).containsExactly("1 (one)");
    }

    @Test
    void rejectsTwoFilesWithOneVersionNamingBoth() {
        folder().file("1_a.up.sql", "").file("01_b.sql", "");

        assertThatThrownBy(() -> load(dir.toString()))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Version 1 is used by more than one migration: " + dir.resolve("01_b.sql") + ", "
                        + dir.resolve("1_a.up.sql") + ". Give each migration its own version (rename one of them).")
                .extracting(e -> ((InvalidMigrationException) e).files()).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).hasSize(2);
    }

    @Test
    void rejectsADownFileWithoutItsUpFile() {
        folder().file("1_a.up.sql", "").file("2_b.down.sql", "");

        assertThatThrownBy(() -> load(dir.toString()))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Down migration " + dir.resolve("2_b.down.sql") + " has no matching up migration. Add "
                        + "the .up.sql file with the same version, or remove the down file.");
    }

    @Test
    void ignoresSqlFilesThatAreNotMigrationsAsGolangMigrateDoes() {
        folder().file("000001_users.up.sql", "CREATE TABLE users (id int);").file("schema.sql", "-- a dump")
                .file("add_users.sql", "");

        assertThat(load(dir.toString())).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(1L);
    }

    @Test
    void refusesAnSqlxNameWhoseVersionIsNotANumberAsSqlxDoes() {
        folder().file("1_init.sql", "CREATE TABLE users (id int);").file("schema.sql", "-- ignored, as SQLx does")
                .file("add_users.sql", "");

        assertThatThrownBy(() -> load(dir.toString()))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Cannot read a version from " + dir.resolve("add_users.sql") + ": it does "
                        + "not start with a version number followed by '_'. Name migrations");
    }

    @Test
    void rejectsAVersionTooLargeForTheHistoryTable() {
        folder().file("99999999999999999999_huge.sql", "");

        assertThatThrownBy(() -> load(dir.toString()))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("version 99999999999999999999 is larger than 9223372036854775807");
    }

    @Test
    void rejectsALocationThatDoesNotExist() {
        assertThatThrownBy(() -> load("classpath:db/nowhere"))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration location classpath:db/nowhere does not exist. Create it, or point the "
                        + "locations at the folder that holds the migrations.");
        assertThatThrownBy(() -> load("filesystem:" + dir.resolve("missing")))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Migration location " + dir.resolve("missing") + " (");
    }

    @Test
    void findsMigrationsInAClasspathFolder() {
        List<Migration> migrations = load("classpath:db/classpath-sample");

        assertThat(migrations).extracting(Migration::label).containsExactly("1 (first)", "2 (second)");
        assertThat(migrations.get(0).up().name()).isEqualTo("classpath:db/classpath-sample/1_first.up.sql");
        assertThat(migrations.get(0).up().sql()).contains("CREATE TABLE first");
    }

    @Test
    void findsMigrationsInsideAJar() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migrations/"));
            write(out, "db/migrations/000002_second.up.sql", "SELECT 2;");
            write(out, "db/migrations/000001_first.up.sql", "SELECT 1;");
            write(out, "db/migrations/000001_first.down.sql", "SELECT -1;");
            write(out, "db/migrations/nested/000003_not_scanned.sql", "SELECT 3;");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Migration> migrations = load(loader, "classpath:db/migrations");

            assertThat(migrations).extracting(Migration::label).containsExactly("1 (first)", "2 (second)");
            assertThat(migrations.get(0).up().sql()).isEqualTo("SELECT 1;");
            assertThat(migrations.get(0).down()).map(Script::sql).contains("SELECT -1;");
        }
    }

    @Test
    void readsNoFileUntilItsScriptIsNeeded() {
        folder().bytes("1_broken.up.sql", new byte[] {(byte) 0xC3, (byte) 0x28})
                .bytes("1_broken.down.sql", new byte[] {(byte) 0xC3, (byte) 0x28});

        Migration migration = load(dir.toString()).get(0);

        assertThatThrownBy(() -> migration.up().sql())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration " + dir.resolve("1_broken.up.sql") + " is not valid UTF-8: line 1 has the byte "
                        + "0xC3, which UTF-8 does not allow there. Save it as UTF-8.");
    }

    private static void write(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
