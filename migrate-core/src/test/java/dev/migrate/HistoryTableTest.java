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
class HistoryTableTest {

    @TempDir
    Path dir;

    @Test
    void refusesATableOfTheSameNameThatItDidNotCreateAndChangesNothing(TestDatabase db) {
        // Neither migrate's, golang-migrate's nor dbmate's shape: not adoptable. The folder is golang-migrate's,
        // whose own history has that name, so the table cannot be the folder's own either (see FolderOwnsHistoryNameTest).
        db.execute("CREATE TABLE schema_migrations (id serial PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO schema_migrations (name) VALUES ('init')");
        new MigrationFolder(dir).file("000001_one.up.sql", "CREATE TABLE one ();");
        Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.toString()).build();

        assertThatThrownBy(migrator::migrate)
                .isInstanceOf(HistoryTableException.class)
                .hasMessage("Table schema_migrations exists but is not a migrate history table (it has the columns "
                        + "id integer NOT NULL, name text NOT NULL and primary key (id); migrate needs version, dirty, "
                        + "description, checksum, applied_at, "
                        + "execution_ms, applied_by, adopted_from, claimed_by). Nothing was changed. If it belongs to another tool, "
                        + "give migrate a table name of its own.");
        assertThat(db.tableExists("one")).isFalse();
        assertThat(db.column("SELECT name FROM schema_migrations")).containsExactly("init");
        assertThat(db.value("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schema_migrations'"))
                .isEqualTo("2");
    }

    @Test
    void bringsATableOfAnEarlierMigrateUpToDate(TestDatabase db) {
        // migrate's first table had no adopted_from column.
        db.execute("CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL DEFAULT false, "
                + "description text NOT NULL DEFAULT '', checksum text, applied_at timestamptz NOT NULL DEFAULT now(), "
                + "execution_ms bigint NOT NULL DEFAULT 0, applied_by text NOT NULL DEFAULT current_user)");
        new MigrationFolder(dir).file("1_one.sql", "CREATE TABLE one ();");

        Migrator.builder(db.dataSource()).locations(dir.toString()).build().migrate();

        assertThat(db.column("SELECT version || ':' || coalesce(adopted_from, '-') FROM schema_migrations"))
                .containsExactly("1:-");
    }

    @Test
    void anotherTableNameLivesBesideTheForeignTable(TestDatabase db) {
        db.execute("CREATE TABLE schema_migrations (id serial PRIMARY KEY, name text NOT NULL)");
        new MigrationFolder(dir).file("1_one.sql", "CREATE TABLE one ();");

        Migrator.builder(db.dataSource()).locations(dir.toString()).table("migrate_history").build().migrate();

        assertThat(db.column("SELECT version FROM migrate_history")).containsExactly("1");
    }

    @Test
    void quotesNamesSoThatTheyAreUsedExactlyAsGiven(TestDatabase db) {
        new MigrationFolder(dir).file("1_one.sql", "CREATE TABLE one ();");

        Migrator.builder(db.dataSource()).locations(dir.toString()).schema("Ops Team").table("History \"v2\"").build()
                .migrate();

        assertThat(db.value("SELECT count(*) FROM \"Ops Team\".\"History \"\"v2\"\"\"")).isEqualTo("1");
    }
}
