package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Version;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file name says: golang-migrate's {@code {version}_{description}.up.sql} / {@code .down.sql}, or an
 * up-only {@code {version}_{description}.sql} (SQLx, Atlas, numbered folders).
 */
record FileName(Version version, String description, Kind kind) {

    enum Kind { UP, DOWN }

    private static final Pattern MIGRATION = Pattern.compile("(\\d+)_(.*?)(\\.(?i:up|down))?\\.(?i:sql)");

    /** Whether the engine should read this file at all: SQL files that are not hidden. */
    static boolean isCandidate(String fileName) {
        return !fileName.startsWith(".") && fileName.toLowerCase(Locale.ROOT).endsWith(".sql");
    }

    /**
     * Parses a candidate file name.
     *
     * @throws InvalidMigrationException naming the file when it has no usable version
     */
    static FileName parse(String fileName, String displayName) {
        Matcher matcher = MIGRATION.matcher(fileName);
        if (!matcher.matches()) {
            throw InvalidMigrationException.badName(displayName, "it does not start with a version number "
                    + "followed by '_'");
        }
        Version version;
        try {
            version = Version.parse(matcher.group(1));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badName(displayName, e.getMessage());
        }
        String direction = matcher.group(3);
        Kind kind = direction != null && direction.equalsIgnoreCase(".down") ? Kind.DOWN : Kind.UP;
        return new FileName(version, matcher.group(2), kind);
    }
}
