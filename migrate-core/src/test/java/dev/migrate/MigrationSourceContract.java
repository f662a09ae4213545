package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.spi.MigrationSource;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link MigrationSource} must do for the engine to rely on it, run against each implementation: the
 * folder source over a directory and over the classpath, and a source of a user's own plugged in through the
 * builder.
 */
@ExtendWith(PostgresExtension.class)
abstract class MigrationSourceContract {

    /** Migrations as the implementation under test keeps them. */
    interface Fixture {

        /** Adds a migration where the source reads it; {@code down} may be {@code null}. */
        Fixture add(long version, String description, String up, String down);

        MigrationSource source();
    }

    protected abstract Fixture fixture();

    @Test
    void listsMigrationsInAscendingVersionOrder() {
        Fixture fixture = fixture().add(10, "ten", "SELECT 10;", null).add(2, "two", "SELECT 2;", null)
                .add(1, "one", "SELECT 1;", null);

        assertThat(fixture.source().load()).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(1L, 2L, 10L);
    }

    @Test
    void listsAfreshOnEveryLoad() {
        Fixture fixture = fixture().add(1, "one", "SELECT 1;", null);
        MigrationSource source = fixture.source();
        assertThat(source.load()).hasSize(1);

        fixture.add(2, "two", "SELECT 2;", null);

        assertThat(source.load()).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(1L, 2L);
    }

    @Test
    void givesEachScriptTheSameChecksumOnEveryLoad() {
        MigrationSource source = fixture().add(1, "one", "CREATE TABLE one (id int);", null).source();

        assertThat(source.load().get(0).up().checksum()).isEqualTo(source.load().get(0).up().checksum())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void describesWhereItReadsForMessages() {
        assertThat(fixture().source().description()).isNotBlank();
    }

    @Test
    void appliesEachMigrationOnceAndRollsBackWithItsDownScript(TestDatabase db) {
        Fixture fixture = fixture().add(1, "users", "CREATE TABLE users (id int);", "DROP TABLE users;")
                .add(2, "orders", "CREATE TABLE orders (id int);", "DROP TABLE orders;");
        Migrator migrator = Migrator.builder(db.dataSource()).source(fixture.source()).build();

        assertThat(migrator.migrate().applied()).hasSize(2);
        assertThat(migrator.migrate().upToDate()).isTrue();
        assertThat(migrator.rollback(1).rolledBack()).extracting(AppliedMigration::description).containsExactly("orders");
        assertThat(db.tableExists("orders")).isFalse();
        assertThat(db.tableExists("users")).isTrue();
    }
}
