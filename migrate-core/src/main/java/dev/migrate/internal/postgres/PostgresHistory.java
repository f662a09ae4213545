package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Version;
import dev.migrate.spi.HistoryStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The history table: one row per applied migration. Without a schema, the table is found through the
 * connection's {@code search_path} and created in its first schema, as golang-migrate does.
 *
 * <p>golang-migrate's and dbmate's tables have the same default name; {@link #inspect} tells them apart so that
 * they can be adopted and upgraded in place. migrate's own metadata columns give way to a user's: when a
 * user's column has one of their names (a golang-migrate project may have added {@code applied_at} itself),
 * migrate's is called {@code migrate_applied_at} instead.
 */
public final class PostgresHistory implements HistoryStore {

    /** What a table of the history table's name is. */
    public enum Shape { ABSENT, MIGRATE, GOLANG_MIGRATE, DBMATE, FOREIGN }

    /** migrate's metadata columns, beyond golang-migrate's {@code version} and {@code dirty}. */
    private static final Map<String, String> METADATA = new LinkedHashMap<>();

    static {
        METADATA.put("description", "text NOT NULL DEFAULT ''");
        METADATA.put("checksum", "text");
        METADATA.put("applied_at", "timestamptz NOT NULL DEFAULT now()");
        METADATA.put("execution_ms", "bigint NOT NULL DEFAULT 0");
        METADATA.put("applied_by", "text NOT NULL DEFAULT current_user");
        METADATA.put("adopted_from", "text");
    }

    private static final String PREFIX = "migrate_";

    private final String schema;
    private final String table;
    private final String qualified;
    /** Metadata column to its name in this table (the plain name, or with the prefix); refreshed by inspect. */
    private volatile Map<String, String> columns = plainNames();
    /** The table's columns and types as inspect last read them. */
    private volatile Map<String, String> lastTypes = Map.of();

    /** @param schema the schema, or {@code null} for the connection's current schema */
    public PostgresHistory(String schema, String table) {
        this.schema = schema;
        this.table = table;
        this.qualified = (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(table);
    }

    @Override
    public String name() {
        return schema == null ? table : schema + "." + table;
    }

    /** The name as SQL text, quoted and qualified as configured. */
    public String sqlName() {
        return qualified;
    }

    /** The table's own name without schema, as other tools' tables are looked up beside it. */
    public String tableName() {
        return table;
    }

    public String schema() {
        return schema;
    }

    /** What sits at the history table's name: nothing, migrate's table, golang-migrate's, dbmate's, or another. */
    public Shape inspect(Connection connection) throws SQLException {
        Map<String, String> types = columnTypes(connection);
        lastTypes = types;
        if (types.isEmpty()) {
            return Shape.ABSENT;
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String column : METADATA.keySet()) {
            names.put(column, types.containsKey(PREFIX + column) ? PREFIX + column : column);
        }
        columns = names;
        boolean ours = types.containsKey("version") && types.containsKey("dirty")
                && names.entrySet().stream().filter(e -> !e.getKey().equals("adopted_from"))
                        .allMatch(e -> types.containsKey(e.getValue()));
        if (ours) {
            return Shape.MIGRATE;
        }
        if ("bigint".equals(types.get("version")) && "boolean".equals(types.get("dirty"))
                && !types.containsKey(names.get("checksum"))) {
            return Shape.GOLANG_MIGRATE;
        }
        if (types.getOrDefault("version", "").startsWith("character varying") && !types.containsKey("dirty")) {
            return Shape.DBMATE;
        }
        return Shape.FOREIGN;
    }

    @Override
    public Optional<List<AppliedMigration>> applied(Connection connection) throws SQLException {
        return applied(connection, inspect(connection));
    }

    /** The rows, for a table {@link #inspect} has just looked at: one query, not two. */
    public Optional<List<AppliedMigration>> applied(Connection connection, Shape shape) throws SQLException {
        if (shape == Shape.ABSENT) {
            return Optional.empty();
        }
        if (shape != Shape.MIGRATE) {
            throw new HistoryTableException(name(), "it has the columns " + String.join(", ", lastTypes.keySet())
                    + ", but migrate needs version, dirty, " + String.join(", ", METADATA.keySet()));
        }
        Map<String, String> names = columns;
        boolean adopted = lastTypes.containsKey(names.get("adopted_from"));
        String sql = "SELECT version, dirty, " + q(names, "description") + ", " + q(names, "checksum") + ", "
                + q(names, "applied_at") + ", " + q(names, "execution_ms") + ", " + q(names, "applied_by") + ", "
                + (adopted ? q(names, "adopted_from") : "NULL") + " FROM " + qualified + " ORDER BY version";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<AppliedMigration> applied = new ArrayList<>();
            while (rows.next()) {
                OffsetDateTime at = rows.getObject(5, OffsetDateTime.class);
                applied.add(new AppliedMigration(new Version(rows.getLong(1)), rows.getString(3), rows.getString(4),
                        rows.getBoolean(2), at == null ? null : at.toInstant(), rows.getLong(6), rows.getString(7),
                        rows.getString(8)));
            }
            return Optional.of(applied);
        }
    }

    /**
     * Creates the table (and schema) when absent, and brings a table of an earlier migrate up to date; a table
     * that needs neither is left alone, since even a no-op ALTER TABLE locks it.
     */
    @Override
    public void create(Connection connection) throws SQLException {
        Shape shape = inspect(connection);
        boolean lacksAdoptedFrom = shape == Shape.MIGRATE && !lastTypes.containsKey(columns.get("adopted_from"));
        if (shape != Shape.ABSENT && !lacksAdoptedFrom) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (shape == Shape.ABSENT) {
                if (schema != null) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
                }
                StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + qualified
                        + " (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT false");
                METADATA.forEach((column, type) -> ddl.append(", ").append(column).append(' ').append(type));
                statement.execute(ddl.append(')').toString());
            } else {
                statement.execute("ALTER TABLE " + qualified + " ADD COLUMN " + q(columns, "adopted_from") + " text");
            }
        }
        inspect(connection);
    }

    /**
     * Turns golang-migrate's or dbmate's table into migrate's, keeping its name and any columns users added;
     * its rows are deleted, for the caller to record the adopted history. Runs in the caller's transaction.
     */
    public void upgradeInPlace(Connection connection, Shape shape) throws SQLException {
        Map<String, String> types = columnTypes(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + qualified);
            if (shape == Shape.DBMATE) {
                statement.execute("ALTER TABLE " + qualified + " ALTER COLUMN version TYPE bigint USING version::bigint");
                statement.execute("ALTER TABLE " + qualified + " ADD COLUMN dirty boolean NOT NULL DEFAULT false");
            }
            for (Map.Entry<String, String> column : METADATA.entrySet()) {
                // A column of that name is the user's: migrate's takes the prefixed name.
                String name = types.containsKey(column.getKey()) ? PREFIX + column.getKey() : column.getKey();
                statement.execute("ALTER TABLE " + qualified + " ADD COLUMN " + Identifiers.quote(name) + " "
                        + column.getValue());
            }
        }
        inspect(connection);
    }

    /**
     * Moves migrate's metadata columns out of the way of a script that adds a column of the same name to this
     * table, as scripts written for golang-migrate's two-column table may. Runs in the script's transaction.
     */
    public void makeRoomFor(Connection connection, String sql) throws SQLException {
        if (!sql.toLowerCase(Locale.ROOT).contains(table.toLowerCase(Locale.ROOT))) {
            return;
        }
        Map<String, String> names = columns;
        for (String column : METADATA.keySet()) {
            Pattern adds = Pattern.compile("(?is)alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?[\\w\".]*"
                    + Pattern.quote(table) + "\"?\\s+.*?add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?\"?"
                    + column + "\"?\\b");
            if (names.get(column).equals(column) && adds.matcher(sql).find()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + qualified + " RENAME COLUMN " + Identifiers.quote(column)
                            + " TO " + Identifiers.quote(PREFIX + column));
                }
                inspect(connection);
                names = columns;
            }
        }
    }

    @Override
    public void save(Connection connection, AppliedMigration row) throws SQLException {
        Map<String, String> names = columns;
        String[] metadata = {"description", "checksum", "applied_at", "execution_ms", "applied_by", "adopted_from"};
        StringBuilder insert = new StringBuilder("INSERT INTO " + qualified + " (version, dirty");
        StringBuilder update = new StringBuilder(" ON CONFLICT (version) DO UPDATE SET dirty = excluded.dirty");
        for (String column : metadata) {
            insert.append(", ").append(q(names, column));
            update.append(", ").append(q(names, column)).append(" = excluded.").append(q(names, column));
        }
        insert.append(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        try (PreparedStatement statement = connection.prepareStatement(insert.append(update).toString())) {
            statement.setLong(1, row.version().value());
            statement.setBoolean(2, row.dirty());
            statement.setString(3, row.description());
            statement.setString(4, row.checksum());
            statement.setObject(5, OffsetDateTime.ofInstant(row.appliedAt(), ZoneOffset.UTC));
            statement.setLong(6, row.executionMs());
            statement.setString(7, row.appliedBy());
            statement.setString(8, row.adoptedFrom());
            statement.executeUpdate();
        }
    }

    @Override
    public void remove(Connection connection, Version version) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + qualified
                + " WHERE version = ?")) {
            statement.setLong(1, version.value());
            statement.executeUpdate();
        }
    }

    /** Column names and types in order; empty when the table does not exist. One query, no server-side error. */
    private Map<String, String> columnTypes(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            statement.setString(1, qualified);
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
            return types;
        }
    }

    private static String q(Map<String, String> names, String column) {
        return Identifiers.quote(names.get(column));
    }

    private static Map<String, String> plainNames() {
        Map<String, String> names = new LinkedHashMap<>();
        METADATA.keySet().forEach(column -> names.put(column, column));
        return names;
    }
}
