package dev.migrate.fleet;

import dev.migrate.DatabaseAccessException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The targets a selection names, read from the control database's catalog (or its query) now: schemas other than
 * PostgreSQL's own, databases that accept connections and are not templates. Names and patterns give them in name
 * order (byte order, the same on every server); a query, in its own order. Each target once.
 */
public final class Targets {

    private Targets() {
    }

    /**
     * @throws IllegalArgumentException naming every exact name that matches no schema or database
     * @throws DatabaseAccessException if the catalog or the query cannot be read
     */
    public static List<Target> find(DataSource control, TargetSelection selection) {
        try (Connection connection = control.getConnection()) {
            return find(connection, selection);
        } catch (SQLException e) {
            throw new DatabaseAccessException("list the fleet's " + TargetSelection.plural(selection.kind())
                    + (selection.query() == null ? "" : " with the query '" + selection.query() + "'"), e);
        }
    }

    static List<Target> find(Connection connection, TargetSelection selection) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        if (selection.query() != null) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(selection.query())) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    if (name != null && !name.isBlank()) {
                        found.add(name.strip());
                    }
                }
            }
        } else {
            found.addAll(fromCatalog(connection, selection));
            List<String> missing = selection.names().stream().filter(name -> !found.contains(name)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("the fleet names " + TargetSelection.plural(selection.kind())
                        + " that do not exist: " + String.join(", ", missing) + ". Create them, or leave them "
                        + "out of the list (a LIKE pattern such as tenant_% takes only those that exist)");
            }
        }
        List<Target> targets = new ArrayList<>(found.size());
        for (String name : found) {
            targets.add(new Target(selection.kind(), name));
        }
        return targets;
    }

    private static List<String> fromCatalog(Connection connection, TargetSelection selection) throws SQLException {
        String sql = selection.kind() == Target.Kind.SCHEMA
                ? "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname !~ '^pg_' "
                        + "AND nspname <> 'information_schema' AND (nspname LIKE ANY (?) OR nspname = ANY (?)) "
                        + "ORDER BY nspname COLLATE \"C\""
                : "SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND NOT datistemplate "
                        + "AND (datname LIKE ANY (?) OR datname = ANY (?)) ORDER BY datname COLLATE \"C\"";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array patterns = connection.createArrayOf("text", selection.patterns().toArray());
            Array names = connection.createArrayOf("text", selection.names().toArray());
            statement.setArray(1, patterns);
            statement.setArray(2, names);
            List<String> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        }
    }
}
