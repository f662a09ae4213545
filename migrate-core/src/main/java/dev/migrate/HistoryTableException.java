package dev.migrate;

import java.util.List;
import java.util.Optional;

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
     * A table of the history table's name exists and is positively another tool's history, which migrate reads
     * but never writes to: it keeps a history of its own and adopts that tool's into it.
     *
     * @param fix what to run instead, as an instruction
     */
    public static HistoryTableException anotherToolsHistory(String table, String tool, String columns, String fix) {
        return new HistoryTableException(table, "Table " + table + " is " + tool + "'s history table (" + columns
                + "). migrate never writes to another tool's history table: it keeps a history of its own and adopts "
                + tool + "'s into it. Nothing was changed. " + fix);
    }

    /** A table of a history's shape whose rows are not that history's, so it cannot be told from a table of others. */
    public static HistoryTableException notThatHistory(String table, String shape, String rows) {
        return new HistoryTableException(table, "Table " + table + " has " + shape + ", but " + rows + ", so it may "
                + "as well be another application's table of that shape (Rails and some auth services keep one). "
                + "Nothing was changed. If it is another's, give migrate a table name of its own (-table, "
                + "database.migrations.table); if it is this folder's history, restore the files of its versions.");
    }

    /** More than one table holds a tool's history where migrate looks for it, so none can be taken for it. */
    public static HistoryTableException ambiguous(List<String> tables, String tool) {
        return new HistoryTableException(tables.get(0), "Tables " + String.join(" and ", tables) + " each have "
                + tool + "'s history columns, so migrate cannot tell which is this database's history to adopt. "
                + "Nothing was changed. Rename the one that is not (ALTER TABLE ... RENAME TO ...), then run again.");
    }

    /**
     * migrate's history table sits in a schema of the search path other than the current one, where migrate reads
     * and creates it.
     *
     * @param inPlace what the current schema holds under the history table's name, if anything
     * @param inPlaceIsMigrates whether that is a history table of migrate's too
     */
    public static HistoryTableException elsewhereOnSearchPath(List<String> elsewhere, String current, String table,
            Optional<String> inPlace, boolean inPlaceIsMigrates) {
        String found = String.join(" and ", elsewhere);
        String schema = elsewhere.get(0).substring(0, elsewhere.get(0).lastIndexOf('.'));
        String problem = inPlaceIsMigrates
                ? "migrate's history table is in more than one schema of the search_path: " + inPlace.orElseThrow()
                        + " in the current schema, and " + found + ". Nothing was changed: migrate cannot tell which "
                        + "of them is this database's history."
                : "migrate's history table is " + found + ", but migrate reads and writes its history in the current "
                        + "schema, " + current + " (the first schema of the search_path that exists), "
                        + inPlace.map(other -> "where " + other + " is another table").orElse("which has no " + table
                                + " table") + ". Nothing was changed: going on would start a second history and run "
                        + "the migrations again.";
        return new HistoryTableException(found, problem + " Give migrate the schema of its history (-schema " + schema
                + ", database.migrations.schema=" + schema + "), or set the search_path so that " + schema + " comes "
                + "first (the default search_path starts with a schema named after the user, once one exists).");
    }

    /** No schema or table of the exact name given, but one differing only in case, which PostgreSQL keeps apart. */
    public static HistoryTableException otherCase(String kind, String given, String found) {
        return new HistoryTableException(given, "There is no " + kind + " named exactly " + given + ", but there is "
                + found + ". migrate uses names exactly as given, as PostgreSQL uses quoted names (it folds only "
                + "unquoted names to lower case), so it would start a second history beside " + found + " and run "
                + "the migrations again. Nothing was changed. Give the name as the database has it: " + found + ".");
    }

    /**
     * A transactional migration deleted other versions' rows of the history table while it ran: it was rolled back
     * before COMMIT, since a deleted row would make that version run again.
     */
    public static HistoryTableException rowsChanged(String table, Migration migration, long expected, long found) {
        return new HistoryTableException(table, "Migration " + migration.label() + " deleted other versions' rows "
                + "from the history table " + table + " while it ran (" + expected + " rows expected after it, " + found
                + " found): a deleted row would make its version run again. It ran in a transaction that was rolled "
                + "back, so the database is as it was before it. Remove the statements that write to " + table
                + " from the script, then run the migrations again.");
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
