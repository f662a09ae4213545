package dev.migrate.internal.liquibase;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One change of a changeset: its type, the description and checksums (versions 9 and 8) Liquibase 4.33.0 gives
 * it, the statements it
 * sends, the statements that undo it where Liquibase rolls it back by itself, the tag a {@code tagDatabase}
 * gives the changeset's row, and the rows a {@code loadData} inserts, whose statements are made when it runs.
 */
public record LiquibaseChange(String type, String description, String checksum, String checksumVersion8,
        List<String> statements, Optional<List<String>> inverse, Optional<String> tag, Optional<CsvLoad> load) {

    public LiquibaseChange {
        statements = List.copyOf(statements);
    }

    /** The statements it sends on {@code connection}: a load's made now, from the table as it is. */
    List<String> statements(java.sql.Connection connection) throws java.sql.SQLException {
        return load.isPresent() ? load.get().statements(connection) : statements;
    }

    /**
     * {@code change} read: empty when Liquibase's type is one this release does not generate SQL for (the reader
     * refuses it, naming it).
     */
    static Optional<LiquibaseChange> of(ChangelogNode change) {
        List<String> statements = ChangeSql.of(change);
        if (statements == null) {
            return Optional.empty();
        }
        return Optional.of(new LiquibaseChange(change.name(), description(change), ChangeChecksum.of(change),
                ChangeChecksum.ofVersion8(change), statements, ChangeSql.inverse(change), change.name().equals("tagDatabase") ? change.attribute("tag")
                        : Optional.empty(), Optional.empty()));
    }

    /**
     * As Liquibase describes a change: its type, then each of its attributes whose name ends in {@code name} (not a
     * schema's or catalog's) or is {@code path}, as {@code name=value}, sorted.
     */
    static String description(ChangelogNode change) {
        TreeSet<String> names = new TreeSet<>();
        change.attributes().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith("name") && !lower.contains("schema") && !lower.contains("catalog")
                    || lower.equals("path")) {
                names.add(name + "=" + value);
            }
        });
        return names.isEmpty() ? change.name() : change.name() + " " + String.join(", ", names);
    }
}
