package dev.migrate;

/**
 * The history table cannot be trusted as it is: a table of its name that migrate did not create, or a history
 * row that vanished while its migration ran (the script dropped or emptied the table).
 */
public final class HistoryTableException extends MigrateException {

    private final String table;

    private HistoryTableException(String table, String message) {
        super(message);
        this.table = table;
    }

    /** A table of the history table's name exists, but migrate did not create it. Nothing was changed. */
    public static HistoryTableException notOurs(String table, String problem) {
        return new HistoryTableException(table, "Table " + table + " exists but is not a migrate history table ("
                + problem + "). Nothing was changed. If it belongs to another tool, give migrate a table name of its own.");
    }

    /**
     * The row that records {@code migration} was gone when the migration finished: its script dropped, emptied or
     * replaced the history table. A transactional migration was rolled back with it; a no-transaction one ran.
     */
    public static HistoryTableException rowVanished(String table, Migration migration, boolean rolledBack) {
        String what = "The history row of migration " + migration.label() + " disappeared while the migration ran: "
                + "its script dropped, emptied or replaced the history table " + table + ". ";
        return new HistoryTableException(table, what + (rolledBack
                ? "It ran in a transaction that was rolled back, so the database is as it was before it. If the "
                        + "script manages a table of the same name for its own use, give migrate's history table "
                        + "another name."
                : "It does not run in a transaction, so its statements took effect but are not recorded. Restore "
                        + "the history table (from a backup, or with 'migrate baseline " + migration.version()
                        + "' once the table exists again), then run the migrations again."));
    }

    public String table() {
        return table;
    }
}
