package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.javamigrations.V2__Backfill_domains;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Java migrations beside SQL ones, as Flyway's db/migration classes are. */
@ExtendWith(PostgresExtension.class)
class JavaMigrationTest {

    private static final String LOCATION = "classpath:dev/migrate/javamigrations";

    private static MigratorBuilder builder(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(LOCATION);
    }

    @Test
    void aClassOnTheClasspathRunsInVersionOrderWithItsHistoryRow(TestDatabase db) {
        MigrateResult result = builder(db).build().migrate();

        assertThat(result.applied()).extracting(m -> m.version() + " " + m.description())
                .containsExactly("1 accounts", "2 Backfill domains", "3 domain not null");
        assertThat(db.column("SELECT domain FROM accounts ORDER BY id")).containsExactly("example.org", "example.com");
        assertThat(db.value("SELECT coalesce(checksum, '-') FROM schema_migrations WHERE version = 2")).isEqualTo("-");
        assertThat(builder(db).build().migrate().upToDate()).isTrue();
        assertThat(builder(db).build().status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void aGivenInstanceStandsForItsClassAndAFailingOneRollsBackWithItsRow(TestDatabase db) {
        JavaMigration failing = new JavaMigration() {
            @Override
            public void migrate(Connection connection) throws Exception {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UPDATE accounts SET email = 'changed'");
                }
                throw new IllegalStateException("no mail server to check against");
            }

            @Override
            public Version version() {
                return Version.parse("3.1");
            }

            @Override
            public String description() {
                return "verify emails";
            }
        };

        assertThatThrownBy(() -> builder(db).javaMigration(new V2__Backfill_domains()).javaMigration(failing).build()
                .migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("Migration 3.1 (verify emails) failed in ")
                .hasMessageContaining("java.lang.IllegalStateException: no mail server to check against")
                .hasMessageContaining("rolled back");
        assertThat(db.column("SELECT email FROM accounts ORDER BY id")).containsExactly("ann@example.org", "bob@example.com");
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void aJavaMigrationWithAChecksumIsReportedModifiedWhenItChanges(TestDatabase db) {
        builder(db).javaMigration(withChecksum("a")).build().migrate();

        assertThat(builder(db).javaMigration(withChecksum("b")).build().validate().problems())
                .singleElement().isInstanceOf(ChecksumMismatchException.class);
    }

    private static JavaMigration withChecksum(String checksum) {
        return new JavaMigration() {
            @Override
            public void migrate(Connection connection) {
            }

            @Override
            public Version version() {
                return new Version(4);
            }

            @Override
            public String description() {
                return "noop";
            }

            @Override
            public String checksum() {
                return checksum;
            }
        };
    }
}
