package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.spi.MigrationSource;
import dev.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source of a user's own (migrations kept in memory here), plugged in through the builder. */
class PluggedSourceContractTest extends MigrationSourceContract {

    /** As a user might write one: it sorts what it lists, as the contract asks. */
    static final class ListSource implements MigrationSource, Fixture {

        private final List<Migration> migrations = new ArrayList<>();
        private final boolean sorts;

        ListSource(boolean sorts) {
            this.sorts = sorts;
        }

        @Override
        public Fixture add(long version, String description, String up, String down) {
            migrations.add(new Migration(new Version(version), description, Script.of(version + "/up", up),
                    Optional.ofNullable(down).map(sql -> Script.of(version + "/down", sql))));
            return this;
        }

        @Override
        public MigrationSource source() {
            return this;
        }

        @Override
        public List<Migration> load() {
            return sorts ? migrations.stream().sorted(Comparator.comparing(Migration::version)).toList()
                    : List.copyOf(migrations);
        }

        @Override
        public String description() {
            return "the test's own migrations";
        }
    }

    @Override
    protected Fixture fixture() {
        return new ListSource(true);
    }

    @Test
    void aSourceListingOutOfOrderIsRefusedBeforeAnythingRuns(TestDatabase db) {
        MigrationSource unsorted = new ListSource(false).add(2, "orders", "CREATE TABLE orders (id int);", null)
                .add(1, "users", "CREATE TABLE users (id int);", null).source();

        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).source(unsorted).build().migrate())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Migration source the test's own migrations listed migration 1 (users) after 2 (orders). "
                        + "A MigrationSource must list migrations in ascending version order; sort them in its "
                        + "load() method. Nothing was run.");
        assertThat(db.tableExists("orders")).isFalse();
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void aSourceListingOneVersionTwiceIsRefusedAsADuplicate(TestDatabase db) {
        MigrationSource twice = new ListSource(true).add(1, "users", "CREATE TABLE users (id int);", null)
                .add(1, "accounts", "CREATE TABLE accounts (id int);", null).source();

        assertThatThrownBy(() -> Migrator.builder(db.dataSource()).source(twice).build().status())
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Version 1 is used by more than one migration: 1/up, 1/up.");
    }
}
