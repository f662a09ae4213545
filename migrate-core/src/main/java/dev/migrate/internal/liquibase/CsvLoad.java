package dev.migrate.internal.liquibase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of a {@code loadData} change and how each value is written, as Liquibase 4.33.0 decides it: a column
 * configured with a type takes that type, any other takes the type of the table's column of its name, read when the
 * change runs (as Liquibase's snapshot reads it); {@code NULL} (or the column's {@code nullPlaceholder}) is null; an
 * empty value is the column's default, else null, but an empty string for a string column; booleans as Liquibase
 * parses them; {@code SKIP} columns left out; {@code COMPUTED} values as written, {@code SEQUENCE} its next value. Each
 * row is one {@code INSERT}, values as literals the server converts to the column's type.
 *
 * @param table the table as SQL (also how {@code to_regclass} finds it)
 * @param header the file's header; {@code rows} its data rows, each as long as the header
 * @param columns the {@code column} elements of the change
 * @param primaryKey for {@code loadUpdateData}, the columns a row is found by: each row updates the row it finds
 *     (the columns not in the key, and not {@code allowUpdate="false"}) and is inserted where there is none, unless
 *     {@code onlyUpdate}, in one block as Liquibase writes it for PostgreSQL; empty for {@code loadData}
 */
record CsvLoad(String table, List<String> header, List<List<String>> rows, List<ChangelogNode> columns,
        List<String> primaryKey, boolean onlyUpdate) {

    /** The configured types this reads, in upper case. */
    static final Set<String> TYPES = Set.of("NUMERIC", "BOOLEAN", "DATE", "DATETIME", "TIME", "STRING", "COMPUTED",
            "SEQUENCE", "SKIP", "UUID", "OTHER", "UNKNOWN");

    /** The statements, with the column types of the table as it is on {@code connection} now. */
    List<String> statements(Connection connection) throws SQLException {
        Map<String, String> tableTypes = tableTypes(connection);
        List<String> statements = new ArrayList<>();
        for (List<String> row : rows) {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                Optional<ChangelogNode> config = config(i, header.get(i));
                String name = config.flatMap(c -> c.attribute("name")).orElse(header.get(i).trim());
                String type = config.flatMap(c -> c.attribute("type")).map(t -> t.trim().toUpperCase(Locale.ROOT))
                        .orElse(tableTypes.get(name.toLowerCase(Locale.ROOT)));
                if ("SKIP".equals(type)) {
                    continue;
                }
                names.add(SqlNames.name(name));
                values.add(value(row.get(i), type, config));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", values) + ")";
            statements.add(primaryKey.isEmpty() ? insert : upsert(names, values, insert));
        }
        return statements;
    }

    private String upsert(List<String> names, List<String> values, String insert) {
        List<String> where = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean key = primaryKey.stream().anyMatch(k -> SqlNames.name(k).equals(name));
            if (key) {
                where.add(name + (values.get(i).equals("NULL") ? " is NULL" : " = " + values.get(i)));
            } else if (updatable(name)) {
                sets.add(name + " = " + values.get(i));
            }
        }
        String found = sets.isEmpty() ? "PERFORM * FROM " + table + " WHERE " + String.join(" AND ", where)
                : "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + String.join(" AND ", where);
        return "DO $migrate$ BEGIN " + found + ";" + (onlyUpdate ? "" : " IF NOT FOUND THEN " + insert + "; END IF;")
                + " END $migrate$";
    }

    private boolean updatable(String name) {
        return columns.stream().filter(c -> c.attribute("name").map(SqlNames::name).equals(Optional.of(name)))
                .noneMatch(c -> !c.flag("allowUpdate", true));
    }

    /** The column element for the file's column {@code index}, by its index, header or name, as Liquibase finds it. */
    Optional<ChangelogNode> config(int index, String name) {
        return columns.stream().filter(c -> c.attribute("index").map(String::trim).equals(Optional.of(
                Integer.toString(index))) || c.attribute("header").filter(name::equalsIgnoreCase).isPresent()
                || c.attribute("name").filter(name.trim()::equalsIgnoreCase).isPresent()).findFirst();
    }

    private static String value(String raw, String type, Optional<ChangelogNode> config) {
        boolean isNull = config.flatMap(c -> c.attribute("nullPlaceholder")).map(raw::equals)
                .orElse("NULL".equalsIgnoreCase(raw));
        if (isNull) {
            return "NULL";
        }
        String value = raw.isEmpty() ? config.flatMap(c -> c.attribute("defaultValue")).orElse(null) : raw;
        if (type == null) {
            return value == null ? "NULL" : SqlNames.literal(value);
        }
        return switch (type) {
            case "BOOLEAN" -> value == null ? config.flatMap(c -> c.attribute("defaultValueBoolean"))
                    .map(b -> Boolean.parseBoolean(b.trim()) ? "TRUE" : "FALSE").orElse("NULL")
                    : truth(value) ? "TRUE" : "FALSE";
            case "STRING" -> SqlNames.literal(value == null ? "" : value);
            case "COMPUTED" -> value == null ? "NULL" : value;
            case "SEQUENCE" -> "nextval(" + SqlNames.literal(value == null ? "" : value) + ")";
            default -> value == null ? "NULL" : SqlNames.literal(value);
        };
    }

    /** Liquibase's reading of a boolean in a data file. */
    private static boolean truth(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("t") || lower.equals("yes") || lower.equals("y")
                || lower.equals("1");
    }

    /** Each column of the table by name, as the load type its PostgreSQL type maps to. */
    private Map<String, String> tableTypes(Connection connection) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname, t.typname, t.typcategory "
                + "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid WHERE a.attrelid = "
                + "to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped")) {
            statement.setString(1, table);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    String category = row.getString(3);
                    types.put(row.getString(1).toLowerCase(Locale.ROOT), row.getString(2).equals("uuid") ? "UUID"
                            : switch (category) {
                                case "N" -> "NUMERIC";
                                case "B" -> "BOOLEAN";
                                case "D" -> "DATE";
                                case "S" -> "STRING";
                                default -> "UNKNOWN";
                            });
                }
            }
        }
        return types;
    }
}
