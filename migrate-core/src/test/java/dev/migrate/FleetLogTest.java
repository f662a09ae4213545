package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.Target;
import dev.migrate.fleet.TargetSelection;
import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fleet's log: a target that finds nothing to do says so only at DEBUG (the fleet's report lists every target, and
 * a thousand identical lines would bury what matters), while a target that applies something still logs it.
 */
class FleetLogTest extends FolderTest {

    @RegisterExtension
    final EngineLog log = new EngineLog();

    @Test
    void aTargetWithNothingToDoIsQuietAndOneThatAppliesIsNot(TestDatabase db) {
        folder().file("1_orders.up.sql", "CREATE TABLE orders (id int);");
        db.execute("CREATE SCHEMA tenant_1");
        db.execute("CREATE SCHEMA tenant_2");
        Fleet fleet = Fleet.builder(db.dataSource()).targets(TargetSelection.of(Target.Kind.SCHEMA, "tenant_%"))
                .migrator(dataSource -> Migrator.builder(dataSource).locations(dir.toString())).build();

        assertThat(fleet.up().succeeded()).isTrue();
        assertThat(log.messages()).filteredOn(line -> line.startsWith("database migrations applied successfully"))
                .hasSize(2);
        log.clear();
        assertThat(fleet.up().succeeded()).isTrue();
        assertThat(log.messages()).noneMatch(line -> line.contains("up to date"));

        Migrator.builder(db.dataSource()).locations(dir.toString()).schema("tenant_1").build().migrate();
        assertThat(log.messages()).as("a run of its own still says it").contains(
                "database schema is up to date at version 1");
    }
}
