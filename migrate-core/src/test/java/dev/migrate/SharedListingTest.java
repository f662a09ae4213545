package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One listing, many targets: each schema migrated from files read once, one after the other or at the same time. */
class SharedListingTest extends FolderTest {

    private static final List<String> TENANTS = List.of("tenant_a", "tenant_b", "tenant_c", "tenant_d");

    @Test
    void runsAgainstManySchemasWithoutReadingTheFolderAgain(TestDatabase db) throws Exception {
        folder().file("1_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);")
                .file("1_orders.down.sql", "DROP TABLE orders;")
                .file("2_lines.up.sql", "CREATE TABLE lines (order_id bigint REFERENCES orders);")
                .file("2_lines.down.sql", "DROP TABLE lines;");
        createSchemas(db);
        try (MigrationListing listing = migrator(db).list()) {
            assertThat(listing.size()).isEqualTo(2);
            // Gone from disk: every run below works from what the listing read.
            folder().delete("1_orders.up.sql").delete("2_lines.up.sql");
            for (String tenant : TENANTS.subList(0, 2)) {
                assertThat(tenant(db, tenant, listing).migrate().applied()).hasSize(2);
            }
            assertThat(atTheSameTime(db, TENANTS.subList(2, 4), listing)).containsOnly(2);
            for (String tenant : TENANTS) {
                assertThat(tenant(db, tenant, listing).migrate().applied()).isEmpty();
                assertThat(tenant(db, tenant, listing).status().pending()).isEmpty();
            }
        }
        for (String tenant : TENANTS) {
            assertThat(db.column("SELECT table_name FROM information_schema.tables WHERE table_schema = ? "
                    + "ORDER BY 1", tenant)).containsExactly("lines", "orders", "schema_migrations");
            assertThat(db.value("SELECT count(*) FROM " + tenant + ".schema_migrations")).isEqualTo("2");
        }
        assertThat(db.tableExists("orders")).isFalse();
    }

    @Test
    void flywaysSessionPlaceholdersAreEachRunsOwn(TestDatabase db) throws Exception {
        folder().file("V1__orders.sql", "CREATE TABLE ${flyway:defaultSchema}.orders (id bigint);")
                .file("V2__note.sql", "COMMENT ON TABLE orders IS 'orders of ${flyway:defaultSchema}';")
                .file("R__summary.sql", "CREATE OR REPLACE VIEW summary AS "
                        + "SELECT '${flyway:defaultSchema}'::text AS tenant, count(*) AS n FROM orders;");
        createSchemas(db);
        try (MigrationListing listing = migrator(db).list()) {
            tenant(db, "tenant_a", listing).migrate();
            tenant(db, "tenant_b", listing).migrate();
            assertThat(atTheSameTime(db, TENANTS.subList(2, 4), listing)).containsOnly(2);
            for (String tenant : TENANTS) {
                assertThat(tenant(db, tenant, listing).validate().valid()).isTrue();
            }
        }
        for (String tenant : TENANTS) {
            assertThat(db.value("SELECT obj_description((? || '.orders')::regclass)", tenant))
                    .isEqualTo("orders of " + tenant);
            assertThat(db.value("SELECT tenant FROM " + tenant + ".summary")).isEqualTo(tenant);
        }
    }

    @Test
    void aListingBringsItsOwnMigrations(TestDatabase db) {
        folder().file("1_a.up.sql", "SELECT 1;");
        try (MigrationListing listing = migrator(db).list()) {
            assertThatThrownBy(() -> Migrator.builder(db.dataSource()).listing(listing)
                    .source(new FolderlessSource()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a shared listing brings its own migrations: give the source and the Java "
                            + "migrations to the migrator that made it, not to this one");
        }
    }

    @Test
    void theSameJavaMigrationsGivenAgainAreTheListings(TestDatabase db) throws Exception {
        folder().file("1_orders.up.sql", "CREATE TABLE orders (id bigint);");
        createSchemas(db);
        try (MigrationListing listing = Migrator.builder(db.dataSource()).locations(dir.toString())
                .javaMigration(new V2__Note()).build().list()) {
            assertThat(listing.size()).isEqualTo(2);
            for (String tenant : TENANTS.subList(0, 2)) {
                assertThat(new Target(db, tenant, listing).toBuilder().javaMigration(new V2__Note()).build().migrate()
                        .applied()).hasSize(2);
            }
            assertThatThrownBy(() -> new Target(db, "tenant_c", listing).toBuilder().javaMigration(new V3__Other())
                    .build()).isInstanceOf(IllegalStateException.class);
        }
        assertThat(db.column("SELECT tenant FROM public.notes ORDER BY 1")).containsExactly("tenant_a", "tenant_b");
    }

    /** A Java migration that notes which schema it ran in. */
    static final class V2__Note implements JavaMigration {
        @Override
        public void migrate(java.sql.Connection connection) throws Exception {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS public.notes (tenant text)");
                statement.execute("INSERT INTO public.notes VALUES (current_schema())");
            }
        }
    }

    static final class V3__Other implements JavaMigration {
        @Override
        public void migrate(java.sql.Connection connection) {
        }
    }

    @Test
    void aBadFileIsReportedWhenListingAsARunReportsIt(TestDatabase db) {
        folder().file("1_a.up.sql", "SELECT 1;").file("1_b.up.sql", "SELECT 2;");
        assertThatThrownBy(() -> migrator(db).list()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("1_a.up.sql").hasMessageContaining("1_b.up.sql");
    }

    private void createSchemas(TestDatabase db) {
        TENANTS.forEach(tenant -> db.execute("CREATE SCHEMA " + tenant));
    }

    /** A target as a fleet points at it: its schema first on the search_path, its history table there. */
    private static Migrator tenant(TestDatabase db, String tenant, MigrationListing listing) {
        return new Target(db, tenant, listing).toBuilder().build();
    }

    private record Target(TestDatabase db, String tenant, MigrationListing listing) {
        MigratorBuilder toBuilder() {
            return Migrator.builder(db.dataSource()).listing(listing).schema(tenant).searchPath(tenant);
        }
    }

    /** Migrates {@code tenants} from threads of their own at once; how many each applied. */
    private static List<Integer> atTheSameTime(TestDatabase db, List<String> tenants, MigrationListing listing)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tenants.size());
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (String tenant : tenants) {
                runs.add(pool.submit(() -> tenant(db, tenant, listing).migrate().applied().size()));
            }
            List<Integer> applied = new ArrayList<>();
            for (Future<Integer> run : runs) {
                applied.add(run.get());
            }
            return applied;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A source of the user's own, of no migrations. */
    private static final class FolderlessSource implements dev.migrate.spi.MigrationSource {
        @Override
        public List<Migration> load() {
            return List.of();
        }

        @Override
        public String description() {
            return "none";
        }
    }
}
