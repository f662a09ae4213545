package dev.migrate.fleet;

import dev.migrate.Migrator;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the fleet's tests share: a folder whose second migration notes each run, and a fleet of tenant_% over it. */
final class FleetFixture {

    private FleetFixture() {
    }

    /** Two migrations; the second notes in public.runs which schema it ran in, so a second run would show. */
    static void folder(Path dir) throws IOException {
        Files.writeString(dir.resolve("1_orders.up.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY);");
        Files.writeString(dir.resolve("2_note.up.sql"), "INSERT INTO public.runs VALUES (current_schema());");
    }

    /** A fleet of the schemas tenant_% over the folder {@code dir}. */
    static FleetBuilder fleet(TestDatabase db, Path dir) {
        return Fleet.builder(db.dataSource()).targets(TargetSelection.of(Target.Kind.SCHEMA, "tenant_%"))
                .migrator(dataSource -> Migrator.builder(dataSource).locations("filesystem:" + dir));
    }
}
