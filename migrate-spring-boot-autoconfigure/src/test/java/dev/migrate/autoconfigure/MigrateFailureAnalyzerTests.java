package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A failed startup is explained: which migration, which line, what to do. */
@ExtendWith(PostgresExtension.class)
class MigrateFailureAnalyzerTests {

    @TempDir
    Path dir;

    private FailureAnalysis analyse(TestDatabase db, String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigrateAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + db.jdbcUrl(), "spring.datasource.username=" + db.user(),
                        "database.run-migrations=true", "database.migrations.path=" + dir)
                .withPropertyValues(properties)
                .run(context -> analysis[0] = new MigrateFailureAnalyzer().analyze(context.getStartupFailure()));
        return analysis[0];
    }

    @Test
    void explainsAFailedMigrationWithItsLine(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (\n  id bigint,\n  email txet\n);");

        FailureAnalysis analysis = analyse(db);

        assertThat(analysis.getDescription()).startsWith("Migration 1 (users) failed at line 3 of "
                + dir.resolve("1_users.sql") + ": type \"txet\" does not exist (SQLSTATE 42704)");
        assertThat(analysis.getAction()).isEqualTo("Fix " + dir.resolve("1_users.sql")
                + " and restart; nothing of that migration was applied.");
    }

    @Test
    void explainsADirtyDatabase(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id int);");
        db.execute("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT false, "
                + "description text NOT NULL DEFAULT '', checksum text, applied_at timestamptz NOT NULL DEFAULT now(), "
                + "execution_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user);"
                + "INSERT INTO schema_migrations (version, dirty, description) VALUES (1, true, 'users')");

        FailureAnalysis analysis = analyse(db);

        assertThat(analysis.getDescription()).startsWith("The database is dirty at version 1 (users)");
        assertThat(analysis.getAction()).isEqualTo("Check the schema against migration 1, record the true version "
                + "with the CLI (migrate -path ... force V), then restart.");
    }

    @Test
    void explainsAChangedAppliedFile(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id int);");
        analyse(db);
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id bigint);");

        FailureAnalysis analysis = analyse(db);

        assertThat(analysis.getDescription()).startsWith("Migration 1 (users) was applied, but its file ");
        assertThat(analysis.getAction()).contains("database.migrations.validate-on-migrate");
    }
}
