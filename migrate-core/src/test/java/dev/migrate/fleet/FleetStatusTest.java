package dev.migrate.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Each target's state, read from its history and the ledger, with nothing changed. */
@ExtendWith(PostgresExtension.class)
class FleetStatusTest {

    @TempDir
    Path dir;

    @Test
    void tellsCurrentBehindFailedDirtyAndInProgressTargetsApart(TestDatabase db) throws IOException {
        Files.writeString(dir.resolve("1_notes.up.sql"), "CREATE TABLE notes (id int);");
        Files.writeString(dir.resolve("2_index.up.sql"),
                "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY notes_idx ON notes (id);");
        IntStream.rangeClosed(1, 5).forEach(i -> db.execute("CREATE SCHEMA tenant_" + i));
        db.execute("CREATE TABLE tenant_3.notes (id int)");
        db.execute("CREATE TABLE tenant_4.notes_idx (id int)");

        FleetStatus before = fleet(db).build().status();
        assertThat(before.targets()).extracting(t -> t.target().name() + " " + t.state() + " " + t.pending())
                .containsExactly("tenant_1 BEHIND 2", "tenant_2 BEHIND 2", "tenant_3 BEHIND 2", "tenant_4 BEHIND 2",
                        "tenant_5 BEHIND 2");
        assertThat(fleet(db).build().plan()).extracting(p -> p.target().name() + " " + p.plan().orElseThrow()
                .migrations().stream().map(m -> m.version().toString()).toList()).containsExactly("tenant_1 [1, 2]",
                "tenant_2 [1, 2]", "tenant_3 [1, 2]", "tenant_4 [1, 2]", "tenant_5 [1, 2]");
        assertThat(db.tableExists("migrate_fleet")).isFalse();
        assertThat(db.tableExists("tenant_1.schema_migrations")).isFalse();

        fleet(db).onError(OnError.CONTINUE).build().up();
        db.execute("UPDATE migrate_fleet SET state = 'running', lease_until = clock_timestamp() + interval '1 hour' "
                + "WHERE target = 'schema:tenant_2'");
        db.execute("DELETE FROM tenant_5.schema_migrations WHERE version = 2");
        FleetStatus after = fleet(db).build().status();
        assertThat(after.migrations()).isEqualTo(2);
        assertThat(after.targets()).extracting(t -> t.target().name() + " " + t.state() + " "
                        + t.version().orElse("-") + " " + t.pending())
                .containsExactly("tenant_1 CURRENT 2 0", "tenant_2 IN_PROGRESS 2 0", "tenant_3 FAILED - 2",
                        "tenant_4 DIRTY 2 0", "tenant_5 BEHIND 1 1");
        assertThat(after.targets().get(2).error().orElseThrow()).contains("1_notes.up.sql").contains("42P07");
        assertThat(after.counts()).containsEntry(TargetStatus.State.CURRENT, 1)
                .containsEntry(TargetStatus.State.DIRTY, 1).containsEntry(TargetStatus.State.BEHIND, 1);
        assertThat(after.current()).isFalse();
        List<TargetPlan> plans = fleet(db).build().plan();
        assertThat(plans.get(4).plan().orElseThrow().migrations()).extracting(m -> m.version().toString())
                .containsExactly("2");
        assertThat(plans.get(3).refusal().orElseThrow()).contains("dirty at version 2");
    }

    private FleetBuilder fleet(TestDatabase db) {
        return Fleet.builder(db.dataSource()).targets(TargetSelection.of(Target.Kind.SCHEMA, "tenant_%"))
                .migrator(dataSource -> Migrator.builder(dataSource).locations("filesystem:" + dir));
    }
}
