package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigrateTest {

    @TempDir
    Path dir;

    private MigrationFolder folder() {
        return new MigrationFolder(dir);
    }

    private Migrator migrator(TestDatabase db) {
        return Migrator.builder(db.dataSource()).locations("filesystem:" + dir).build();
    }

    @Test
    void appliesPendingMigrationsInVersionOrderAndRecordsEach(TestDatabase db) {
        folder().file("000001_create_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY);")
                .file("000001_create_users.down.sql", "DROP TABLE users;")
                .file("000002_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;")
                .file("000010_add_index.up.sql", "CREATE INDEX users_email ON users (email);");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(AppliedMigration::version)
                .containsExactly(new Version(1), new Version(2), new Version(10));
        assertThat(result.initialVersion()).isEmpty();
        assertThat(result.version()).contains(new Version(10));
        assertThat(db.column("SELECT version || ':' || description || ':' || dirty FROM schema_migrations ORDER BY version"))
                .containsExactly("1:create_users:false", "2:add_email:false", "10:add_index:false");
        assertThat(db.value("SELECT count(*) FROM schema_migrations WHERE checksum ~ '^[0-9a-f]{64}$' "
                + "AND applied_by = current_user AND applied_at <= now() AND execution_ms >= 0")).isEqualTo("3");
        assertThat(db.tableExists("users")).isTrue();
    }

    @Test
    void secondRunAppliesNothing(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);");
        migrator(db).migrate();

        MigrateResult again = migrator(db).migrate();

        assertThat(again.upToDate()).isTrue();
        assertThat(again.initialVersion()).contains(new Version(1));
        assertThat(again.version()).contains(new Version(1));
    }

    @Test
    void appliesOnlyWhatWasAddedSinceTheLastRun(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);");
        migrator(db).migrate();
        folder().file("2_two.sql", "CREATE TABLE two (id int);");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(AppliedMigration::version).containsExactly(new Version(2));
        assertThat(result.initialVersion()).contains(new Version(1));
    }

    @Test
    void stopsAtTheTargetVersion(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);")
                .file("2_two.sql", "CREATE TABLE two (id int);")
                .file("3_three.sql", "CREATE TABLE three (id int);");

        MigrateResult result = migrator(db).migrate(new Version(2));

        assertThat(result.version()).contains(new Version(2));
        assertThat(db.tableExists("two")).isTrue();
        assertThat(db.tableExists("three")).isFalse();
    }

    @Test
    void rejectsATargetThatNoMigrationHas(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);").file("3_three.sql", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).migrate(new Version(2)))
                .isInstanceOf(VersionNotFoundException.class)
                .hasMessage("No migration has version 2 in " + dir + " (versions 1 to 3). Use a version that the "
                        + "status lists.");
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void emptyFolderIsUpToDateAndCreatesNothing(TestDatabase db) {
        MigrateResult result = migrator(db).migrate();

        assertThat(result.upToDate()).isTrue();
        assertThat(result.version()).isEmpty();
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void sendsScriptsWithFunctionsTriggersAndBeginAtomicBodiesWhole(TestDatabase db) {
        folder().file("1_functions.sql", """
                CREATE TABLE audit (id bigserial PRIMARY KEY, note text, at timestamptz DEFAULT now());
                CREATE FUNCTION note(text) RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO audit (note) VALUES ($1); -- a semicolon in a body
                END;
                $$;
                CREATE FUNCTION twice(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT i * 2;
                END;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
                BEGIN NEW.at := now(); RETURN NEW; END;
                $body$;
                CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch();
                SELECT note('it''s; fine'), note(E'back\\\\slash; \\' quote');
                """);

        migrator(db).migrate();

        assertThat(db.column("SELECT note FROM audit ORDER BY id")).containsExactly("it's; fine", "back\\slash; ' quote");
        assertThat(db.value("SELECT twice(21)")).isEqualTo("42");
    }

    @Test
    void usesACustomTableInACustomSchemaCreatingTheSchema(TestDatabase db) {
        folder().file("1_one.sql", "CREATE TABLE one (id int);");

        Migrator.builder(db.dataSource()).locations("filesystem:" + dir).schema("ops").table("db_history").build()
                .migrate();

        assertThat(db.value("SELECT version FROM ops.db_history")).isEqualTo("1");
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    @Test
    void withoutASchemaTheHistoryTableFollowsTheSearchPath(TestDatabase db) {
        db.execute("CREATE SCHEMA app; ALTER DATABASE " + db.name() + " SET search_path = app");
        folder().file("1_one.sql", "CREATE TABLE one (id int);");

        migrator(db).migrate();

        assertThat(db.tableExists("app.schema_migrations")).isTrue();
        assertThat(db.tableExists("app.one")).isTrue();
        assertThat(db.tableExists("public.schema_migrations")).isFalse();
    }
}
