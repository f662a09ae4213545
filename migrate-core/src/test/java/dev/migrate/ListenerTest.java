package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class ListenerTest {

    @TempDir
    Path dir;

    /** Writes down each event it hears. */
    static final class Recorder implements MigrationListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void lockAcquired(Duration waited) {
            events.add("lockAcquired");
        }

        @Override
        public void migrationStarted(Migration migration, Direction direction) {
            events.add("started " + direction.id() + " " + migration.version());
        }

        @Override
        public void migrationRolledBack(Migration migration, Duration duration) {
            events.add("rolled back " + migration.version());
        }

        @Override
        public void migrationApplied(Migration migration, AppliedMigration applied) {
            events.add("applied " + applied.version());
        }

        @Override
        public void migrationFailed(Migration migration, MigrationFailedException failure) {
            events.add("failed " + failure.version());
        }

        @Override
        public void runFinished(MigrateResult result) {
            events.add("finished " + result.applied().size());
        }

        @Override
        public void runFailed(MigrateException failure, Duration duration) {
            events.add("runFailed " + failure.getClass().getSimpleName());
        }
    }

    @Test
    void hearsEachStepOfARunInOrder(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE b ();");
        Recorder recorder = new Recorder();

        Migrator.builder(db.dataSource()).locations(dir.toString()).listener(recorder).build().migrate();

        assertThat(recorder.events).containsExactly("lockAcquired", "started up 1", "applied 1", "started up 2",
                "applied 2", "finished 2");
    }

    @Test
    void hearsAFailure(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a ();").file("2_b.sql", "CREATE TABLE nope (x nope);");
        Recorder recorder = new Recorder();

        catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.toString()).listener(recorder).build()
                .migrate());

        assertThat(recorder.events).containsExactly("lockAcquired", "started up 1", "applied 1", "started up 2",
                "failed 2", "runFailed MigrationFailedException");
    }

    @Test
    void aThrowingListenerNeverStopsTheRun(TestDatabase db) {
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a ();");
        MigrationListener broken = new MigrationListener() {
            @Override
            public void migrationApplied(Migration migration, AppliedMigration applied) {
                throw new IllegalStateException("metrics backend is down");
            }
        };
        Recorder after = new Recorder();

        MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.toString()).listener(broken)
                .listener(after).build().migrate();

        assertThat(result.applied()).hasSize(1);
        assertThat(after.events).contains("applied 1", "finished 1");
    }
}
