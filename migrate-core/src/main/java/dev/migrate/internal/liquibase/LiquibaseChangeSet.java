package dev.migrate.internal.liquibase;

import java.util.List;
import java.util.Optional;

/**
 * One changeset of a Liquibase changelog as Liquibase reads it: its identity (id, author and the file path it
 * records in {@code databasechangelog.filename}), how it runs, and its SQL and rollback with the changelog's
 * parameters expanded.
 *
 * @param path the changelog's logical path, as {@code filename} holds it
 * @param line the line of its {@code --changeset} in the changelog
 * @param splitStatements whether its SQL is sent statement by statement (Liquibase's default) or whole
 * @param stripComments whether comments are taken out of its SQL before it is sent
 * @param endDelimiter the statement delimiter given, if any (Liquibase's default is {@code ;} and {@code GO})
 * @param context its context expression, if any
 * @param dbms the database types it is for, if limited
 * @param preconditions its preconditions, if it has any
 * @param rollback its rollback SQL; empty when it has none, {@link #EMPTY_ROLLBACK} when it says none is needed
 * @param changes its changes, from an XML, YAML or JSON changelog; none for a formatted SQL changeset, whose one
 *     SQL change is {@code sql}
 */
public record LiquibaseChangeSet(String id, String author, String path, int line, boolean runOnChange,
        boolean runAlways, boolean runInTransaction, boolean failOnError, boolean splitStatements,
        boolean stripComments, Optional<String> endDelimiter, Optional<String> context, Optional<String> labels,
        Optional<String> dbms, boolean ignore, Optional<String> comment, List<String> validCheckSums,
        Optional<LiquibasePreconditions> preconditions, String sql, Optional<String> rollback,
        List<LiquibaseChange> changes) {

    /** The rollback of a changeset whose {@code --rollback} says {@code empty} or {@code not required}. */
    public static final String EMPTY_ROLLBACK = "";

    /** The valid checksums that accept any stored one. */
    private static final List<String> ANY = List.of("1:any", "1:all", "1:*");

    public LiquibaseChangeSet {
        validCheckSums = List.copyOf(validCheckSums);
        changes = List.copyOf(changes);
    }

    /** The statements it sends on {@code connection}, data loads' made now from their tables as they are. */
    public List<String> statements(java.sql.Connection connection) throws java.sql.SQLException {
        List<String> all = new java.util.ArrayList<>();
        if (changes.isEmpty()) {
            return statements();
        }
        for (LiquibaseChange change : changes) {
            all.addAll(change.statements(connection));
        }
        return all;
    }

    /** The statements it sends, in order: a formatted SQL changeset's whole, or cut at its end delimiter. */
    public List<String> statements() {
        if (!changes.isEmpty()) {
            return changes.stream().flatMap(change -> change.statements().stream()).toList();
        }
        return endDelimiter.map(String::strip).filter(d -> !d.isEmpty() && !d.equals(";")).isPresent()
                ? ChangeSql.sql(sql, endDelimiter, true) : List.of(sql);
    }

    /** The tag its {@code tagDatabase} change gives its row, if it has one. */
    public Optional<String> tag() {
        return changes.stream().map(LiquibaseChange::tag).flatMap(Optional::stream).findFirst();
    }

    /** As Liquibase describes it in {@code databasechangelog}: its changes' descriptions, at most 255 characters. */
    public String description() {
        if (changes.isEmpty()) {
            return "sql";
        }
        String joined = String.join("; ", changes.stream().map(LiquibaseChange::description).toList());
        return joined.length() > 255 ? joined.substring(0, 252) + "..." : joined;
    }

    /** Its identity as Liquibase keys its history rows: {@code path::id::author}. */
    public String key() {
        return LiquibasePaths.normalize(path) + "::" + id + "::" + author;
    }

    /** The checksum Liquibase 4.33.0 records for it: its one SQL change's. */
    public String checksum() {
        return LiquibaseChecksum.ofChangeSet(changes.isEmpty() ? List.of(LiquibaseChecksum.ofSql(sql))
                : changes.stream().map(LiquibaseChange::checksum).toList());
    }

    /** The checksum Liquibase 3.5 to 4.21 recorded for it (version 8). */
    public String checksumVersion8() {
        return LiquibaseChecksum.ofChangeSetVersion8(changes.isEmpty() ? List.of(LiquibaseChecksum.ofSqlVersion8(sql,
                endDelimiter.orElse(null), splitStatements, stripComments))
                : changes.stream().map(LiquibaseChange::checksumVersion8).toList());
    }

    /**
     * Whether {@code stored}, the checksum {@code databasechangelog} holds for it, is its own as Liquibase's
     * validation decides: none stored (cleared), a {@code validCheckSum} of {@code ANY}, {@code ALL} or {@code *},
     * its checksum (of the stored one's version, 9 or 8), or a {@code validCheckSum} equal to either. Empty when
     * the stored one is of an older version and no valid checksum settles it: this class cannot compute that one.
     */
    public Optional<Boolean> accepts(String stored) {
        if (stored == null || stored.isBlank() || validCheckSums.stream().map(LiquibaseChangeSet::versioned)
                .map(valid -> valid.toLowerCase(java.util.Locale.ROOT)).anyMatch(ANY::contains)) {
            return Optional.of(true);
        }
        String storedSum = versioned(stored);
        if (validCheckSums.stream().map(LiquibaseChangeSet::versioned).anyMatch(storedSum::equals)) {
            return Optional.of(true);
        }
        String current;
        if (storedSum.startsWith(LiquibaseChecksum.VERSION + ":")) {
            current = checksum();
        } else if (storedSum.startsWith(LiquibaseChecksum.VERSION_8 + ":")) {
            current = checksumVersion8();
        } else {
            return Optional.empty();
        }
        return Optional.of(current.equals(storedSum)
                || validCheckSums.stream().map(LiquibaseChangeSet::versioned).anyMatch(current::equals));
    }

    /** A checksum as Liquibase parses one: {@code <version>:<sum>}, version 1 when none is written. */
    private static String versioned(String checksum) {
        String trimmed = checksum.trim();
        return trimmed.matches("\\d+:[a-zA-Z0-9]+") ? trimmed : "1:" + trimmed;
    }
}
