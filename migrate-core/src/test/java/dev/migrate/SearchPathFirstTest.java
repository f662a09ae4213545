package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A schema put first on the search_path for a run's migrations, and the path as it was once the run is over. */
class SearchPathFirstTest extends FolderTest {

    @Test
    void migrationsLandInTheSchemaAndTheConnectionGetsItsPathBack(TestDatabase db) throws Exception {
        folder().file("1_orders.up.sql", "CREATE TABLE orders (id int);")
                .file("2_lines.up.sql", "CREATE TABLE lines (id int);");
        db.execute("CREATE SCHEMA tenant_a");
        Pool pool = new Pool(db.dataSource());
        MigrateResult result = Migrator.builder(pool).locations(dir.toString()).schema("tenant_a")
                .searchPath("tenant_a").build().migrate();
        assertThat(result.applied()).hasSize(2);
        assertThat(db.tableExists("tenant_a.orders")).isTrue();
        assertThat(db.tableExists("orders")).isFalse();
        assertThat(Migrator.builder(pool).locations(dir.toString()).schema("tenant_a").searchPath("tenant_a")
                .build().migrate().applied()).isEmpty();
        for (Connection connection : pool.idle) {
            assertThat(searchPath(connection)).isEqualTo("\"$user\", public");
            connection.unwrap(Connection.class).close();
        }
    }

    private static String searchPath(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW search_path")) {
            row.next();
            return row.getString(1);
        }
    }

    /** A pool of the simplest kind: a session given back is handed out again, with whatever a run left on it. */
    private static final class Pool implements DataSource {
        private final DataSource sessions;
        private final java.util.Deque<Connection> idle = new java.util.ArrayDeque<>();

        Pool(DataSource sessions) {
            this.sessions = sessions;
        }

        @Override
        public synchronized Connection getConnection() throws java.sql.SQLException {
            Connection physical = idle.isEmpty() ? sessions.getConnection() : idle.pop();
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            synchronized (this) {
                                idle.push(physical);
                            }
                            return null;
                        }
                        if (method.getName().equals("unwrap") && args[0] == Connection.class) {
                            return physical;
                        }
                        try {
                            return method.invoke(physical, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            throw new java.sql.SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
