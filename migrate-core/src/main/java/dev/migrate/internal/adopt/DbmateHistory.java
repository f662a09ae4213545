package dev.migrate.internal.adopt;

import dev.migrate.AppliedMigration;
import dev.migrate.HistoryTableException;
import dev.migrate.Version;
import dev.migrate.internal.postgres.HistoryShape;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dbmate's {@code schema_migrations(version varchar PRIMARY KEY)}: one row per applied version; same name as ours.
 * Rails and some auth services keep a table of the very same shape, so its rows decide: each must be digits, as
 * dbmate writes versions, and the table must be this folder's: a row that is a version of one of its files, or,
 * empty, in a dbmate folder. Anything else is refused before anything changes.
 */
final class DbmateHistory implements ForeignHistory {

    private static final String SHAPE = "dbmate's columns (version varchar PRIMARY KEY)";

    private final HistoryTable history;

    DbmateHistory(HistoryTable history) {
        this.history = history;
    }

    @Override
    public List<String> tables() {
        return history.names();
    }

    @Override
    public String tool() {
        return "dbmate";
    }

    @Override
    public Optional<Adoption> read(Connection connection, FilesByVersion files) throws SQLException {
        if (history.inspect(connection) != HistoryShape.DBMATE) {
            return Optional.empty();
        }
        List<String> versions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT version FROM " + history.sqlName() + " ORDER BY version")) {
            while (row.next()) {
                versions.add(row.getString(1));
            }
        }
        List<String> notDigits = versions.stream().filter(version -> !version.matches("[0-9]+")).toList();
        if (!notDigits.isEmpty()) {
            throw HistoryTableException.notThatHistory(history.name(), SHAPE, "its rows " + sample(notDigits)
                    + " are not versions dbmate writes (digits)");
        }
        List<AppliedMigration> rows = new ArrayList<>();
        boolean anyFile = false;
        for (String text : versions) {
            // As dbmate wrote it: its text is the row's key (00000000000000 is not 0 there).
            Version version = Version.orderedAsText(text);
            anyFile |= files.get(version).isPresent();
            rows.add(files.row(tool(), version, null, false, null, 0, null));
        }
        if (!anyFile && (!versions.isEmpty() || files.layout().filter(tool()::equals).isEmpty())) {
            throw HistoryTableException.notThatHistory(history.name(), SHAPE, versions.isEmpty()
                    ? "it is empty and this folder is not dbmate's"
                    : "none of its " + versions.size() + " versions (" + sample(versions) + ") is a migration of "
                            + "this folder");
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return Optional.of(new Adoption(tool(), history.name(), true, rows));
    }

    /** The first few values, for a message. */
    private static String sample(List<String> values) {
        return String.join(", ", values.subList(0, Math.min(5, values.size()))) + (values.size() > 5 ? ", ..." : "");
    }
}
