package dev.migrate.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The physical floor: each file sent as one statement string in its own transaction with one history-row
 * insert, and nothing else (no lock, no validation). Its no-op lists the files, reads the history once and
 * compares checksums.
 */
record FloorTool(Path dir) implements Tool {

    @Override
    public String name() {
        return "raw JDBC floor";
    }

    @Override
    public void migrate(DataSource dataSource) throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.sorted().toList();
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS floor_history (version bigint PRIMARY KEY, checksum text NOT NULL)");
            Map<Long, String> applied = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT version, checksum FROM floor_history")) {
                while (rows.next()) {
                    applied.put(rows.getLong(1), rows.getString(2));
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO floor_history VALUES (?, ?)")) {
                for (Path file : files) {
                    long version = Long.parseLong(file.getFileName().toString().substring(0, 6));
                    String sql = Files.readString(file);
                    String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(sql.getBytes(StandardCharsets.UTF_8)));
                    String recorded = applied.get(version);
                    if (recorded != null) {
                        if (!recorded.equals(checksum)) {
                            throw new IllegalStateException("changed: " + file);
                        }
                        continue;
                    }
                    connection.setAutoCommit(false);
                    statement.execute(sql);
                    insert.setLong(1, version);
                    insert.setString(2, checksum);
                    insert.executeUpdate();
                    connection.commit();
                    connection.setAutoCommit(true);
                }
            }
        }
    }
}
