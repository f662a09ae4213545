package dev.migrate.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A database's schema as sorted lines read from the catalog: tables and columns with types, nullability and
 * defaults, indexes, constraints, functions, triggers, views, enum types and extensions. Two databases built by
 * different tools from the same folder must give equal snapshots (history tables left out). It stands in for
 * {@code pg_dump -s}, whose client must match the server's major version.
 */
public final class SchemaSnapshot {

    private SchemaSnapshot() {
    }

    /** The schema of {@code db}, leaving out the named tables (history tables) and everything on them. */
    public static List<String> of(TestDatabase db, Set<String> leftOut) {
        String skip = leftOut.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "(", ")"));
        String user = "NOT IN ('pg_catalog', 'information_schema', 'pg_toast')";
        List<String> lines = new ArrayList<>();
        lines.addAll(db.column("SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' "
                + "|| data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '-') FROM information_schema.columns "
                + "WHERE table_schema " + user + " AND table_name NOT IN " + skip));
        lines.addAll(db.column("SELECT 'index ' || schemaname || ' ' || indexdef FROM pg_indexes WHERE schemaname "
                + user + " AND tablename NOT IN " + skip));
        lines.addAll(db.column("SELECT 'constraint ' || c.conrelid::regclass::text || ' ' || c.conname || ' ' || "
                + "pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                + "WHERE n.nspname " + user + " AND c.conrelid <> 0 AND c.conrelid::regclass::text NOT IN " + skip));
        lines.addAll(db.column("SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n "
                + "ON n.oid = p.pronamespace LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e' "
                + "WHERE n.nspname " + user + " AND p.prokind IN ('f', 'p') AND d.objid IS NULL"));
        lines.addAll(db.column("SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT t.tgisinternal"));
        lines.addAll(db.column("SELECT 'view ' || table_schema || '.' || table_name || ' ' || view_definition "
                + "FROM information_schema.views WHERE table_schema " + user));
        lines.addAll(db.column("SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname"));
        lines.addAll(db.column("SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'"));
        lines.sort(null);
        return lines;
    }
}
