package dev.migrate.internal.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Keeps pgjdbc from preparing named statements on the server while the engine uses a connection. A pooler in
 * transaction mode (PgBouncer's pool_mode = transaction) hands each transaction whichever server session is free,
 * so a statement pgjdbc prepared as "S_1" on one session collides with another client's "S_1" on the next
 * (SQLSTATE 42P05). The engine's statements run a few times each, so preparing them gains nothing anyway.
 */
public final class ServerPrepares {

    private static final boolean PGJDBC = ScriptExecutor.present("org.postgresql.PGConnection");

    /** Puts a connection's setting back as it was; pooled connections go back to the application afterwards. */
    public interface Restore {
        void restore();
    }

    private ServerPrepares() {
    }

    /** Turns server-side prepares off for {@code connection} (pgjdbc only) until the returned restore runs. */
    public static Restore off(Connection connection) throws SQLException {
        if (!PGJDBC || !connection.isWrapperFor(PGConnection.class)) {
            return () -> { };
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        int before = pg.getPrepareThreshold();
        if (before == 0) {
            return () -> { };
        }
        pg.setPrepareThreshold(0);
        return () -> pg.setPrepareThreshold(before);
    }
}
