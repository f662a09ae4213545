package dev.migrate.internal.postgres;

import dev.migrate.HistoryTableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the history table is. With a schema given, there only. Without one, in the connection's current schema
 * only (the first schema of the {@code search_path} that exists), which is where golang-migrate and dbmate look
 * for theirs and where migrate creates it: a table of that name in a schema later on the path (a hosted
 * PostgreSQL's {@code auth.schema_migrations}) is another service's and is never read. migrate's own history in
 * another schema of the path is a history that would drop out of sight (a schema named after the user appeared,
 * and {@code "$user"} leads the default path), so it is refused, naming both places, before anything changes.
 *
 * <p>Names are PostgreSQL's quoted names, used exactly as given: a schema or table that differs from the given
 * name only in case is refused rather than taken for it or passed over for a second history.
 */
final class HistoryPlace {

    /** A table found: its schema, its name, and which of the names asked for it is. */
    record Found(String schema, String table, int index) {

        String sql() {
            return Identifiers.quote(schema) + "." + Identifiers.quote(table);
        }

        String label() {
            return schema + "." + table;
        }
    }

    private record Row(String schema, String table, int index, boolean ours) {
    }

    private HistoryPlace() {
    }

    /**
     * The first of {@code tables} (unquoted names) that exists where the history is looked for, in one statement:
     * it also finds migrate's history elsewhere on the search path and, only when the exact name is not there,
     * names that differ from it only in case.
     *
     * @param schema the schema given, or null for the current schema
     * @throws HistoryTableException when migrate's history sits in another schema of the search path, or a name
     *     differs from the given one only in case
     */
    static Optional<Found> locate(Connection connection, String schema, List<String> tables) throws SQLException {
        if (schema != null) {
            Optional<Found> exact = exactly(connection, schema, tables);
            if (exact.isPresent()) {
                return exact;
            }
        }
        String here = null;
        List<Row> rows = new ArrayList<>();
        List<Row> otherCase = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            statement.setArray(3, connection.createArrayOf("text", tables.toArray()));
            statement.setArray(4, connection.createArrayOf("text",
                    tables.stream().map(name -> name.toLowerCase(Locale.ROOT)).toArray()));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    here = row.getString(1);
                    if (row.getString(2) != null) {
                        Row found = new Row(row.getString(2), row.getString(3), row.getInt(4) - 1, row.getBoolean(5));
                        (found.index() < 0 ? otherCase : rows).add(found);
                    }
                }
            }
        }
        String place = here;
        Optional<Row> inPlace = rows.stream().filter(row -> row.schema().equals(place)).findFirst();
        List<String> elsewhere = rows.stream().filter(row -> row.ours() && !row.schema().equals(place))
                .map(row -> row.schema() + "." + row.table()).toList();
        if (!elsewhere.isEmpty()) {
            throw HistoryTableException.elsewhereOnSearchPath(elsewhere, place, tables.get(tables.size() - 1),
                    inPlace.map(row -> row.schema() + "." + row.table()), inPlace.filter(Row::ours).isPresent());
        }
        refuseOtherCase(otherCase, schema, place, tables);
        return inPlace.map(row -> new Found(row.schema(), row.table(), row.index()));
    }

    /**
     * The first of {@code tables} in {@code schema} under its exact name, by a statement that is cheap to plan: a
     * fleet looks once in each of thousands of schemas, and the full statement's planning is most of its cost. The
     * case checks are needed only when the exact name is not there, so the full statement follows only then.
     */
    private static Optional<Found> exactly(Connection connection, String schema, List<String> tables)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(EXACT_SQL)) {
            statement.setString(1, schema);
            statement.setArray(2, connection.createArrayOf("text", tables.toArray()));
            Optional<Found> first = Optional.empty();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    int index = tables.indexOf(row.getString(1));
                    if (first.isEmpty() || index < first.get().index()) {
                        first = Optional.of(new Found(schema, row.getString(1), index));
                    }
                }
            }
            return first;
        }
    }

    private static final String EXACT_SQL = "SELECT c.relname FROM pg_catalog.pg_namespace n JOIN "
            + "pg_catalog.pg_class c ON c.relnamespace = n.oid WHERE n.nspname = ? AND c.relname = ANY (?) AND "
            + "c.relkind IN ('r', 'p', 'v', 'm', 'f')";

    /**
     * The tables of the given names where the history is looked for (the given schema, else the current one and
     * the rest of the search path), each saying whether it has migrate's columns; then, only when none is in that
     * schema, the schemas whose names differ from it only in case and their tables of such names, numbered 0.
     */
    private static final String SQL = "WITH place AS (SELECT CAST(? AS text) AS given, coalesce(CAST(? AS text), "
            + "pg_catalog.current_schema()) AS here), found AS (SELECT p.here, n.nspname, c.relname, t.ord, EXISTS "
            + "(SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'dirty' AND NOT "
            + "a.attisdropped) AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND "
            + "a.attname IN ('checksum', 'migrate_checksum') AND NOT a.attisdropped) AS ours FROM place p LEFT JOIN "
            + "(unnest(CAST(? AS text[])) WITH ORDINALITY AS t(name, ord) JOIN pg_catalog.pg_class c ON c.relname = "
            + "t.name AND c.relkind IN ('r', 'p', 'v', 'm', 'f') JOIN pg_catalog.pg_namespace n ON n.oid = "
            + "c.relnamespace) ON n.nspname = p.here OR (p.given IS NULL AND n.nspname = ANY "
            + "(pg_catalog.current_schemas(false)))) SELECT * FROM found UNION ALL SELECT p.here, n.nspname, "
            + "c.relname, 0, false FROM place p JOIN pg_catalog.pg_namespace n ON lower(n.nspname) = lower(p.here) "
            + "LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            + "AND lower(c.relname) = ANY (CAST(? AS text[])) WHERE NOT EXISTS (SELECT FROM found f WHERE f.nspname "
            + "= f.here) ORDER BY 4";

    /**
     * Refuses a name that PostgreSQL would take for another one had it been written unquoted: no schema of the
     * exact name given but one that differs only in case, or no table of the exact name but one that does.
     */
    private static void refuseOtherCase(List<Row> found, String schema, String place, List<String> tables) {
        boolean schemaExists = found.stream().anyMatch(row -> row.schema().equals(place));
        if (!schemaExists && schema != null && !found.isEmpty()) {
            throw HistoryTableException.otherCase("schema", schema, found.get(0).schema());
        }
        for (Row row : found) {
            if (row.schema().equals(place) && row.table() != null && !tables.contains(row.table())) {
                throw HistoryTableException.otherCase("table", place + "." + tables.get(tables.size() - 1),
                        place + "." + row.table());
            }
        }
    }
}
