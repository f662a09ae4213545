package dev.migrate.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A server given by a JDBC URL such as
 * {@code jdbc:postgresql://localhost:5432/postgres?user=postgres&password=secret}; its user must be
 * allowed to create databases.
 */
final class ExternalServer implements PostgresServer {

    private final String hostAndPort;
    private final String database;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    ExternalServer(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("MIGRATE_TEST_DATABASE_URL must start with jdbc:postgresql://, was "
                    + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.hostAndPort = uri.getRawAuthority();
        String path = uri.getPath();
        this.database = path == null || path.length() <= 1 ? "postgres" : path.substring(1);
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
    }

    @Override
    public String description() {
        return "the server at MIGRATE_TEST_DATABASE_URL (" + hostAndPort + ")";
    }

    @Override
    public String jdbcUrl(String name) {
        String query = parameters.entrySet().stream()
                .filter(e -> !e.getKey().equals("user") && !e.getKey().equals("password"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return "jdbc:postgresql://" + hostAndPort + "/" + name + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String maintenanceDatabase() {
        return database;
    }

    @Override
    public String user() {
        return parameters.getOrDefault("user", System.getProperty("user.name"));
    }

    @Override
    public String password() {
        return parameters.get("password");
    }
}
