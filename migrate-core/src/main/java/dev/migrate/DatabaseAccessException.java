package dev.migrate;

import java.sql.SQLException;

/** The database could not be reached or queried outside a migration script: connecting, the lock, the history. */
public final class DatabaseAccessException extends MigrateException {

    private final String sqlState;

    public DatabaseAccessException(String action, SQLException cause) {
        super("Could not " + action + ": " + cause.getMessage()
                + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")")
                + (isConnectionFailure(cause.getSQLState())
                        ? ". Check the database URL and credentials, and that the server is running and accepts "
                          + "connections."
                        : "."), cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLSTATE the driver or server reported, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the failure was to connect at all (connection errors, bad credentials, unknown database). */
    public boolean connectionFailure() {
        return isConnectionFailure(sqlState);
    }

    private static boolean isConnectionFailure(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"));
    }
}
