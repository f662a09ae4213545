package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Flyway's placeholders in a Flyway folder, replaced as Flyway replaces them. */
class PlaceholderTest extends FolderTest {

    private Migrator migrator(TestDatabase db, Map<String, String> values) {
        return Migrator.builder(db.dataSource()).locations(dir.toString()).placeholders(values).build();
    }

    @Test
    void givenValuesAndFlywaysOwnAreReplacedEverywhereNamesInAnyCase(TestDatabase db) {
        folder().file("V1__create.sql", """
                -- owned by ${Owner}
                CREATE TABLE ${table_name} (id int);
                COMMENT ON TABLE ${table_name} IS '${flyway:user}|${flyway:database}|${flyway:defaultSchema}|${flyway:table}|${flyway:filename}';
                """);

        migrator(db, Map.of("TABLE_NAME", "accounts", "owner", "team")).migrate();

        assertThat(db.value("SELECT obj_description('accounts'::regclass)")).isEqualTo(db.user() + "|" + db.name()
                + "|public|schema_migrations|V1__create.sql");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefusedBeforeAnythingRunsNamingFileLineAndSetting(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE a (id int);")
                .file("V2__grant.sql", "CREATE TABLE b (id int);\nGRANT SELECT ON b TO ${reader_role};\n");
        String file = dir.resolve("V2__grant.sql").toString();

        assertThatThrownBy(() -> migrator(db, Map.of()).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage(file + " uses the placeholder ${reader_role} at line 2, which has no value (Flyway: 'No "
                        + "value provided for placeholder'). Nothing was run. Give it one: "
                        + "database.migrations.placeholders.reader_role (Spring), -placeholder reader_role=... (CLI) or "
                        + "MigratorBuilder.placeholders(...); or, if the text is not meant as a placeholder, put "
                        + "placeholderReplacement=false in " + file + ".conf.");
        assertThat(db.tableExists("a")).isFalse();
    }

    @Test
    void anAppliedScriptIsNotChangedByANewValueButARepeatableIsAppliedAgain(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE accounts (id int, plan text);\nCOMMENT ON TABLE accounts IS '${env}';")
                .file("R__view.sql", "CREATE OR REPLACE VIEW plan_accounts AS SELECT id FROM accounts WHERE plan = '${plan}';");
        migrator(db, Map.of("env", "staging", "plan", "pro")).migrate();

        MigrateResult again = migrator(db, Map.of("env", "production", "plan", "team")).migrate();

        assertThat(again.applied()).isEmpty();
        assertThat(again.repeatables()).extracting(AppliedRepeatable::description).containsExactly("view");
        assertThat(db.value("SELECT pg_get_viewdef('plan_accounts')")).contains("'team'");
        assertThat(migrator(db, Map.of("env", "x", "plan", "team")).migrate().upToDate()).isTrue();
    }

    @Test
    void anAppliedScriptNeedsNoValueForItsPlaceholders(TestDatabase db) {
        folder().file("V1__create.sql", "CREATE TABLE accounts (id int);\nCOMMENT ON TABLE accounts IS '${env}';");
        migrator(db, Map.of("env", "staging")).migrate();

        assertThat(migrator(db, Map.of()).migrate().upToDate()).isTrue();
        assertThat(migrator(db, Map.of()).validate().valid()).isTrue();
    }

    @Test
    void replacementIsOffForAScriptWhoseConfSaysSoAndForOtherLayouts(TestDatabase db) {
        folder().file("V1__template.sql", "CREATE TABLE t (body text DEFAULT 'Hello ${name}');")
                .file("V1__template.sql.conf", "placeholderReplacement=false\n");
        migrator(db, Map.of()).migrate();
        assertThat(db.value("SELECT column_default FROM information_schema.columns WHERE table_name = 't'"))
                .isEqualTo("'Hello ${name}'::text");

        java.nio.file.Path golang = dir.resolve("golang");
        new MigrationFolder(golang).file("1_t.up.sql", "CREATE TABLE g (body text DEFAULT '${name}');");
        Migrator.builder(db.dataSource()).locations(golang.toString()).table("golang_history").build().migrate();
        assertThat(db.value("SELECT column_default FROM information_schema.columns WHERE table_name = 'g'"))
                .isEqualTo("'${name}'::text");
    }
}
