package dev.migrate.internal.adopt;

import dev.migrate.internal.postgres.HistoryTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.ArrayList;

/** Every tool whose history migrate can take over, tables sharing the history table's name first. */
public final class ForeignHistories {

    private final List<ForeignHistory> all;

    public ForeignHistories(HistoryTable history) {
        this.all = List.of(new GolangMigrateHistory(history), new DbmateHistory(history), new SqlxHistory(),
                new AtlasHistory(), new DieselHistory(), new GooseHistory(), new FlywayHistory(),
                new SqlMigrateHistory());
    }

    /**
     * The first tool whose history this database holds, or {@code tool}'s when named.
     *
     * @throws IllegalArgumentException for a tool migrate does not know
     */
    public Optional<Adoption> find(Connection connection, FilesByVersion files, Optional<String> tool) throws SQLException {
        for (ForeignHistory history : tool.map(this::named).orElse(ownToolFirst(files.layout()))) {
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
