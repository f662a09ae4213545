package dev.migrate.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A running PostgreSQL server on which tests may create and drop databases. */
interface PostgresServer {

    /** What this server is, for the log line that says which backend the tests use. */
    String description();

    /** The JDBC URL of {@code database} on this server, without credentials. */
    String jdbcUrl(String database);

    /** The name of a database that always exists, to connect to when creating others. */
    String maintenanceDatabase();

    String user();

    String password();

    default Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        if (password() != null) {
            properties.setProperty("password", password());
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }
}
