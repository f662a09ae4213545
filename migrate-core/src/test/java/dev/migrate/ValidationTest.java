package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValidationTest extends FolderTest {

    @Test
    void refusesToRunWhenAnAppliedFileChanged(TestDatabase db) {
        folder().file("1_users.sql", "CREATE TABLE users (id int);");
        migrator(db).migrate();
        String applied = db.value("SELECT checksum FROM schema_migrations");
        folder().file("1_users.sql", "CREATE TABLE users (id bigint);").file("2_more.sql", "CREATE TABLE more ();");

        ChecksumMismatchException failure = catchThrowableOfType(ChecksumMismatchException.class,
                () -> migrator(db).migrate());

        assertThat(failure.version()).isEqualTo(new Version(1));
        assertThat(failure.appliedChecksum()).isEqualTo(applied);
        assertThat(failure.currentChecksum()).isNotEqualTo(applied).hasSize(64);
        assertThat(failure).hasMessage("Migration 1 (users) was applied, but its file " + dir.resolve("1_users.sql")
                + " has changed since (checksum " + applied + " -> " + failure.currentChecksum() + "). Restore the "
                + "file as it was when applied (for example with git checkout), and put the change in a new migration.");
        assertThat(db.tableExists("more")).isFalse();
    }

    @Test
    void aCrlfCopyOfAnAppliedFileIsNotAChange(TestDatabase db) {
        folder().file("1_users.sql", "-- users\nCREATE TABLE users (\n  id int\n);\n");
        migrator(db).migrate();
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = "-- users\r\nCREATE TABLE users (\r\n  id int\r\n);\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + crlf.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(crlf, 0, both, bom.length, crlf.length);
        folder().bytes("1_users.sql", both);

        assertThat(migrator(db).validate().valid()).isTrue();
        assertThat(migrator(db).migrate().upToDate()).isTrue();
    }

    @Test
    void refusesToRunWhenAnAppliedFileIsGone(TestDatabase db) {
        folder().file("1_users.sql", "CREATE TABLE users (id int);").file("2_orders.sql", "CREATE TABLE orders ();");
        migrator(db).migrate();
        folder().delete("2_orders.sql").file("3_more.sql", "CREATE TABLE more ();");

        MissingMigrationException failure = catchThrowableOfType(MissingMigrationException.class,
                () -> migrator(db).migrate());

        assertThat(failure.version()).isEqualTo(new Version(2));
        assertThat(failure.getMessage()).matches("Migration 2 \\(orders\\) was applied \\(.+\\), but no file for "
                + "version 2 is in " + dir + "\\. Restore the file \\(for example with git checkout\\), or point the "
                + "locations at the folder that has it\\.");
        assertThat(db.tableExists("more")).isFalse();
    }

    @Test
    void refusesAPendingVersionBelowTheHighestApplied(TestDatabase db) {
        folder().file("1_users.sql", "CREATE TABLE users ();").file("3_orders.sql", "CREATE TABLE orders ();");
        migrator(db).migrate();
        folder().file("2_late.sql", "CREATE TABLE late ();");

        OutOfOrderMigrationException failure = catchThrowableOfType(OutOfOrderMigrationException.class,
                () -> migrator(db).migrate());

        assertThat(failure.highestApplied()).isEqualTo(new Version(3));
        assertThat(failure).hasMessage("Migration 2 (late) (" + dir.resolve("2_late.sql") + ") is pending, but version "
                + "3 is already applied and migrations run in version order. Rename the file to a version above 3, or "
                + "allow out-of-order migrations if it does not depend on the later ones.");
        assertThat(db.tableExists("late")).isFalse();
    }

    @Test
    void appliesALateMigrationWhenOutOfOrderIsAllowed(TestDatabase db) {
        folder().file("1_users.sql", "CREATE TABLE users ();").file("3_orders.sql", "CREATE TABLE orders ();");
        migrator(db).migrate();
        folder().file("2_late.sql", "CREATE TABLE late ();");

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString()).outOfOrder(true).build()
                .migrate();

        assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly(new Version(2));
        assertThat(result.version()).contains(new Version(3));
    }

    @Test
    void skipsFileChecksWhenValidateOnMigrateIsOff(TestDatabase db) {
        folder().file("1_users.sql", "CREATE TABLE users ();");
        migrator(db).migrate();
        folder().file("1_users.sql", "CREATE TABLE users (changed int);").file("2_more.sql", "CREATE TABLE more ();");

        Migrator.builder(db.dataSource()).locations(dir.toString()).validateOnMigrate(false).build().migrate();

        assertThat(db.tableExists("more")).isTrue();
    }

    @Test
    void validateListsEveryProblemDirtyFirstWithoutChangingAnything(TestDatabase db) {
        folder().file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE b ();")
                .file("4_d.sql", "CREATE TABLE d ();");
        migrator(db).migrate();
        db.execute("UPDATE schema_migrations SET dirty = true WHERE version = 4");
        folder().file("1_a.sql", "CREATE TABLE a (x int);").delete("2_b.sql").file("3_c.sql", "CREATE TABLE c ();");

        ValidationResult result = migrator(db).validate();

        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(Object::getClass).containsExactly(DirtyDatabaseException.class,
                ChecksumMismatchException.class, MissingMigrationException.class, OutOfOrderMigrationException.class);
        assertThat(db.tableExists("c")).isFalse();
    }

    @Test
    void statusShowsEachMigrationsState(TestDatabase db) {
        folder().file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE b ();")
                .file("3_c.sql", "CREATE TABLE c ();");
        migrator(db).migrate();
        folder().file("2_b.sql", "CREATE TABLE b (x int);").delete("3_c.sql").file("4_d.sql", "SELECT 1;");

        Status status = migrator(db).status();

        assertThat(status.version()).contains(new Version(3));
        assertThat(status.dirty()).isFalse();
        assertThat(status.migrations()).extracting(m -> m.version() + ":" + m.state().id())
                .containsExactly("1:applied", "2:modified", "3:missing", "4:pending");
        assertThat(status.pending()).extracting(MigrationInfo::description).containsExactly("d");
        assertThat(status.migrations().get(0).appliedAt()).isNotNull();
        assertThat(status.migrations().get(3).appliedAt()).isNull();
    }

    @Test
    void statusShowsWhenEachMigrationWasAppliedToTheMicrosecond(TestDatabase db) {
        folder().file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE b ();");
        migrator(db).migrate();
        db.execute("UPDATE schema_migrations SET applied_at = '2026-01-02 03:04:05.678901+00' WHERE version = 1;"
                + "UPDATE schema_migrations SET applied_at = '2026-07-01 12:00:00+05:30' WHERE version = 2");

        Status status = migrator(db).status();

        assertThat(status.migrations()).extracting(MigrationInfo::appliedAt).containsExactly(
                java.time.Instant.parse("2026-01-02T03:04:05.678901Z"), java.time.Instant.parse("2026-07-01T06:30:00Z"));
    }

    @Test
    void statusOfAFreshDatabaseListsEverythingPendingAndCreatesNothing(TestDatabase db) {
        folder().file("1_a.sql", "CREATE TABLE a ();");

        Status status = migrator(db).status();

        assertThat(status.version()).isEmpty();
        assertThat(status.pending()).hasSize(1);
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }
}
