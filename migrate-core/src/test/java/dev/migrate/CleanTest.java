package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/** The development reset: every object of the schema dropped, nothing outside it, and only when enabled. */
class CleanTest extends FolderTest {

    private void everyKindOfObject() {
        folder().file("1_kinds.up.sql", String.join("\n",
                "CREATE TYPE plan AS ENUM ('free', 'team');",
                "CREATE TYPE money_range AS RANGE (subtype = numeric);",
                "CREATE TYPE address AS (street text, city text);",
                "CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');",
                "CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email email, plan plan);",
                "CREATE TABLE orders (id bigserial, account bigint REFERENCES accounts, at timestamptz, PRIMARY KEY (id, at))",
                "    PARTITION BY RANGE (at);",
                "CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');",
                "CREATE SEQUENCE invoice_numbers;",
                "CREATE VIEW team_accounts AS SELECT * FROM accounts WHERE plan = 'team';",
                "CREATE MATERIALIZED VIEW account_count AS SELECT count(*) FROM accounts;",
                "CREATE FUNCTION next_invoice() RETURNS bigint LANGUAGE sql AS 'SELECT nextval(''invoice_numbers'')';",
                "CREATE FUNCTION plan_of(a accounts) RETURNS plan LANGUAGE sql AS 'SELECT a.plan';",
                "CREATE PROCEDURE touch() LANGUAGE sql AS 'SELECT 1';",
                "CREATE AGGREGATE longest(text) (SFUNC = text_larger, STYPE = text);",
                "CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;",
                "CREATE TRIGGER accounts_stamp BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION stamp();"))
                .file("1_kinds.down.sql", "SELECT 1;")
                .file("R__totals.sql", "CREATE OR REPLACE VIEW totals AS SELECT count(*) AS n FROM orders;");
    }

    private Migrator cleaning(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).cleanEnabled(true).build();
    }

    @Test
    void dropsEveryObjectOfTheSchemaAndTheHistorySoTheNextRunStartsAfresh(TestDatabase db) {
        everyKindOfObject();
        db.execute("CREATE SCHEMA keep; CREATE TABLE keep.audit (id int)");
        cleaning(db).migrate();

        CleanResult result = cleaning(db).clean();

        assertThat(result.schema()).isEqualTo("public");
        assertThat(result.remaining()).as(result.dropped().toString()).isEmpty();
        assertThat(db.catalog()).isEmpty();
        assertThat(db.tableExists("schema_migrations")).isFalse();
        assertThat(db.value("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace")).isEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace")).isEqualTo("0");
        assertThat(result.dropped()).contains("table public.accounts", "view public.team_accounts",
                "materialized view public.account_count", "domain public.email", "type public.plan",
                "sequence public.invoice_numbers");
        assertThat(db.tableExists("keep.audit") || "1".equals(db.value("SELECT count(*) FROM pg_tables "
                + "WHERE schemaname = 'keep' AND tablename = 'audit'"))).as("other schemas are left alone").isTrue();

        assertThat(cleaning(db).migrate().applied()).hasSize(1);
        assertThat(db.tableExists("accounts")).isTrue();
    }

    @Test
    void isRefusedUnlessEnabledAndThenDropsNothing(TestDatabase db) {
        everyKindOfObject();
        migrator(db).migrate();

        IllegalStateException refused = catchThrowableOfType(IllegalStateException.class, () -> migrator(db).clean());

        assertThat(refused).hasMessageStartingWith("clean is disabled: it drops every object in the schema, data "
                + "included. Enable it for development databases only");
        assertThat(db.tableExists("accounts")).isTrue();
        assertThat(db.tableExists("schema_migrations")).isTrue();
    }

    @Test
    void cleansTheHistorysSchemaWhenOneIsConfigured(TestDatabase db) {
        db.execute("CREATE SCHEMA app; CREATE TABLE public.keep (id int)");
        folder().file("1_t.up.sql", "CREATE TABLE app.t (id int);").file("1_t.down.sql", "DROP TABLE app.t;");
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).schema("app")
                .cleanEnabled(true).build();
        migrator.migrate();

        CleanResult result = migrator.clean();

        assertThat(result.schema()).isEqualTo("app");
        assertThat(result.dropped()).containsExactlyInAnyOrder("table app.t", "table app.schema_migrations");
        assertThat(db.tableExists("keep")).isTrue();
    }
}
