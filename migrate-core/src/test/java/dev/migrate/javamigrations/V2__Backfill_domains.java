package dev.migrate.javamigrations;

import dev.migrate.JavaMigration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/** A backfill computed in Java, found on the classpath beside the SQL migrations of its package. */
public class V2__Backfill_domains implements JavaMigration {

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT id, email FROM accounts");
             PreparedStatement update = connection.prepareStatement("UPDATE accounts SET domain = ? WHERE id = ?")) {
            while (rows.next()) {
                String email = rows.getString(2);
                update.setString(1, email.substring(email.indexOf('@') + 1));
                update.setInt(2, rows.getInt(1));
                update.executeUpdate();
            }
        }
    }
}
