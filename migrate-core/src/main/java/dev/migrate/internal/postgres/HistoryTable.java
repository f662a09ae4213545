package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The history table: one row per applied migration. Without a schema, the table is found through the
 * connection's {@code search_path} and created in its first schema, as golang-migrate does.
 *
 * <p>golang-migrate's and dbmate's tables have the same default name; {@link #inspect} tells them apart so that
 * they can be adopted and upgraded in place. migrate's own metadata columns give way to a user's: when a
 * user's column has one of their names (a golang-migrate project may have added {@code applied_at} itself),
 * migrate's is called {@code migrate_applied_at} instead.
 *
 * <p>With the default name, the history may live at {@code migrate_schema_migrations} instead: when a folder's own
 * SQL manages a {@code schema_migrations} table of its own (projects that came from Rails or an in-house tool), or
 * one of that name exists that is nobody's history table migrate knows. Once there, it is found there first.
 */
public final class HistoryTable {

    /** What a CREATE TABLE IF NOT EXISTS racing another one reports: its row type or the table came first. */
    private static final Set<String> CREATED_CONCURRENTLY = Set.of("23505", "42P07", "42710");

    private final String schema;
    private final String table;
    private final String qualified;
    /** The other place the history may live ({@code migrate_} + the name), or null when it may not move. */
    private final String alternate;
    private final String alternateQualified;
    /** Whether the history lives (or is to be created) at the alternate name. */
    private volatile boolean atAlternate;
    /** What the last look found where the history is. */
    private volatile HistoryShape lastShape = HistoryShape.ABSENT;
    /** Where the table was last found or created, schema-qualified; null before that. */
    private volatile String located;
    /** The table's columns as the last look at it found them: where save and makeRoomFor find their names. */
    private volatile HistoryColumns columns = HistoryColumns.NONE;
    /** The catalog's definition of a table that is not migrate's, as the last look found it; null otherwise. */
    private volatile TableDefinition definition;
    private final HistoryRows rows = new HistoryRows(this);
    private final ClaimText asText = new ClaimText(this);
    private final HistoryUpgrade upgrade = new HistoryUpgrade(this);

    /** @param schema the schema, or {@code null} for the connection's current schema */
    public HistoryTable(String schema, String table) {
        this(schema, table, false);
    }

    /**
     * @param schema the schema, or {@code null} for the connection's current schema
     * @param mayMove whether the history may live at {@code migrate_} + {@code table} when {@code table} is taken
     */
    public HistoryTable(String schema, String table, boolean mayMove) {
        this.schema = schema;
        this.table = table;
        this.qualified = (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(table);
        this.alternate = mayMove ? "migrate_" + table : null;
        this.alternateQualified = mayMove
                ? (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(alternate) : null;
    }

    /** The table's name, for messages: {@code schema_migrations}, {@code ops.schema_migrations}. */
    public String name() {
        String own = atAlternate ? alternate : table;
        return schema == null ? own : schema + "." + own;
    }

    /** The name the history moves to when its own is taken, for messages; empty when it may not move. */
    public Optional<String> alternateName() {
        return Optional.ofNullable(alternate).map(name -> schema == null ? name : schema + "." + name);
    }

    /** Whether migrate's history is held under the configured name itself (so the name is not free to move). */
    public boolean heldUnderItsName() {
        return !atAlternate && lastShape == HistoryShape.MIGRATE;
    }

    /**
     * Keeps the history at the alternate name from now on, when it may move and is not held under its own name
     * yet: for a folder whose own SQL uses the configured name.
     *
     * @return whether the history is at the alternate name now
     */
    public boolean moveAside() {
        if (alternate != null && !heldUnderItsName() && !atAlternate) {
            atAlternate = true;
            located = null;
            lastShape = HistoryShape.ABSENT;
        }
        return atAlternate;
    }

    /**
     * The name as SQL text, quoted and schema-qualified: where the table was last found or created (so that a
     * script that changes {@code search_path} cannot divert the history), else as configured.
     */
    public String sqlName() {
        String found = located;
        return found != null ? found : atAlternate ? alternateQualified : qualified;
    }

    /** Every name the table may have, as SQL text: its own, and the one it moves to when that is taken. */
    public List<String> names() {
        return alternateQualified == null ? List.of(qualified) : List.of(qualified, alternateQualified);
    }

    /** The table's own name without schema, as other tools' tables are looked up beside it. */
    public String tableName() {
        return table;
    }

    public String schema() {
        return schema;
    }

    /** Its rows as a run writes them: claimed, settled, saved, removed. */
    public HistoryRows rows() {
        return rows;
    }

    /** A migration's claim and settle as SQL text, for a message that carries its script too. */
    public ClaimText asText() {
        return asText;
    }

    /** Changes to the table's shape that keep its rows. */
    public HistoryUpgrade upgrade() {
        return upgrade;
    }

    /** The table's columns as the last look at it found them. */
    HistoryColumns columns() {
        return columns;
    }

    /** What sits at the history table's name: nothing, migrate's table, golang-migrate's, dbmate's, or another. */
    public HistoryShape inspect(Connection connection) throws SQLException {
        return look(connection, false).shape();
    }

    /**
     * The applied migrations in version order, or empty when the table does not exist yet.
     *
     * @throws HistoryTableException if a table of that name exists but has another shape
     */
    public Optional<List<AppliedMigration>> applied(Connection connection) throws SQLException {
        Contents contents = read(connection);
        if (contents.shape() == HistoryShape.ABSENT) {
            return Optional.empty();
        }
        if (contents.shape() != HistoryShape.MIGRATE) {
            // golang-migrate's or dbmate's table: its rows are adopted, never read as migrate's.
            throw notOurs();
        }
        return Optional.of(contents.rows().stream().map(HistoryRow::row).toList());
    }

    /**
     * The table's shape and, when it is migrate's table, its rows in version order: a cheap existence probe and
     * one query, the whole history read of a run with nothing to do. Another tool's table has no rows here.
     *
     * @throws HistoryTableException if a table of that name exists but is nobody's history table migrate knows
     */
    public Contents read(Connection connection) throws SQLException {
        Contents contents = readAnyShape(connection);
        if (contents.shape() == HistoryShape.FOREIGN || contents.shape() == HistoryShape.FLYWAY) {
            throw notOurs();
        }
        return contents;
    }

    /** As {@link #read}, but a table of a shape migrate does not know is returned as such rather than refused. */
    public Contents readAnyShape(Connection connection) throws SQLException {
        return look(connection, true);
    }

    HistoryTableException notOurs() {
        TableDefinition found = definition;
        String described = found == null ? columns.describe() : found.describe();
        Optional<String> tool = found == null ? Optional.empty() : found.tool();
        if (tool.isEmpty()) {
            return HistoryTableException.notOurs(name(), "it has the columns " + described + "; migrate needs "
                    + "version, dirty, " + String.join(", ", HistoryColumns.METADATA.keySet()));
        }
        return HistoryTableException.anotherToolsHistory(name(), tool.get(), described, tool.get().equals("Flyway")
                ? "Leave the history table's name at its default, schema_migrations (no -table, no "
                        + "database.migrations.table), or give it another name of migrate's own: migrate finds Flyway's "
                        + "history table by its columns, whatever its name, and adopts " + name() + " on the next run."
                : "Give migrate's history table a name of its own: leave it at its default, schema_migrations (no "
                        + "-table, no database.migrations.table), or choose another.");
    }

    /** A table's shape and migrate's rows in it (none for any other shape). */
    public record Contents(HistoryShape shape, List<HistoryRow> rows) {
    }

    /**
     * Finds the table ({@link HistoryPlace}), then reads {@code SELECT *} and tells migrate's table from the result's
     * own column names, so that the rows come with it; any other table is told by its definition in the catalog.
     */
    private Contents look(Connection connection, boolean withRows) throws SQLException {
        if (!exists(connection)) {
            columns = HistoryColumns.NONE;
            definition = null;
            lastShape = HistoryShape.ABSENT;
            return new Contents(HistoryShape.ABSENT, List.of());
        }
        String sql = "SELECT * FROM " + sqlName() + (withRows ? "" : " LIMIT 0");
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            HistoryColumns found = HistoryColumns.of(result.getMetaData());
            columns = found;
            if (found.isMigrates()) {
                definition = null;
                lastShape = HistoryShape.MIGRATE;
                return new Contents(HistoryShape.MIGRATE, withRows ? found.rows(result) : List.of());
            }
        }
        definition = TableDefinition.of(connection, sqlName());
        lastShape = definition.shape();
        return new Contents(lastShape, List.of());
    }

    /**
     * Finds the table: where it was last found or created; else, when the history may move, at the alternate name
     * first (a history moved there stays there) and then at its own, in one statement.
     */
    private boolean exists(Connection connection) throws SQLException {
        if (located != null) {
            return Relations.first(connection, located).isPresent();
        }
        boolean both = !atAlternate && alternate != null;
        List<String> names = both ? List.of(alternate, table) : List.of(atAlternate ? alternate : table);
        Optional<HistoryPlace.Found> found = HistoryPlace.locate(connection, schema, names);
        found.ifPresent(place -> {
            located = place.sql();
            if (both && place.index() == 0) {
                atAlternate = true;
            }
        });
        return found.isPresent();
    }

    /**
     * Creates the table (and schema) when absent, and brings a table of an earlier migrate up to date; a table
     * that needs neither is left alone, since even a no-op ALTER TABLE locks it. Callers hold the migration lock.
     */
    public void create(Connection connection) throws SQLException {
        HistoryShape shape = inspect(connection);
        List<String> lacking = shape == HistoryShape.MIGRATE ? columns.lacking() : List.of();
        if (shape != HistoryShape.ABSENT && lacking.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (shape == HistoryShape.ABSENT) {
                String own = atAlternate ? alternate : table;
                String target = (schema == null ? "" : Identifiers.quote(schema) + ".") + Identifiers.quote(own);
                if (schema != null) {
                    statement.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
                } else {
                    target = Identifiers.quote(currentSchema(statement)) + "." + Identifiers.quote(own);
                }
                located = target;
                StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + target
                        + " (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT false");
                HistoryColumns.METADATA.forEach((column, type) ->
                        ddl.append(", ").append(column).append(' ').append(type));
                try {
                    statement.execute(ddl.append(')').toString());
                } catch (SQLException e) {
                    // Another run created it at the same moment (IF NOT EXISTS is not atomic): then it is there now.
                    if (!CREATED_CONCURRENTLY.contains(e.getSQLState()) || inspect(connection) == HistoryShape.ABSENT) {
                        throw e;
                    }
                }
            } else {
                for (String column : lacking) {
                    statement.execute("ALTER TABLE " + sqlName() + " ADD COLUMN " + quoted(column) + " text");
                }
            }
        }
        inspect(connection);
    }

    /** The first schema of the connection's search_path, where golang-migrate too creates its table. */
    private static String currentSchema(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            if (row.next() && row.getString(1) != null) {
                return row.getString(1);
            }
        }
        throw new SQLException("the search_path names no schema that exists, so there is nowhere to create it. Set "
                + "search_path, or give migrate a schema for its history table");
    }

    /** {@code INSERT INTO <table> (version, dirty, <metadata columns>}, in METADATA's order. */
    StringBuilder insertColumns() {
        StringBuilder insert = new StringBuilder("INSERT INTO " + sqlName() + " (version, dirty");
        for (String column : HistoryColumns.METADATA.keySet()) {
            insert.append(", ").append(quoted(column));
        }
        return insert;
    }

    /** A metadata column's name in this table, quoted. */
    String quoted(String metadata) {
        return Identifiers.quote(columns.name(metadata));
    }
}
