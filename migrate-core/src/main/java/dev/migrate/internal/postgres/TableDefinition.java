package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table as the catalog defines it: each column's name, type, nullability and default, and the primary key.
 * Another tool's history table is recognised by this exact definition, never by a column or two: a table of a
 * similar shape may be anybody's (Flyway's {@code version} is text and it has no {@code dirty}, as dbmate's).
 */
record TableDefinition(List<Column> columns, List<String> primaryKey) {

    record Column(String name, String type, boolean notNull, boolean hasDefault) {

        @Override
        public String toString() {
            return name + " " + type + (notNull ? " NOT NULL" : "");
        }
    }

    private static final Set<String> FLYWAY = Set.copyOf(HistoryShape.FLYWAY_COLUMNS);

    /** Other tools' history tables, by the columns each creates, for saying whose a refused table is. */
    private static final Map<String, Set<String>> OTHERS = Map.of(
            "SQLx", Set.of("version", "description", "installed_on", "success", "checksum", "execution_time"),
            "goose", Set.of("id", "version_id", "is_applied", "tstamp"),
            "diesel", Set.of("version", "run_on"),
            "Atlas", Set.of("version", "description", "type", "applied", "total", "executed_at", "hash"),
            "sql-migrate", Set.of("id", "applied_at"),
            "refinery", Set.of("version", "name", "applied_on", "checksum"),
            "Liquibase", Set.of("id", "author", "filename", "dateexecuted", "orderexecuted", "exectype", "md5sum"));

    static TableDefinition of(Connection connection, String sqlName) throws SQLException {
        List<Column> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname, "
                + "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef OR a.attidentity <> '' "
                + "OR a.attgenerated <> '', coalesce(a.attnum = ANY (CAST(i.indkey AS int2[])), false) "
                + "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_index i ON i.indrelid = a.attrelid "
                + "AND i.indisprimary WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped "
                + "ORDER BY a.attnum")) {
            statement.setString(1, sqlName);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    columns.add(new Column(row.getString(1), row.getString(2), row.getBoolean(3), row.getBoolean(4)));
                    if (row.getBoolean(5)) {
                        key.add(row.getString(1));
                    }
                }
            }
        }
        return new TableDefinition(List.copyOf(columns), List.copyOf(key));
    }

    Optional<Column> column(String name) {
        return columns.stream().filter(column -> column.name().equals(name)).findFirst();
    }

    Set<String> names() {
        return columns.stream().map(Column::name).collect(Collectors.toSet());
    }

    /**
     * Which tool's history this is, by its exact definition: golang-migrate's {@code (version bigint NOT NULL PRIMARY
     * KEY, dirty boolean NOT NULL)} (with columns a project added, each with a default or nullable, so that
     * golang-migrate's own insert still works), dbmate's {@code (version varchar PRIMARY KEY)} alone (the shape of
     * Rails' and some auth services' tables too: its rows decide), Flyway's ten columns whatever the table's name;
     * anything else is {@link HistoryShape#FOREIGN}.
     */
    HistoryShape shape() {
        Set<String> names = names();
        if (names.containsAll(FLYWAY) && names.stream().allMatch(name -> FLYWAY.contains(name)
                || name.equals("version_rank"))) {
            return HistoryShape.FLYWAY;
        }
        boolean keyedByVersion = primaryKey.equals(List.of("version"));
        if (keyedByVersion && is("version", "bigint") && is("dirty", "boolean") && !names.contains("checksum")
                && columns.stream().filter(column -> !column.name().equals("version") && !column.name().equals("dirty"))
                        .allMatch(column -> !column.notNull() || column.hasDefault())) {
            return HistoryShape.GOLANG_MIGRATE;
        }
        if (keyedByVersion && columns.size() == 1 && (is("version", "text") || is("version", "character varying")
                || column("version").orElseThrow().type().startsWith("character varying("))) {
            return HistoryShape.DBMATE;
        }
        return HistoryShape.FOREIGN;
    }

    private boolean is(String name, String type) {
        return column(name).filter(column -> column.type().equals(type) && column.notNull()).isPresent();
    }

    /** The tool whose history table this looks like, for messages: Flyway's, or another's by its columns. */
    Optional<String> tool() {
        if (shape() == HistoryShape.FLYWAY) {
            return Optional.of("Flyway");
        }
        Set<String> names = names();
        return OTHERS.entrySet().stream().filter(tool -> names.containsAll(tool.getValue())
                && tool.getValue().size() * 2 > names.size()).map(Map.Entry::getKey).findFirst();
    }

    /** For messages: {@code version bigint NOT NULL, dirty boolean NOT NULL and primary key (version)}. */
    String describe() {
        return columns.stream().map(Column::toString).collect(Collectors.joining(", "))
                + (primaryKey.isEmpty() ? " and no primary key" : " and primary key (" + String.join(", ", primaryKey)
                        + ")");
    }
}
