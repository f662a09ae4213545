package dev.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        List<String> first = db.catalog();
        assertThat(cli.run("-path", dir.toString(), "down", "-all").exitCode()).isZero();
        List<String> emptied = db.catalog();
        assertThat(cli.run("-path", dir.toString(), "up").exitCode()).isZero();
        List<String> second = db.catalog();

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
}
