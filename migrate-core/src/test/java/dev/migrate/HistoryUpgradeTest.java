package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A history table made by the previous release (0.x, whose versions were {@code bigint}) carries on under this
 * one: every row kept as it was, the column turned into text only when a version it cannot hold arrives.
 */
class HistoryUpgradeTest extends FolderTest {

    /** The table exactly as the previous release created it, with the rows it wrote for two Flyway files. */
    private void previousReleaseApplied(TestDatabase db, String one, String two) throws Exception {
        db.execute("CREATE TABLE public.schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT "
                + "false, description text NOT NULL DEFAULT '', checksum text, applied_at timestamptz NOT NULL DEFAULT "
                + "now(), execution_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user, "
                + "adopted_from text)");
        db.execute("CREATE TABLE accounts (id int); ALTER TABLE accounts ADD COLUMN email text");
        db.execute("INSERT INTO schema_migrations VALUES (1, false, 'accounts', '" + sha256(one) + "', "
                + "'2025-03-01 10:00:00.123456+00', 12, 'deployer', NULL), (2, false, 'email', '" + sha256(two) + "', "
                + "'2025-03-02 10:00:00+00', 3, 'deployer', NULL)");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static final String ROWS = "SELECT version || '|' || dirty || '|' || description || '|' || checksum || '|' "
            + "|| applied_at || '|' || execution_ms || '|' || applied_by FROM schema_migrations ORDER BY applied_at";

    private static final String ONE = "CREATE TABLE accounts (id int);\n";
    private static final String TWO = "ALTER TABLE accounts ADD COLUMN email text;\n";

    @Test
    void aDottedVersionTurnsTheVersionColumnIntoTextKeepingEveryRow(TestDatabase db) throws Exception {
        previousReleaseApplied(db, ONE, TWO);
        List<String> before = db.column(ROWS);
        folder().file("V1__accounts.sql", ONE).file("V2__email.sql", TWO)
                .file("V2.1__email_index.sql", "CREATE INDEX accounts_email ON accounts (email);\n");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString()).containsExactly("2.1");
        assertThat(db.column(ROWS)).startsWith(before.toArray(String[]::new)).hasSize(3);
        assertThat(db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "AND column_name = 'version'")).isEqualTo("text");
        assertThat(migrator(db).validate().valid()).isTrue();
        assertThat(migrator(db).status().migrations()).extracting(MigrationInfo::state)
                .containsOnly(MigrationState.APPLIED);
    }

    @Test
    void wholeNumberVersionsLeaveTheTableAsThePreviousReleaseMadeIt(TestDatabase db) throws Exception {
        previousReleaseApplied(db, ONE, TWO);
        List<String> before = db.column(ROWS);
        folder().file("V1__accounts.sql", ONE).file("V2__email.sql", TWO)
                .file("V3__email_index.sql", "CREATE INDEX accounts_email ON accounts (email);\n")
                .file("U3__email_index.sql", "DROP INDEX accounts_email;\n");

        migrator(db).migrate();
        migrator(db).rollback(1);

        assertThat(db.column(ROWS)).isEqualTo(before);
        assertThat(db.value("SELECT data_type FROM information_schema.columns WHERE table_name = 'schema_migrations' "
                + "AND column_name = 'version'")).isEqualTo("bigint");
    }
}
