package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A schema put first on the search_path for a run's migrations, and the path as it was once the run is over. */
class SearchPathFirstTest extends FolderTest {

    @Test
    void migrationsLandInTheSchemaAndTheConnectionGetsItsPathBack(TestDatabase db) throws Exception {
        folder().file("1_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("2_lines.up.sql", "CREATE TABLE lines (id int);");
        db.execute("CREATE SCHEMA tenant_a");
        PooledConnectionsTest.Pool pool = new PooledConnectionsTest.Pool(db.dataSource());
        MigrateResult result = Migrator.builder(pool).locations(dir.toString()).schema("tenant_a")
                .searchPath("tenant_a").build().migrate();
        assertThat(result.applied()).hasSize(2);
        assertThat(db.tableExists("tenant_a.orders")).isTrue();
        assertThat(db.tableExists("orders")).isFalse();
        assertThat(Migrator.builder(pool).locations(dir.toString()).schema("tenant_a").searchPath("tenant_a")
                .build().migrate().applied()).isEmpty();
        for (Connection connection : pool.all) {
            assertThat(searchPath(connection)).isEqualTo("\"$user\", public");
            connection.close();
        }
    }

    private static String searchPath(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW search_path")) {
            row.next();
            return row.getString(1);
        }
    }
}
