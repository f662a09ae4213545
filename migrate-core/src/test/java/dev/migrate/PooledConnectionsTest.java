package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/**
 * The engine borrows connections from the application's pool and turns pgjdbc's server-side prepares off while
 * it uses them (see PoolerTest); the pool must get them back as they were, after a run that worked or failed.
 */
@ExtendWith(PostgresExtension.class)
class PooledConnectionsTest {

    @TempDir
    Path dir;

    /** A pool in miniature: close() hands a connection back instead of closing it. */
    static final class Pool implements DataSource {
        private final DataSource physical;
        private final Deque<Connection> free = new ArrayDeque<>();
        final List<Connection> all = new ArrayList<>();

        Pool(DataSource physical) {
            this.physical = physical;
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection connection = free.isEmpty() ? opened() : free.pop();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            synchronized (this) {
                                free.push(connection);
                            }
                            return null;
                        }
                        return method.invoke(connection, args);
                    });
        }

        private Connection opened() throws SQLException {
            Connection connection = physical.getConnection();
            all.add(connection);
            return connection;
        }

        @Override
        public Connection getConnection(String user, String password) {
            throw new UnsupportedOperationException("the pool has its own credentials");
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
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }

    private static List<Integer> thresholds(Pool pool) throws SQLException {
        List<Integer> thresholds = new ArrayList<>();
        for (Connection connection : pool.all) {
            thresholds.add(connection.unwrap(PGConnection.class).getPrepareThreshold());
        }
        return thresholds;
    }

    @Test
    void connectionsGoBackToThePoolWithTheirPrepareSettingAfterARunThatWorkedOrFailed(TestDatabase db)
            throws SQLException {
        Pool pool = new Pool(db.dataSource());
        new MigrationFolder(dir).file("1_a.sql", "CREATE TABLE a (id int);");
        Migrator.builder(pool).locations(dir.toString()).build().migrate();
        new MigrationFolder(dir).file("2_bad.sql", "CREATE TABLE b (id nope);");

        Throwable failure = catchThrowable(() -> Migrator.builder(pool).locations(dir.toString()).build().migrate());

        assertThat(failure).isInstanceOf(MigrationFailedException.class);
        assertThat(pool.all).hasSize(2);
        assertThat(thresholds(pool)).containsOnly(5);
    }
}
