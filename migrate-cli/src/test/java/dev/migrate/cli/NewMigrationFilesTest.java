package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewMigrationFilesTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2025-06-03T12:00:00Z"), ZoneOffset.UTC);

    private NewMigrationFiles.Created create(String name, NewMigrationFiles.Numbering numbering) {
        return NewMigrationFiles.create(dir, name, numbering, 0, "sql", clock);
    }

    @Test
    void startsAnEmptyFolderAtSixDigits() {
        NewMigrationFiles.Created created = create("add_orders_table", NewMigrationFiles.Numbering.SEQUENTIAL);

        assertThat(created.up().getFileName()).hasToString("000001_add_orders_table.up.sql");
        assertThat(created.down().getFileName()).hasToString("000001_add_orders_table.down.sql");
        assertThat(created.up()).isEmptyFile();
    }

    @Test
    void continuesTheFoldersNumberingAndWidth() throws Exception {
        Files.writeString(dir.resolve("001_create_events_table.sql"), "");
        Files.writeString(dir.resolve("009_more.up.sql"), "");

        assertThat(create("read models", NewMigrationFiles.Numbering.SEQUENTIAL).up().getFileName())
                .hasToString("010_read_models.up.sql");
    }

    @Test
    void namesTimestampedFilesInUtc() {
        assertThat(create("add_stock", NewMigrationFiles.Numbering.TIMESTAMP).version())
                .isEqualTo(new Version(20250603120000L));
    }

    @Test
    void neverOverwritesAnExistingVersion() {
        create("first", NewMigrationFiles.Numbering.TIMESTAMP);

        assertThatThrownBy(() -> create("second", NewMigrationFiles.Numbering.TIMESTAMP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a migration with version 20250603120000 already exists in " + dir);
    }

    @Test
    void refusesNamesThatCouldLeaveTheFolder() {
        for (String name : new String[] {"../evil", "a/b", "a\\b", "", "  "}) {
            assertThatThrownBy(() -> create(name, NewMigrationFiles.Numbering.SEQUENTIAL))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir).isEmptyDirectory();
    }
}
