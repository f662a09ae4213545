package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run keeps few scripts' text (a few megabytes' worth), so a large script is read again for its turn: if its file
 * changed since the run checked it, it does not run, and the error says what this run did before it. The scripts
 * here are 9 MB each, so that none is still kept when its turn comes.
 */
@ExtendWith(PostgresExtension.class)
class ChangedWhileRunningTest {

    @TempDir
    Path dir;

    private MigrationFolder folder;

    @BeforeEach
    void writeFolder() {
        folder = new MigrationFolder(dir);
        for (int i = 1; i <= 3; i++) {
            folder.file(name(i), LargeScript.text(i, 9, i));
        }
    }

    @Test
    void aScriptChangedAfterOthersWereAppliedIsNotRunAndTheRunSaysWhatItApplied(TestDatabase db) throws Exception {
        String edited = LargeScript.text(3, 9, 33);
        MigrationListener editor = new MigrationListener() {
            @Override
            public void migrationApplied(Migration migration, AppliedMigration applied) {
                if (migration.version().equals(new Version(1))) {
                    folder.file(name(3), edited);
                }
            }
        };
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(editor).build();

        assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
                .hasMessage("Migration 3 (load_3) was not run. Migration " + folder.display(name(3)) + " changed while "
                        + "migrate was running: its checksum was " + sha256(LargeScript.text(3, 9, 3)) + " when the "
                        + "run first read it and is " + sha256(edited) + " now. Nothing of it was run, so that the "
                        + "history never records one text while another ran. Leave the migration files alone while a "
                        + "run is under way (a checkout, a build or an editor saving into the folder?), check the "
                        + "change, and run the migrations again. This run applied 2 migrations before it (up to "
                        + "version 2); they stay applied.")
                .satisfies(e -> assertThat(((MigrationFailedException) e).error()).isNull());
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(db.tableExists("loaded_3")).isFalse();

        assertThat(migrator.migrate().applied()).extracting(AppliedMigration::checksum)
                .containsExactly(sha256(edited));
        assertThat(db.value("SELECT id FROM loaded_3")).isEqualTo("33");
    }

    @Test
    void aDownScriptChangedAfterAnotherRolledBackIsNotRun(TestDatabase db) {
        for (int i = 1; i <= 3; i++) {
            folder.file(String.format("%06d_load_%d.down.sql", i, i), LargeScript.down(i, 9));
        }
        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();
        MigrationListener editor = new MigrationListener() {
            @Override
            public void migrationRolledBack(Migration migration, Duration duration) {
                folder.file("000002_load_2.down.sql", LargeScript.down(2, 9) + "SELECT 1;\n");
            }
        };
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(editor).build();

        assertThatThrownBy(() -> migrator.rollback(2)).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("Rollback of migration 2 (load_2) was not run. Migration "
                        + folder.display("000002_load_2.down.sql") + " changed while migrate was running")
                .hasMessageEndingWith(" This run rolled back 1 migration before it (the last one version 3); they "
                        + "stay rolled back.");
        assertThat(db.column("SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
        assertThat(db.tableExists("loaded_2")).isTrue();
        assertThat(db.tableExists("loaded_3")).isFalse();
    }

    @Test
    void aScriptChangedBeforeTheFirstRanChangesNothing(TestDatabase db) {
        MigrationListener editor = new MigrationListener() {
            @Override
            public void lockAcquired(Duration waited) {
                folder.file(name(1), LargeScript.text(1, 9, 11));
            }
        };
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(editor).build();

        assertThatThrownBy(migrator::migrate).isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Migration " + folder.display(name(1)) + " changed while migrate was running")
                .hasMessageContaining("Nothing of it was run");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
        assertThat(db.tableExists("loaded_1")).isFalse();
    }

    private static String name(int number) {
        return String.format("%06d_load_%d.up.sql", number, number);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
