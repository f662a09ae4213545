package dev.migrate;

import dev.migrate.internal.source.FlywayName;

/**
 * Reads a Java migration's version and description from its class name, as Flyway reads them: by the same rule
 * as a script's name ({@code V3_1__Backfill_accounts} is version 3.1, "Backfill accounts").
 */
final class JavaMigrationNames {

    private JavaMigrationNames() {
    }

    static Version version(Class<?> type) {
        return name(type).version();
    }

    static String description(Class<?> type) {
        return name(type).description();
    }

    private static FlywayName name(Class<?> type) {
        FlywayName name = FlywayName.ofName(type.getSimpleName());
        if (name.kind() != FlywayName.Kind.VERSIONED) {
            throw InvalidMigrationException.badFile(type.getName(), "is a Java migration whose class is not named "
                    + "V{version}__{description} (V3__Backfill_accounts)" + (name.problem() == null ? ""
                            : ": " + name.problem()) + "; rename it, or override version() and description()");
        }
        return name;
    }
}
