package dev.migrate;

/** A table with the history table's name exists, but migrate did not create it. Nothing was changed. */
public final class HistoryTableException extends MigrateException {

    private final String table;

    public HistoryTableException(String table, String problem) {
        super("Table " + table + " exists but is not a migrate history table (" + problem + "). Nothing was "
                + "changed. If it belongs to another tool, give migrate a table name of its own.");
        this.table = table;
    }

    public String table() {
        return table;
    }
}
