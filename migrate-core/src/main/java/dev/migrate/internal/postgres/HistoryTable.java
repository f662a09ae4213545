package dev.migrate.internal.postgres;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private HistoryTableException notOurs() {
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

    /**
     * Extends golang-migrate's or dbmate's table into migrate's, keeping its name, its rows, and every column as it
     * is (dbmate's versions stay text): migrate's columns are added, each with a default, so that the tool's own
     * inserts still work; the caller then writes the adopted rows over the tool's. A table that is no longer of
     * either shape is refused. Runs in the caller's transaction, under the lock.
     */
    public void extendInPlace(Connection connection) throws SQLException {
        HistoryShape shape = inspect(connection);
        if (shape != HistoryShape.GOLANG_MIGRATE && shape != HistoryShape.DBMATE) {
            throw notOurs();
        }
        HistoryColumns before = columns;
        try (Statement statement = connection.createStatement()) {
            if (shape == HistoryShape.DBMATE) {
                statement.execute("ALTER TABLE " + sqlName() + " ADD COLUMN dirty boolean NOT NULL DEFAULT false");
            }
            for (Map.Entry<String, String> column : HistoryColumns.METADATA.entrySet()) {
                statement.execute("ALTER TABLE " + sqlName() + " ADD COLUMN "
                        + Identifiers.quote(before.nameToAdd(column.getKey())) + " " + column.getValue());
            }
        }
        inspect(connection);
    }

    /** Whether {@code sql} holds {@code name} in any case, without a lower-cased copy of a script that may be large. */
    private static boolean mentions(String sql, String name) {
        char lower = Character.toLowerCase(name.charAt(0));
        char upper = Character.toUpperCase(name.charAt(0));
        for (int at = 0; at + name.length() <= sql.length(); at++) {
            char c = sql.charAt(at);
            if ((c == lower || c == upper) && sql.regionMatches(true, at, name, 0, name.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves migrate's metadata columns out of the way of a script that adds a column of the same name to this
     * table, as scripts written for golang-migrate's two-column table may. Runs in the script's transaction.
     */
    public void makeRoomFor(Connection connection, String sql) throws SQLException {
        for (String column : inTheWayOf(sql)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + sqlName() + " RENAME COLUMN " + Identifiers.quote(column)
                        + " TO " + Identifiers.quote(HistoryColumns.PREFIX + column));
            }
            inspect(connection);
        }
    }

    /** migrate's columns, not yet moved, that {@code sql} adds to this table under their own names. */
    private List<String> inTheWayOf(String sql) {
        if (!mentions(sql, table)) {
            return List.of();
        }
        return HistoryColumns.METADATA.keySet().stream()
                .filter(column -> columns.name(column).equals(column) && adds(column).matcher(sql).find()).toList();
    }

    /** ALTER TABLE of this table adding {@code column}. */
    private Pattern adds(String column) {
        return Pattern.compile("(?is)alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?[\\w\".]*"
                + Pattern.quote(table) + "\"?\\s+.*?add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?\"?"
                + column + "\"?\\b");
    }

    /** Inserts or replaces the row of {@code row.version()}, in the caller's transaction: force and baseline. */
    public void save(Connection connection, AppliedMigration row) throws SQLException {
        write(connection, row, " ON CONFLICT (version) DO UPDATE SET " + assignments("excluded."), null);
    }

    /**
     * Inserts the row of {@code row.version()} unless that version has one, in the caller's transaction: the
     * guard that makes a migration run once. When another run's transaction holds an uncommitted row for it, this
     * waits for that transaction to end.
     *
     * @return whether the row was inserted; false when the version was already recorded, by another run
     */
    public boolean claim(Connection connection, AppliedMigration row) throws SQLException {
        return write(connection, row, " ON CONFLICT (version) DO NOTHING", null) == 1;
    }

    /**
     * As {@link #claim}, for a migration about to run outside a transaction: the row, dirty, names the session that
     * runs it ({@link Claimants}), so that while it runs no other run takes it for a failure.
     */
    public boolean claimToRun(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return write(connection, row, " ON CONFLICT (version) DO NOTHING", claimant) == 1;
    }

    /**
     * Rewrites the row of {@code row.version()} (dirty flag, time taken), in the caller's transaction.
     *
     * @return whether there was such a row; false when it was deleted meanwhile, by the script itself or by hand
     */
    public boolean settle(Connection connection, AppliedMigration row) throws SQLException {
        return update(connection, row, null, null);
    }

    /** As {@link #settle}, marking the row claimed by {@code claimant}: a rollback about to run outside a transaction. */
    public boolean claimToRunDown(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return update(connection, row, claimant, null);
    }

    /**
     * As {@link #settle}, only while the row is still {@code claimant}'s: a run settles the row it claimed, never
     * one another run wrote meanwhile.
     *
     * @return false when the row is gone or no longer the claimant's
     */
    public boolean settleOwn(Connection connection, AppliedMigration row, String claimant) throws SQLException {
        return update(connection, row, null, claimant);
    }

    private boolean update(Connection connection, AppliedMigration row, String claimant, String only)
            throws SQLException {
        String sql = "UPDATE " + sqlName() + " SET " + assignments(null) + " WHERE version = ?"
                + (only == null ? "" : " AND " + quoted("claimed_by") + " = ?");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int next = bindMetadata(statement, 1, row, claimant);
            bindVersion(statement, next, row.version());
            if (only != null) {
                statement.setString(next + 1, only);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            return vanished(e);
        }
    }

    /**
     * Whether a migration's claim and settle can be written as text ({@link #claimText}, {@link #settleText}) and
     * sent with its script: its version is a plain literal, the version column holds it as it is, and the script
     * adds no column of migrate's to this table (then {@link #makeRoomFor} has work to do first). The caller checks
     * that the server reads {@code '...'} literals as written.
     */
    public boolean claimsAsText(Version version, String sql) {
        return version.toString().matches("[0-9A-Za-z._-]+")
                && (version.asLong().isPresent() || !columns.holdsWholeVersionsOnly()) && inTheWayOf(sql).isEmpty();
    }

    /**
     * The claim as one statement of text, for a message that carries the script too: a plain INSERT, so that a
     * version already recorded fails it (23505) and the server runs nothing after it. The row's time taken holds
     * the server's clock (epoch milliseconds) until {@link #settleText} turns it into the time taken, in the same
     * transaction, so no other session ever reads it.
     */
    public String claimText(AppliedMigration row) {
        Instant at = row.appliedAt() == null ? Instant.now() : row.appliedAt();
        // the values in METADATA's order, as bindMetadata binds them
        return insertColumns().append(") VALUES (").append(literal(row.version().toString())).append(", ")
                .append(row.dirty()).append(", ").append(literal(row.description())).append(", ")
                .append(literal(row.checksum())).append(", ")
                .append(literal(OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString())).append("::timestamptz, ")
                .append(SERVER_MILLIS).append(", ").append(literal(row.appliedBy())).append(", ")
                .append(literal(row.adoptedFrom())).append(", NULL)").toString();
    }

    private static final String SERVER_MILLIS = "(extract(epoch FROM pg_catalog.clock_timestamp()) * 1000)::bigint";

    /** A string literal as a server with standard_conforming_strings reads it; NULL for null. */
    private static String literal(String value) {
        return value == null ? "NULL" : "'" + value.replace("'", "''") + "'";
    }

    /** What the check after a settle says when the row is gone: the message of the error it raises. */
    public static final String ROW_GONE = "migrate: the history row of the migration is gone";

    /** The label of the one value {@link #settleText} returns: the migration's time taken, in milliseconds. */
    public static final String TOOK = "migrate: time taken";

    /**
     * The statement that settles a row {@link #claimText} wrote, sent with its script in one message: it sets the
     * row's time taken (by the server's clock, from the claim) and returns it labelled {@link #TOOK}, or, when the
     * script removed the row, raises an error holding {@link #ROW_GONE}, so that the COMMIT after it never runs.
     */
    public String settleText(Version version, long rowsAfter) {
        String took = quoted("execution_ms");
        String rows = "(SELECT count(*) FROM " + sqlName() + ")";
        // The casts depend on the counts, so they are not folded at planning: each fails only when its case holds.
        return "WITH settled AS (UPDATE " + sqlName() + " SET " + took + " = " + SERVER_MILLIS + " - " + took
                + " WHERE version = " + literal(version.toString()) + " RETURNING " + took + " AS took) "
                + "SELECT CASE WHEN count(*) = 0 THEN ('" + ROW_GONE + " (' || count(*) || ')')::bigint "
                + "WHEN " + rows + " < " + rowsAfter + " THEN ('" + ROWS_CHANGED + " (' || " + rows + " || ')')::bigint "
                + "ELSE max(took) END AS \"" + TOOK + "\" FROM settled";
    }

    /** What the check after a settle says when the script deleted other versions' rows. */
    public static final String ROWS_CHANGED = "migrate: the history rows of other versions were deleted";

    /** What both checks after a settle begin with: an error holding it is the engine's, not the script's. */
    public static final String SETTLE_CHECK = "migrate: the history row";

    /**
     * Checks, in the caller's transaction, that the table holds at least {@code rowsAfter} rows: a script that deleted
     * another version's row (which would make that one run again) is caught before COMMIT. More rows are no finding:
     * another run may have recorded versions meanwhile, which the run notices on its own.
     */
    public void requireRows(Connection connection, long rowsAfter, dev.migrate.Migration migration)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + sqlName())) {
            long found = row.next() ? row.getLong(1) : 0;
            if (found < rowsAfter) {
                throw HistoryTableException.rowsChanged(name(), migration, rowsAfter, found);
            }
        }
    }

    /**
     * Deletes the row of {@code version}, in the caller's transaction; waits for another run's transaction that
     * holds it.
     *
     * @return whether there was such a row; false when another run removed it first
     */
    public boolean remove(Connection connection, Version version) throws SQLException {
        return remove(connection, version, null);
    }

    /** As {@link #remove}, only while the row is {@code claimant}'s (when not null). */
    public boolean remove(Connection connection, Version version, String claimant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + sqlName()
                + " WHERE version = ?" + (claimant == null ? "" : " AND " + quoted("claimed_by") + " = ?"))) {
            bindVersion(statement, 1, version);
            if (claimant != null) {
                statement.setString(2, claimant);
            }
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            return vanished(e);
        }
    }

    /** False when the table itself is gone (a script dropped it): its rows went with it. */
    private static boolean vanished(SQLException e) throws SQLException {
        if ("42P01".equals(e.getSQLState())) {
            return false;
        }
        throw e;
    }

    private int write(Connection connection, AppliedMigration row, String onConflict, String claimant)
            throws SQLException {
        makeRoomForVersion(connection, row.version());
        String values = ") VALUES (?, ?" + ", ?".repeat(HistoryColumns.METADATA.size()) + ")";
        try (PreparedStatement statement = connection.prepareStatement(insertColumns().append(values)
                .append(onConflict).toString())) {
            bindVersion(statement, 1, row.version());
            bindMetadata(statement, 2, row, claimant);
            return statement.executeUpdate();
        }
    }

    /** {@code INSERT INTO <table> (version, dirty, <metadata columns>}, in METADATA's order. */
    private StringBuilder insertColumns() {
        StringBuilder insert = new StringBuilder("INSERT INTO " + sqlName() + " (version, dirty");
        for (String column : HistoryColumns.METADATA.keySet()) {
            insert.append(", ").append(quoted(column));
        }
        return insert;
    }

    /**
     * Sends a version as text of no declared type, so that the server reads it as the column's type: {@code bigint}
     * as long as every version is a whole number, {@code text} once one is not.
     */
    private static void bindVersion(PreparedStatement statement, int index, Version version) throws SQLException {
        statement.setObject(index, version.toString(), Types.OTHER);
    }

    /**
     * Turns the {@code bigint} version column into {@code text} when a version that it cannot hold is to be
     * written (a Flyway folder's 1.1, or a number above 2^63 - 1): every row is kept, each number as its digits.
     * Until then the table stays as earlier releases made it, readable and writable by them and ordered by
     * {@code ORDER BY version} in users' own queries. Runs in the caller's transaction, under the migration lock.
     */
    private void makeRoomForVersion(Connection connection, Version version) throws SQLException {
        if (version.asLong().isPresent() || !columns.holdsWholeVersionsOnly()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + sqlName() + " ALTER COLUMN version TYPE text USING version::text");
        }
        inspect(connection);
    }

    /** {@code dirty, description, ..., adopted_from = <prefix>same}, or {@code = ?} each without a prefix. */
    private String assignments(String fromPrefix) {
        StringBuilder set = new StringBuilder("dirty = " + (fromPrefix == null ? "?" : fromPrefix + "dirty"));
        for (String column : HistoryColumns.METADATA.keySet()) {
            set.append(", ").append(quoted(column)).append(" = ")
                    .append(fromPrefix == null ? "?" : fromPrefix + quoted(column));
        }
        return set.toString();
    }

    /** Binds dirty and the metadata columns from {@code first}, in METADATA's order; returns the next index. */
    private static int bindMetadata(PreparedStatement statement, int first, AppliedMigration row, String claimant)
            throws SQLException {
        int i = first;
        statement.setBoolean(i++, row.dirty());
        statement.setString(i++, row.description());
        statement.setString(i++, row.checksum());
        // No instant only for a time migrate cannot show (a hand-edited 'infinity'); the column needs one.
        Instant at = row.appliedAt() == null ? Instant.now() : row.appliedAt();
        statement.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        statement.setLong(i++, row.executionMs());
        statement.setString(i++, row.appliedBy());
        statement.setString(i++, row.adoptedFrom());
        statement.setString(i++, claimant);
        return i;
    }

    /** A metadata column's name in this table, quoted. */
    private String quoted(String metadata) {
        return Identifiers.quote(columns.name(metadata));
    }
}
