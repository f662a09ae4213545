package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flyway's SQL callbacks in a Flyway folder, and Java callbacks, called where Flyway calls them. */
class CallbackTest extends FolderTest {

    private static String log(String name) {
        return "CREATE TABLE IF NOT EXISTS events (seq serial, name text);\nINSERT INTO events (name) VALUES ('" + name + "');\n";
    }

    private MigrationFolder withCallbacks() {
        return folder().file("V1__a.sql", "CREATE TABLE a (id int);").file("V1.1__b.sql", "CREATE TABLE b (id int);")
                .file("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM a;")
                .file("beforeMigrate.sql", log("beforeMigrate"))
                .file("beforeEachMigrate.sql", log("beforeEachMigrate"))
                .file("afterEachMigrate.sql", log("afterEachMigrate"))
                .file("afterVersioned.sql", log("afterVersioned"))
                .file("beforeRepeatables.sql", log("beforeRepeatables"))
                .file("afterMigrateApplied.sql", log("afterMigrateApplied"))
                .file("afterMigrate__b_second.sql", log("afterMigrate b"))
                .file("afterMigrate__a_first.sql", log("afterMigrate a"))
                .file("afterMigrateError.sql", log("afterMigrateError"))
                .file("afterEachMigrateError.sql", log("afterEachMigrateError"));
    }

    private List<String> events(TestDatabase db) {
        return db.column("SELECT name FROM events ORDER BY seq");
    }

    @Test
    void sqlCallbacksRunAtTheirEventsInFileNameOrder(TestDatabase db) {
        withCallbacks();

        migrator(db).migrate();

        assertThat(events(db)).containsExactly("beforeMigrate", "beforeEachMigrate", "afterEachMigrate",
                "beforeEachMigrate", "afterEachMigrate", "afterVersioned", "beforeRepeatables", "beforeEachMigrate",
                "afterEachMigrate", "afterMigrateApplied", "afterMigrate a", "afterMigrate b");
    }

    @Test
    void aRunWithNothingToApplyStillRunsTheBeforeAndAfterMigrateCallbacksAsFlywayDoes(TestDatabase db) {
        withCallbacks();
        migrator(db).migrate();
        db.execute("DELETE FROM events");

        migrator(db).migrate();

        assertThat(events(db)).containsExactly("beforeMigrate", "afterVersioned", "afterMigrate a", "afterMigrate b");
    }

    @Test
    void aFailedMigrationRollsBackItsEachMigrateCallbackAndCallsTheErrorCallbacks(TestDatabase db) {
        withCallbacks().file("V2__broken.sql", "CREATE TABLE c (id nope);");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(MigrationFailedException.class);

        assertThat(events(db)).containsExactly("beforeMigrate", "beforeEachMigrate", "afterEachMigrate",
                "beforeEachMigrate", "afterEachMigrate", "afterEachMigrateError", "afterMigrateError");
    }

    @Test
    void aFailingCallbackFailsTheRunNamingItsFileAndLine(TestDatabase db) {
        folder().file("V1__a.sql", "CREATE TABLE a (id int);")
                .file("afterEachMigrate.sql", "SELECT 1;\nSELECT nope;\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("The afterEachMigrate callback failed at line 2 of "
                        + dir.resolve("afterEachMigrate.sql"));
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void javaCallbacksRunAfterTheSqlOnesWithTheMigrationAtHand(TestDatabase db) {
        folder().file("V1__a.sql", "CREATE TABLE a (id int);").file("V2__b.sql", "CREATE TABLE b (id int);");
        List<String> heard = new ArrayList<>();
        Callback callback = new Callback() {
            @Override
            public boolean supports(Event event) {
                return event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_MIGRATE;
            }

            @Override
            public void handle(Event event, Context context) throws java.sql.SQLException {
                heard.add(event.id() + context.migration().map(m -> " " + m.version()).orElse("")
                        + (context.connection().getAutoCommit() ? "" : " in its transaction"));
            }
        };

        Migrator.builder(db.dataSource()).locations(dir.toString()).callback(callback).build().migrate();

        assertThat(heard).containsExactly("afterEachMigrate 1 in its transaction", "afterEachMigrate 2 in its transaction",
                "afterMigrate");
    }

    @Test
    void callbacksOfEventsMigrateHasNoPointForAreRefusedNamingThem(TestDatabase db) {
        folder().file("V1__a.sql", "CREATE TABLE a (id int);").file("beforeValidate.sql", "SELECT 1;");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining(dir.resolve("beforeValidate.sql") + " (beforeValidate)")
                .hasMessageContaining("Nothing was run.");
        assertThat(db.tableExists("a")).isFalse();
    }
}
