package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.Change;
import dev.migrate.InvalidMigrationException;
import dev.migrate.IrreversibleMigrationException;
import dev.migrate.MigrationInfo;
import dev.migrate.MigrationState;
import dev.migrate.Migrator;
import dev.migrate.Plan;
import dev.migrate.PlannedMigration;
import dev.migrate.Status;
import dev.migrate.Version;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status, plan and validate of a changelog, taking no lock and changing nothing; and contexts and labels, with
 * which migrate leaves out the changesets Liquibase leaves out.
 */
@ExtendWith(PostgresExtension.class)
class ChangelogReportsTest {

    static final String MASTER = "db/changelog/db.changelog-master.sql";
    static final String CHANGELOG = """
            --liquibase formatted sql
            --changeset ops:1
            CREATE TABLE a (id int);
            --changeset ops:2 runOnChange:true
            CREATE OR REPLACE VIEW v AS SELECT 1 AS one;
            --changeset ops:3 context:test
            INSERT INTO a VALUES (3);
            --changeset ops:4 labels:eu
            INSERT INTO a VALUES (4);
            --changeset ops:5
            CREATE TABLE b (id int);
            """;

    @TempDir
    Path root;

    @Test
    void statusPlanAndValidateSayWhereEachChangesetStands(TestDatabase db) throws Exception {
        write(CHANGELOG);
        Status before = migrator(db, "", "").status();
        assertThat(before.migrations()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
        assertThat(before.layouts()).containsExactly("liquibase");
        assertThat(db.tableExists("databasechangelog")).as("nothing created").isFalse();

        Plan plan = migrator(db, "", "").plan(Change.upNext(2));
        assertThat(plan.migrations()).extracting(PlannedMigration::description, PlannedMigration::script,
                PlannedMigration::sql).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MASTER + "::1::ops", "classpath:" + MASTER + ", line 2",
                                "CREATE TABLE a (id int);"),
                        org.assertj.core.groups.Tuple.tuple(MASTER + "::2::ops", "classpath:" + MASTER + ", line 4",
                                "CREATE OR REPLACE VIEW v AS SELECT 1 AS one;"));

        migrator(db, "", "").migrate();
        write(CHANGELOG.replace("SELECT 1 AS one", "SELECT 2 AS one").replace("CREATE TABLE b", "CREATE TABLE c"));
        Status after = migrator(db, "", "").status();
        assertThat(after.migrations()).extracting(MigrationInfo::state).containsExactly(MigrationState.APPLIED,
                MigrationState.OUTDATED, MigrationState.APPLIED, MigrationState.APPLIED, MigrationState.MODIFIED);
        assertThat(after.migrations().get(0).adoptedFrom()).isNull();
        assertThat(migrator(db, "", "").validate().problems()).singleElement().satisfies(problem ->
                assertThat(problem).hasMessageStartingWith("Changeset " + MASTER + "::5::ops (line 10 of "));
    }

    @Test
    void contextsAndLabelsLeaveOutWhatLiquibaseLeavesOut(TestDatabase db) throws Exception {
        write(CHANGELOG);
        Liquibase4 liquibase = new Liquibase4(root, MASTER);
        java.util.List<String> due = liquibase.unrun(db, "prod", "!eu");
        assertThat(due).containsExactly(MASTER + "::1::ops", MASTER + "::2::ops", MASTER + "::5::ops");
        assertThat(migrator(db, "prod", "!eu").migrate().applied()).extracting(a -> a.description())
                .containsExactlyElementsOf(due);
        assertThat(liquibase.unrun(db, "prod", "!eu")).isEmpty();
        assertThat(migrator(db, "test", "").status().pending()).extracting(MigrationInfo::description)
                .containsExactlyElementsOf(liquibase.unrun(db, "test", ""));
        liquibase.command(db, "update", Map.of("contexts", "test", "labelFilter", "eu"));
        assertThat(migrator(db, "", "").status().pending()).isEmpty();
    }

    @Test
    void operationsNotYetReadyForAChangelogRefuseAndChangeNothing(TestDatabase db) throws Exception {
        write(CHANGELOG);
        migrator(db, "", "").migrate();
        String rows = db.value("SELECT count(*) FROM databasechangelog");
        assertThatThrownBy(() -> migrator(db, "", "").rollback(2)).isInstanceOf(IrreversibleMigrationException.class)
                .hasMessage("Cannot roll back: migrations 5 (" + MASTER + "::5::ops), 4 (" + MASTER + "::4::ops) have no "
                        + "down script. Nothing was changed. Give each a rollback ('--rollback <SQL>' under a formatted "
                        + "SQL changeset, <rollback> in XML, rollback: in YAML or JSON; an empty one when there is "
                        + "nothing to undo), or roll back fewer steps.");
        assertThatThrownBy(() -> migrator(db, "", "").goTo(new Version(1))).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Liquibase changelog classpath:" + MASTER + " has no versions to go to: its changesets go up "
                        + "with 'up' and back with 'down N', as Liquibase's update and rollback-count. Nothing was "
                        + "changed.");
        assertThatThrownBy(() -> migrator(db, "", "").baseline(new Version(1)))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Liquibase changelog classpath:" + MASTER + " cannot be used for this operation by this "
                        + "release of migrate, which runs a changelog up and gives its status, plan and validation; use "
                        + "Liquibase for it for now. Nothing was changed.");
        assertThatThrownBy(() -> migrator(db, "", "").list()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("Liquibase changelog classpath:" + MASTER + " cannot be listed once for many targets (a "
                        + "fleet) by this release of migrate; run each target on its own for now. Nothing was changed.");
        assertThat(db.value("SELECT count(*) FROM databasechangelog")).isEqualTo(rows);
        assertThat(db.tableExists("schema_migrations")).isFalse();
    }

    private void write(String text) {
        new ChangelogFolder(root).write(MASTER, text);
    }

    private Migrator migrator(TestDatabase db, String contexts, String labels) {
        return new ChangelogFolder(root).migrator(db, MASTER).contexts(contexts).labels(labels).build();
    }
}
