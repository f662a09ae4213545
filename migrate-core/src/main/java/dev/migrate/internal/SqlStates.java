package dev.migrate.internal;

/** What a SQLSTATE says about the session it came from. */
public final class SqlStates {

    private SqlStates() {
    }

    /**
     * The session ended: the network went or the server ended it (SQLSTATE class 08, an administrator's
     * termination, a shutdown, a crash, an idle-session timeout), so what was last sent may or may not have committed.
     */
    public static boolean sessionEnded(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("57P05"));
    }
}
