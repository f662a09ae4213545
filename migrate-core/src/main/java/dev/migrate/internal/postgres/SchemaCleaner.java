package dev.migrate.internal.postgres;

import dev.migrate.CleanResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Empties one schema for a development reset (Flyway's {@code clean}, golang-migrate's {@code drop}): each object
 * is dropped by name with CASCADE, in one transaction, so that a failure drops nothing. The schema itself stays, with
 * its owner and privileges (dropping and re-creating it would lose them, and needs more rights than dropping what
 * is in it). Objects that belong to an extension, or are part of another object, go with it.
 */
public final class SchemaCleaner {

    /**
     * Neither a member of an extension nor part of another object (a range type's constructor functions, an identity
     * column's sequence): those go with what they belong to, and dropping them alone is refused.
     */
    private static final String OWN = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = %1$s.oid "
            + "AND d.classid = '%2$s'::regclass AND d.deptype IN ('e', 'i') AND d.refobjid <> d.objid)";

    /** Each kind of object: its DROP statement, and a query for the qualified names in the schema ($1). */
    private static final List<String[]> KINDS = List.of(
            new String[] {"DROP EXTENSION IF EXISTS %s CASCADE",
                    "SELECT quote_ident(extname) FROM pg_catalog.pg_extension WHERE extnamespace = $1 ORDER BY 1"},
            new String[] {"DROP MATERIALIZED VIEW IF EXISTS %s CASCADE", relations("'m'")},
            new String[] {"DROP VIEW IF EXISTS %s CASCADE", relations("'v'")},
            new String[] {"DROP FOREIGN TABLE IF EXISTS %s CASCADE", relations("'f'")},
            new String[] {"DROP TABLE IF EXISTS %s CASCADE", relations("'r', 'p'")},
            new String[] {"DROP SEQUENCE IF EXISTS %s CASCADE", relations("'S'")},
            new String[] {"DROP AGGREGATE IF EXISTS %s CASCADE", routines("p.prokind = 'a'")},
            new String[] {"DROP ROUTINE IF EXISTS %s CASCADE", routines("p.prokind <> 'a'")},
            new String[] {"DROP DOMAIN IF EXISTS %s CASCADE", types("t.typtype = 'd'")},
            // enums, ranges, base types (not their arrays), and composite types of their own (not a table's row)
            new String[] {"DROP TYPE IF EXISTS %s CASCADE", types("t.typtype IN ('e', 'r', 'b') AND t.typelem = 0 "
                    + "OR t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) "
                    + "= 'c'")});

    private static final String REMAINING = "SELECT 'relation ' || oid::regclass FROM pg_catalog.pg_class c "
            + "WHERE relnamespace = $1 AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + own("c", "pg_class")
            + " UNION ALL SELECT 'routine ' || oid::regprocedure FROM pg_catalog.pg_proc p WHERE pronamespace = $1 AND "
            + own("p", "pg_proc") + " UNION ALL SELECT 'operator ' || oid::regoperator FROM pg_catalog.pg_operator o "
            + "WHERE oprnamespace = $1 AND " + own("o", "pg_operator") + " ORDER BY 1";

    private SchemaCleaner() {
    }

    private static String own(String alias, String catalog) {
        return OWN.formatted(alias, "pg_catalog." + catalog);
    }

    private static String relations(String kinds) {
        return "SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relnamespace = $1 "
                + "AND c.relkind IN (" + kinds + ") AND NOT c.relispartition AND " + own("c", "pg_class")
                + " ORDER BY 1";
    }

    private static String routines(String condition) {
        // regprocedure names the argument types, which DROP needs to tell overloads apart
        return "SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p WHERE p.pronamespace = $1 AND " + condition
                + " AND " + own("p", "pg_proc") + " ORDER BY 1";
    }

    private static String types(String condition) {
        return "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.typname) FROM pg_catalog.pg_type t "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE t.typnamespace = $1 AND (" + condition
                + ") AND " + own("t", "pg_type") + " ORDER BY 1";
    }

    /** Drops every object of {@code schema} ({@code null}: the connection's current schema) in one transaction. */
    public static CleanResult clean(Connection connection, String schema) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            String name;
            long oid;
            try (PreparedStatement find = connection.prepareStatement("SELECT nspname, oid FROM "
                    + "pg_catalog.pg_namespace WHERE nspname = coalesce(?, current_schema())")) {
                find.setString(1, schema);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        connection.rollback();
                        return new CleanResult(schema == null ? "(none on the search_path)" : schema, List.of(),
                                List.of());
                    }
                    name = row.getString(1);
                    oid = row.getLong(2);
                }
            }
            List<String> dropped = new ArrayList<>();
            for (String[] kind : KINDS) {
                for (String object : names(statement, kind[1].replace("$1", oid + "::oid"))) {
                    statement.execute(kind[0].formatted(object));
                    dropped.add(kind[0].substring("DROP ".length(), kind[0].indexOf(" IF EXISTS")).toLowerCase(
                            java.util.Locale.ROOT) + " " + object);
                }
            }
            List<String> remaining = names(statement, REMAINING.replace("$1", oid + "::oid"));
            connection.commit();
            return new CleanResult(name, dropped, remaining);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static List<String> names(Statement statement, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet row = statement.executeQuery(query)) {
            while (row.next()) {
                names.add(row.getString(1));
            }
        }
        return names;
    }
}
