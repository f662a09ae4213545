package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Version;

/**
 * What a file name says: golang-migrate's {@code {version}_{description}.up.sql} / {@code .down.sql}, or an
 * up-only {@code {version}_{description}.sql} (SQLx, Atlas, numbered folders).
 *
 * <p>Names are read character by character rather than with a regular expression: every file's name is read
 * on every start, and this is the cheaper of the two to run and to warm up.
 */
record FileName(Version version, String description, Kind kind) {

    enum Kind { UP, DOWN }

    private static final String SQL = ".sql";

    /** Whether the engine should read this file at all: SQL files that are not hidden. */
    static boolean isCandidate(String fileName) {
        return !fileName.startsWith(".") && endsWithIgnoreCase(fileName, SQL);
    }

    /** Whether a candidate's name starts with a version and '_', as every numbered layout's names do. */
    static boolean isNumbered(String fileName) {
        int digits = leadingDigits(fileName);
        return digits > 0 && fileName.length() >= digits + 1 + SQL.length() && fileName.charAt(digits) == '_';
    }

    /** Whether a numbered name says its direction, {@code .up.sql} or {@code .down.sql} in any case. */
    static boolean hasDirection(String fileName) {
        return direction(fileName, fileName.length() - SQL.length(), leadingDigits(fileName) + 1) != null;
    }

    /**
     * Parses a candidate file name.
     *
     * @throws InvalidMigrationException naming the file when it has no usable version
     */
    static FileName parse(String fileName, String displayName) {
        if (!isCandidate(fileName) || !isNumbered(fileName)) {
            throw InvalidMigrationException.badName(displayName, "it does not start with a version number "
                    + "followed by '_'");
        }
        int digits = leadingDigits(fileName);
        Version version;
        try {
            version = wholeNumber(fileName.substring(0, digits));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badName(displayName, e.getMessage());
        }
        int end = fileName.length() - SQL.length();
        Kind kind = direction(fileName, end, digits + 1);
        int descriptionEnd = kind == null ? end : end - (kind == Kind.UP ? ".up" : ".down").length();
        return new FileName(version, fileName.substring(digits + 1, descriptionEnd), kind == null ? Kind.UP : kind);
    }

    /**
     * A version of the numbering tools (golang-migrate, goose, sql-migrate, dbmate, SQLx): each parses it as a
     * 64-bit integer and stores it in an integer column, so a larger one is refused here as there.
     */
    static Version wholeNumber(String digits) {
        Version version = Version.parse(digits);
        if (version.asLong().isEmpty()) {
            throw new IllegalArgumentException("version " + digits + " is larger than 9223372036854775807, the "
                    + "largest these tools' integer versions (and their history columns) hold");
        }
        return version;
    }

    /**
     * Parses a name the way sql-migrate does: the version is the leading digits, whatever follows them
     * ({@code 1684929840.sql} and {@code 2_add_users.sql} are both valid); a separator after them is not part of
     * the description.
     *
     * @throws InvalidMigrationException naming the file when it does not start with a digit
     */
    static FileName parseLeadingDigits(String fileName, String displayName) {
        int digits = leadingDigits(fileName);
        if (!isCandidate(fileName) || digits == 0) {
            throw InvalidMigrationException.badName(displayName, "it does not start with a version number, as "
                    + "sql-migrate names need (1_create_users.sql, or 1684929840.sql)", "sql-migrate");
        }
        Version version;
        try {
            version = wholeNumber(fileName.substring(0, digits));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badName(displayName, e.getMessage(), "sql-migrate");
        }
        String rest = fileName.substring(digits, fileName.length() - SQL.length());
        String description = !rest.isEmpty() && (rest.charAt(0) == '_' || rest.charAt(0) == '-') ? rest.substring(1) : rest;
        return new FileName(version, description, Kind.UP);
    }

    /**
     * Parses a name the way dbmate does: any {@code .sql} file whose name starts with digits is a migration, the
     * digits its version, kept as written ({@code 00000000000000-initial-schema.sql} is version
     * {@code 00000000000000}, as dbmate records it) and ordered as text, as dbmate orders its files by name.
     *
     * @throws InvalidMigrationException naming the file when it does not start with a digit
     */
    static FileName parseDbmate(String fileName, String displayName) {
        int digits = leadingDigits(fileName);
        if (!isCandidate(fileName) || digits == 0) {
            throw InvalidMigrationException.badName(displayName, "it does not start with a version number, as "
                    + "dbmate names need (20240101120000_create_users.sql)", "dbmate");
        }
        String rest = fileName.substring(digits, fileName.length() - SQL.length());
        String description = !rest.isEmpty() && (rest.charAt(0) == '_' || rest.charAt(0) == '-') ? rest.substring(1) : rest;
        return new FileName(Version.orderedAsText(fileName.substring(0, digits)), description, Kind.UP);
    }

    /** Whether a candidate's name starts with a digit at all (sql-migrate needs no '_' after the version). */
    static boolean startsWithDigit(String fileName) {
        return leadingDigits(fileName) > 0;
    }

    /** The direction spelled just before {@code end}, not reaching back before {@code from}; null if none. */
    private static Kind direction(String name, int end, int from) {
        if (end - ".down".length() >= from && name.regionMatches(true, end - ".down".length(), ".down", 0, 5)) {
            return Kind.DOWN;
        }
        if (end - ".up".length() >= from && name.regionMatches(true, end - ".up".length(), ".up", 0, 3)) {
            return Kind.UP;
        }
        return null;
    }

    private static int leadingDigits(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean endsWithIgnoreCase(String name, String suffix) {
        return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
    }
}
