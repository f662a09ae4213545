package dev.migrate.flywayjava;

import dev.migrate.JavaMigration;
import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * One Java migration written for both tools, so that FlywayOracleTest can run the same code under each: Flyway
 * calls {@code migrate(Context)}, migrate calls {@code migrate(Connection)}.
 */
public class V2_2__Invoice_currency extends BaseJavaMigration implements JavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        migrate(context.getConnection());
    }

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE invoices ADD COLUMN currency text NOT NULL DEFAULT 'EUR'");
        }
    }
}
