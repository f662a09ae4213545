package dev.migrate;

import java.sql.SQLException;

/**
 * The database could not be reached or queried outside a migration script: connecting, the lock, the history.
 * The message tells a failure to connect (check the URL) from a session lost on the way (run again) and from
 * what the server refused (a privilege, a missing schema, a read-only server), each with its next step.
 */
public final class DatabaseAccessException extends MigrateException {

    private final String sqlState;
    private final boolean connecting;

    /** Work on an open connection failed while trying to {@code action} ("read the history table ..."). */
    public DatabaseAccessException(String action, SQLException cause) {
        this(action, cause, false);
    }

    private DatabaseAccessException(String action, SQLException cause, boolean connecting) {
        super(("Could not " + action + ": " + firstLine(cause.getMessage())
                + (cause.getSQLState() == null ? "" : " (SQLSTATE " + cause.getSQLState() + ")") + ". "
                + nextStep(cause.getSQLState(), connecting)).strip(), cause);
        this.sqlState = cause.getSQLState();
        this.connecting = connecting;
    }

    private DatabaseAccessException(String message, Throwable cause) {
        super(message, cause);
        this.sqlState = null;
        this.connecting = true;
    }

    /** The embedded PostgreSQL that lint was to try the migrations on did not start. */
    public static DatabaseAccessException embeddedServer(Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : firstLine(cause.getMessage());
        return new DatabaseAccessException("Could not start the embedded PostgreSQL to lint on: " + why + ". Nothing "
                + "was changed. Give a scratch database instead (a URL of a database that may be emptied).", cause);
    }

    /** The driver's text without its severity prefix and the position lines it adds after the first. */
    private static String firstLine(String message) {
        String first = message == null ? "" : message.lines().findFirst().orElse("").strip();
        return first.replaceFirst("^(ERROR|FATAL):\\s+", "");
    }

    /** Opening a connection failed. */
    public static DatabaseAccessException connecting(SQLException cause) {
        return new DatabaseAccessException("connect to the database", cause, true);
    }

    /** The SQLSTATE the driver or server reported, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the failure was to connect at all (connection errors, bad credentials, unknown database). */
    public boolean connectionFailure() {
        return connecting && sqlState != null
                && (sqlState.startsWith("08") || sqlState.startsWith("28") || sqlState.equals("3D000"));
    }

    private static String nextStep(String state, boolean connecting) {
        if (state == null) {
            return "";
        }
        if (connecting && (state.startsWith("08") || state.startsWith("28") || state.equals("3D000"))) {
            return "Check the database URL and credentials, and that the server is running and accepts connections.";
        }
        if (dev.migrate.internal.SqlStates.sessionEnded(state)) {
            return "The session ended (the server ended it, or the network went), so whether what was last sent "
                    + "committed is unknown. Once the server is reachable, run 'migrate status': a migration that "
                    + "committed is recorded with its history row, one that did not is pending and runs on the next "
                    + "up (none runs twice), and a no-transaction migration cut part-way shows as dirty.";
        }
        return switch (state) {
            case "42501" -> "The database user lacks a privilege this needs. Grant it (the history table needs "
                    + "SELECT, INSERT, UPDATE and DELETE, and creating it needs CREATE on its schema), or migrate as "
                    + "the schema's owner.";
            case "3F000" -> "That schema does not exist. Create it, or configure a schema that exists (or none, to "
                    + "use the search_path).";
            case "25006" -> "The server is read-only (a standby, or default_transaction_read_only is on). Run the "
                    + "migrations against the primary.";
            default -> "";
        };
    }
}
