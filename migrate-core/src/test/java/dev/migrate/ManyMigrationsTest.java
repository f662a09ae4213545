package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A folder the size of a long-lived service's. Correctness only: timings belong to the benchmark module. */
@ExtendWith(PostgresExtension.class)
class ManyMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void appliesAThousandGolangMigratePairsFromEmptyAndThenNone(TestDatabase db) {
        MigrationFolder folder = new MigrationFolder(dir);
        for (int i = 1; i <= 1000; i++) {
            String name = String.format("%06d_step_%d", i, i);
            String sql = i % 3 == 0
                    ? "CREATE FUNCTION f" + i + "() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN " + i + "; END; $$;"
                    : "CREATE TABLE t" + i + " (id bigint PRIMARY KEY, note text);\nCOMMENT ON TABLE t" + i + " IS 'x;y';";
            folder.file(name + ".up.sql", sql).file(name + ".down.sql", "SELECT 1;");
        }
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).build();

        MigrateResult first = migrator.migrate();
        MigrateResult second = migrator.migrate();

        assertThat(first.applied()).hasSize(1000);
        assertThat(first.version()).contains(new Version(1000));
        assertThat(second.upToDate()).isTrue();
        assertThat(second.version()).contains(new Version(1000));
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE NOT dirty")).isEqualTo("1000");
        assertThat(db.value("SELECT f999()")).isEqualTo("999");
    }
}
