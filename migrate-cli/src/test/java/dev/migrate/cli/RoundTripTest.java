package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** up, down -all, up on a 50-migration folder leaves the catalog exactly as the first up did. */
@ExtendWith(PostgresExtension.class)
class RoundTripTest {

    @TempDir
    Path dir;

    @Test
    void upDownAllUpRebuildsTheSameSchema(TestDatabase db) throws IOException {
        writeFiftyMigrations();
        String url = db.jdbcUrlWithCredentials();
        CliRun cli = new CliRun().env("DATABASE_URL", url);

        assertThat(cli.run("-path", dir.toString(), "up").exitCode()).isZero();
        List<String> first = catalog(db);
        assertThat(cli.run("-path", dir.toString(), "down", "-all").exitCode()).isZero();
        List<String> emptied = catalog(db);
        assertThat(cli.run("-path", dir.toString(), "up").exitCode()).isZero();
        List<String> second = catalog(db);

        assertThat(first).hasSizeGreaterThan(150);
        assertThat(emptied).allMatch(line -> line.contains("schema_migrations"));
        assertThat(second).isEqualTo(first);
    }

    /** Ten groups of five: a table, a column and check, an index, a function with a trigger, a view and enum. */
    private void writeFiftyMigrations() throws IOException {
        int version = 0;
        for (int g = 1; g <= 10; g++) {
            String t = "orders_" + g;
            pair(++version, "create_" + t,
                    "CREATE TABLE " + t + " (id bigserial PRIMARY KEY, status text NOT NULL DEFAULT 'open', "
                            + "placed_at timestamptz NOT NULL DEFAULT now());\nCOMMENT ON TABLE " + t + " IS 'orders; group " + g + "';",
                    "DROP TABLE " + t + ";");
            pair(++version, "add_total_" + g,
                    "ALTER TABLE " + t + " ADD COLUMN total numeric(12, 2) NOT NULL DEFAULT 0;\n"
                            + "ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_total_positive CHECK (total >= 0);",
                    "ALTER TABLE " + t + " DROP CONSTRAINT " + t + "_total_positive;\nALTER TABLE " + t + " DROP COLUMN total;");
            pair(++version, "index_status_" + g,
                    "-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY " + t + "_open ON " + t + " (placed_at) WHERE status = 'open';",
                    "-- migrate:no-transaction\nDROP INDEX CONCURRENTLY " + t + "_open;");
            pair(++version, "touch_trigger_" + g,
                    "CREATE FUNCTION touch_" + g + "() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                            + "  NEW.placed_at := now(); -- keep it fresh; always\n  RETURN NEW;\nEND;\n$$;\n"
                            + "CREATE TRIGGER " + t + "_touch BEFORE UPDATE ON " + t + " FOR EACH ROW EXECUTE FUNCTION touch_" + g + "();",
                    "DROP TRIGGER " + t + "_touch ON " + t + ";\nDROP FUNCTION touch_" + g + "();");
            pair(++version, "open_view_" + g,
                    "CREATE TYPE priority_" + g + " AS ENUM ('low', 'high');\n"
                            + "CREATE VIEW " + t + "_open_v AS SELECT id, total FROM " + t + " WHERE status = 'open';",
                    "DROP VIEW " + t + "_open_v;\nDROP TYPE priority_" + g + ";");
        }
    }

    private void pair(int version, String name, String up, String down) throws IOException {
        String prefix = String.format("%06d_%s", version, name);
        Files.writeString(dir.resolve(prefix + ".up.sql"), up);
        Files.writeString(dir.resolve(prefix + ".down.sql"), down);
    }

    /** Every object of the public schema as text: columns, constraints, indexes, routines, triggers, views, types. */
    private static List<String> catalog(TestDatabase db) {
        List<String> lines = new ArrayList<>();
        lines.addAll(db.column("SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, "
                + "a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid "
                + "AND d.adnum = a.attnum WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND c.relkind IN ('r', 'v') ORDER BY 1"));
        lines.addAll(db.column("SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' "
                + "|| pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace "
                + "AND conrelid <> 0 ORDER BY 1"));
        lines.addAll(db.column("SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"));
        lines.addAll(db.column("SELECT 'routine ' || pg_get_functiondef(p.oid) FROM pg_proc p "
                + "WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1"));
        lines.addAll(db.column("SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal "
                + "ORDER BY 1"));
        lines.addAll(db.column("SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = 'public' "
                + "ORDER BY 1"));
        lines.addAll(db.column("SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) "
                + "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1"));
        lines.addAll(db.column("SELECT 'comment ' || c.relname || ' ' || obj_description(c.oid, 'pg_class') "
                + "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace "
                + "AND obj_description(c.oid, 'pg_class') IS NOT NULL ORDER BY 1"));
        lines.addAll(db.column("SELECT 'sequence ' || sequencename || ' ' || data_type FROM pg_sequences "
                + "WHERE schemaname = 'public' ORDER BY 1"));
        return lines;
    }
}
