package dev.migrate.internal.run;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Version;
import dev.migrate.VersionNotFoundException;
import dev.migrate.spi.MigrationSource;
import java.util.List;
import java.util.Optional;

/** Step 1 of a run: the migrations a source lists, held to the order every later step relies on. */
final class Listing {

    private Listing() {
    }

    /**
     * The migrations in ascending version order, each version once; a version the operation names must be among
     * them. A source of a user's own that breaks the order is refused here, before anything runs.
     */
    static List<Migration> load(MigrationSource source, Optional<Version> named) {
        List<Migration> migrations = source.load();
        for (int i = 1; i < migrations.size(); i++) {
            Migration before = migrations.get(i - 1);
            Migration after = migrations.get(i);
            int order = before.version().compareTo(after.version());
            List<String> files = List.of(before.up().name(), after.up().name());
            if (order == 0) {
                throw InvalidMigrationException.duplicateVersion(after.version(), files);
            }
            if (order > 0) {
                // Every later step merges files and history in one pass and relies on this order.
                throw InvalidMigrationException.sourceOutOfOrder(source.description(), before.label(), after.label(),
                        files);
            }
        }
        named.ifPresent(version -> requireKnown(source, version, migrations));
        return migrations;
    }

    private static void requireKnown(MigrationSource source, Version target, List<Migration> migrations) {
        if (migrations.stream().noneMatch(m -> m.version().equals(target))) {
            String known = migrations.isEmpty() ? "there are no migrations"
                    : "versions " + migrations.get(0).version() + " to " + migrations.get(migrations.size() - 1).version();
            throw new VersionNotFoundException(target, source.description(), known);
        }
    }
}
