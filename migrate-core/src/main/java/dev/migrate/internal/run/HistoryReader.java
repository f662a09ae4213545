package dev.migrate.internal.run;

import dev.migrate.AppliedMigration;
import dev.migrate.AppliedRepeatable;
import dev.migrate.Repeatable;
import java.util.HashMap;
import java.util.Map;
import dev.migrate.internal.postgres.RepeatableHistory;
import dev.migrate.Migration;
import dev.migrate.internal.ProgressLog;
import dev.migrate.internal.source.Layout;
import dev.migrate.internal.adopt.Adoption;
import dev.migrate.internal.adopt.FilesByVersion;
import dev.migrate.internal.adopt.ForeignHistories;
import dev.migrate.internal.postgres.HistoryRow;
import dev.migrate.internal.postgres.HistoryShape;
import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Reads the applied migrations: from migrate's table when it has one; otherwise from another tool's history,
 * as an adoption that the next run records (under the lock) before anything else.
 */
public final class HistoryReader {

    private static final Logger log = ProgressLog.LOG;

    /** The rows, and the adoption they come from when migrate's table does not hold them yet. */
    public record History(List<HistoryRow> rows, Optional<Adoption> adoption) {
    }

    private final HistoryTable history;
    private final RepeatableHistory repeatables;
    private final ForeignHistories foreign;

    public HistoryReader(HistoryTable history, RepeatableHistory repeatables) {
        this.history = history;
        this.repeatables = repeatables;
        this.foreign = new ForeignHistories(history);
    }

    /**
     * The last application of each repeatable migration: none are asked for when there are no such files; while
     * another tool's history is still to be adopted, also that tool's record of them.
     */
    public Map<String, AppliedRepeatable> repeatables(Connection connection, List<Repeatable> files,
            Optional<Adoption> adoption) throws SQLException {
        if (files.isEmpty()) {
            return Map.of();
        }
        Map<String, AppliedRepeatable> rows = new HashMap<>(repeatables.read(connection));
        adoption.ifPresent(a -> a.repeatables().forEach(row -> rows.putIfAbsent(row.description(), row)));
        return rows;
    }

    public History read(Connection connection, List<Migration> migrations, List<Repeatable> repeatableFiles)
            throws SQLException {
        HistoryTable.Contents contents = contents(connection, migrations);
        if (contents.shape() == HistoryShape.MIGRATE) {
            return new History(contents.rows(), Optional.empty());
        }
        Optional<Adoption> adoption = foreign.find(connection, new FilesByVersion(migrations, repeatableFiles),
                Optional.empty());
        return new History(adoption.map(a -> a.rows().stream().map(HistoryRow::of).toList()).orElse(List.of()), adoption);
    }

    /**
     * What the history table's name holds: migrate's history, nothing, or golang-migrate's or dbmate's shape to be
     * adopted in place. A table that is neither is refused, naming its columns and whose it looks like, unless the
     * folder's own tool keeps its history elsewhere and the history may move aside.
     */
    private HistoryTable.Contents contents(Connection connection, List<Migration> migrations) throws SQLException {
        HistoryTable.Contents contents = history.readAnyShape(connection);
        boolean notMigrates = contents.shape() != HistoryShape.ABSENT && contents.shape() != HistoryShape.MIGRATE;
        if (notMigrates && !ownsTheName(migrations) && history.moveAside()) {
            // This folder's tool keeps its history elsewhere, so a table of that name is the folder's own (a
            // Rails-era schema_migrations looks just like dbmate's), not a history to adopt in place: leave it be.
            contents = history.readAnyShape(connection);
        }
        if (contents.shape() == HistoryShape.FOREIGN || contents.shape() == HistoryShape.FLYWAY) {
            contents = history.read(connection); // refused
        }
        return contents;
    }

    /** Whether the folder is golang-migrate's or dbmate's, whose own history tables have migrate's default name. */
    private static boolean ownsTheName(List<Migration> migrations) {
        return migrations.isEmpty() || migrations.stream().map(Migration::layout)
                .anyMatch(Layout::sharesTheHistoryTableName);
    }

    /**
     * Another tool's history as it would be adopted now, for {@code adopt} and its dry run; refused as a run refuses
     * when the history table's name holds a table that is nobody's history migrate may adopt.
     */
    public Optional<Adoption> find(Connection connection, List<Migration> migrations, List<Repeatable> repeatableFiles,
            Optional<String> tool) throws SQLException {
        contents(connection, migrations);
        return foreign.find(connection, new FilesByVersion(migrations, repeatableFiles), tool);
    }

    /**
     * Records an adoption in one transaction. golang-migrate's and dbmate's tables are extended in place, every row
     * kept and written over with what migrate records of it; other tools' tables are left as they were and
     * migrate's table is created beside them, rows already recorded there kept.
     */
    public List<AppliedMigration> adopt(Connection connection, Adoption adoption) throws SQLException {
        List<AppliedMigration> recorded = Transaction.run(connection, () -> {
            List<AppliedMigration> rows = adoption.rows();
            if (adoption.inPlace()) {
                history.upgrade().extendInPlace(connection);
            } else {
                history.create(connection);
                Set<dev.migrate.Version> present = history.applied(connection).orElse(List.of()).stream()
                        .map(AppliedMigration::version).collect(Collectors.toSet());
                rows = rows.stream().filter(r -> !present.contains(r.version())).toList();
            }
            for (AppliedMigration row : rows) {
                history.rows().save(connection, row);
            }
            Map<String, AppliedRepeatable> known = repeatables.read(connection);
            for (AppliedRepeatable row : adoption.repeatables()) {
                if (!known.containsKey(row.description())) {
                    repeatables.save(connection, row);
                }
            }
            return rows;
        });
        log.info("adopted {} migrations applied by {} (table {}): recorded as applied without running them; {}",
                recorded.size(), adoption.tool(), adoption.table(), adoption.inPlace()
                        ? "the table was extended in place into migrate's history table, its rows and columns kept"
                        : "that table is left as it was and " + history.name() + " holds the history from now on");
        return recorded;
    }
}
