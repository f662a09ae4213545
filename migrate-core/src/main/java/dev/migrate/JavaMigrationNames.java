package dev.migrate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a Java migration's version and description from its class name, as Flyway reads them. */
final class JavaMigrationNames {

    private static final Pattern NAME = Pattern.compile("V([0-9_]+?)(?:__(.*))?");

    private JavaMigrationNames() {
    }

    static Version version(Class<?> type) {
        Matcher name = matcher(type);
        try {
            return Version.parse(name.group(1).replace('_', '.'));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badFile(type.getName(), "has a class name whose version cannot be read: "
                    + e.getMessage());
        }
    }

    static String description(Class<?> type) {
        Matcher name = matcher(type);
        return name.group(2) == null ? "" : name.group(2).replace('_', ' ');
    }

    private static Matcher matcher(Class<?> type) {
        Matcher name = NAME.matcher(type.getSimpleName());
        if (!name.matches()) {
            throw InvalidMigrationException.badFile(type.getName(), "is a Java migration whose class is not named "
                    + "V{version}__{description} (V3__Backfill_accounts): rename it, or override version() and "
                    + "description()");
        }
        return name;
    }
}
