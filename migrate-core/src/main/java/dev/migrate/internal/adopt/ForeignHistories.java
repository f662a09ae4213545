package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.HistoryTable;
import dev.migrate.internal.postgres.Relations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.ArrayList;

/** Every tool whose history migrate can take over, tables sharing the history table's name first. */
public final class ForeignHistories {

    private final List<ForeignHistory> all;

    public ForeignHistories(HistoryTable history) {
        this.all = List.of(new GolangMigrateHistory(history), new DbmateHistory(history), new SqlxHistory(),
                new AtlasHistory(), new DieselHistory(), new GooseHistory(), new FlywayHistory(history.schema()),
                new SqlMigrateHistory(), new RefineryHistory());
    }

    /**
     * The first tool whose history this database holds, or {@code tool}'s when named.
     *
     * @throws IllegalArgumentException for a tool migrate does not know
     */
    public Optional<Adoption> find(Connection connection, FilesByVersion files, Optional<String> tool) throws SQLException {
        List<ForeignHistory> candidates = tool.map(this::named).orElse(ownToolFirst(files.layout()));
        // one question for every tool's table, not one each: a first run far from the database pays per question
        Set<String> present = Relations.present(connection, candidates.stream().flatMap(h -> h.tables().stream())
                .distinct().toList());
        for (ForeignHistory history : candidates) {
            if (history.tables().stream().noneMatch(present::contains) && !history.looksForItself(files)) {
                continue;
            }
            Optional<Adoption> found = history.read(connection, files);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The folder's own tool's history first: a table of another tool's shape may be the folder's own data. */
    private List<ForeignHistory> ownToolFirst(Optional<String> layout) {
        List<ForeignHistory> ordered = new ArrayList<>(all);
        layout.flatMap(id -> all.stream().filter(h -> h.tool().equals(id)).findFirst()).ifPresent(own -> {
            ordered.remove(own);
            ordered.add(0, own);
        });
        return ordered;
    }

    private List<ForeignHistory> named(String tool) {
        return all.stream().filter(h -> h.tool().equalsIgnoreCase(tool.strip())).findFirst().map(List::of)
                .orElseThrow(() -> new IllegalArgumentException("migrate cannot adopt history from '" + tool
                        + "'; it can from " + all.stream().map(ForeignHistory::tool).collect(Collectors.joining(", "))));
    }
}
