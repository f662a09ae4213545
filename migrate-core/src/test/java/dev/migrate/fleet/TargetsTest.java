package dev.migrate.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.DatabaseAccessException;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A fleet's targets as the control database's catalog, or a query on it, gives them. */
@ExtendWith(PostgresExtension.class)
class TargetsTest {

    @Test
    void patternsAndNamesGiveExistingSchemasInByteOrderEachOnce(TestDatabase db) {
        for (String schema : List.of("tenant_b", "tenant_a", "tenant_10", "\"Tenant_Z\"", "billing", "other")) {
            db.execute("CREATE SCHEMA " + schema);
        }
        List<Target> targets = Targets.find(db.dataSource(),
                TargetSelection.of(Target.Kind.SCHEMA, " tenant_%, billing ,tenant_a,"));
        assertThat(targets).extracting(Target::name).containsExactly("billing", "tenant_10", "tenant_a", "tenant_b");
        assertThat(targets).allMatch(target -> target.kind() == Target.Kind.SCHEMA);
    }

    @Test
    void aPatternNeverTakesPostgresOwnSchemas(TestDatabase db) {
        db.execute("CREATE SCHEMA app");
        assertThat(Targets.find(db.dataSource(), TargetSelection.of(Target.Kind.SCHEMA, "%")))
                .extracting(Target::name).containsExactly("app", "public");
    }

    @Test
    void aNameThatIsNoSchemaIsRefusedNamingIt(TestDatabase db) {
        db.execute("CREATE SCHEMA tenant_a");
        assertThatThrownBy(() -> Targets.find(db.dataSource(),
                TargetSelection.of(Target.Kind.SCHEMA, "tenant_a,tenant_x,tenant_y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the fleet names schemas that do not exist: tenant_x, tenant_y. Create them, or leave "
                        + "them out of the list (a LIKE pattern such as tenant_% takes only those that exist)");
    }

    @Test
    void aQueryGivesTargetsInItsOwnOrderEachOnce(TestDatabase db) {
        db.execute("CREATE TABLE tenants (schema_name text, active boolean, since int)");
        db.execute("INSERT INTO tenants VALUES ('t_new', true, 3), ('t_old', true, 1), (NULL, true, 2), "
                + "('t_gone', false, 0), ('t_old', true, 4)");
        List<Target> targets = Targets.find(db.dataSource(), TargetSelection.byQuery(Target.Kind.SCHEMA,
                "SELECT schema_name FROM tenants WHERE active ORDER BY since"));
        assertThat(targets).extracting(Target::name).containsExactly("t_old", "t_new");
    }

    @Test
    void aQueryThatFailsSaysWhichQuery(TestDatabase db) {
        assertThatThrownBy(() -> Targets.find(db.dataSource(),
                TargetSelection.byQuery(Target.Kind.SCHEMA, "SELECT name FROM no_such_table")))
                .isInstanceOf(DatabaseAccessException.class)
                .hasMessageContaining("list the fleet's schemas with the query 'SELECT name FROM no_such_table'")
                .hasMessageContaining("42P01");
    }

    @Test
    void databasesOnTheServerLeaveTemplatesOut(TestDatabase db) {
        assertThat(Targets.find(db.dataSource(), TargetSelection.of(Target.Kind.DATABASE, db.name())))
                .containsExactly(Target.database(db.name()));
        assertThat(Targets.find(db.dataSource(), TargetSelection.of(Target.Kind.DATABASE, "template%"))).isEmpty();
    }

    @Test
    void aQueryMayGiveDatabasesByUrl() {
        assertThat(Target.database("postgres://app@db-7/tenant").isUrl()).isTrue();
        assertThat(Target.database("jdbc:postgresql://db-7/tenant").isUrl()).isTrue();
        assertThat(Target.database("tenant_7").isUrl()).isFalse();
        assertThat(Target.schema("postgres://x").isUrl()).isFalse();
    }

    @Test
    void aSelectionNeedsSomething() {
        assertThatThrownBy(() -> TargetSelection.of(Target.Kind.DATABASE, " , "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a fleet needs its databases: names or LIKE patterns, comma-separated, or a query");
    }
}
