package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.MigrateResult;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YAML master changelog where Spring Boot looks for one ({@code db/changelog/db.changelog-master.yaml}), including a
 * JSON changelog and, through includeAll, a folder of XML and formatted SQL ones, written here and run by Liquibase 4.33.0 and by migrate (with migrate-liquibase-yaml): the same
 * checksum for every changeset, the same schema and {@code databasechangelog}, Liquibase's first part then migrate's,
 * and migrate's {@code down} against Liquibase's {@code rollbackCount}.
 */
@ExtendWith(PostgresExtension.class)
class YamlChangelogOracleTest {

    static final String MASTER = "db/changelog/db.changelog-master.yaml";

    @TempDir
    Path root;
    private Liquibase4 liquibase;
    private ChangelogFolder folder;

    @BeforeEach
    void writeTheChangelogs() throws Exception {
        folder = new ChangelogFolder(root);
        folder.write(MASTER, """
                databaseChangeLog:
                  - property:
                      name: name_size
                      value: 100
                  - changeSet:
                      id: 1
                      author: ops
                      comment: the accounts
                      changes:
                        - createTable:
                            tableName: accounts
                            remarks: people who pay
                            columns:
                              - column:
                                  name: id
                                  type: bigint
                                  autoIncrement: true
                                  constraints:
                                    primaryKey: true
                                    nullable: false
                              - column:
                                  name: name
                                  type: varchar(${name_size})
                                  constraints:
                                    nullable: false
                                    unique: true
                              - column:
                                  name: balance
                                  type: numeric(12,2)
                                  defaultValueNumeric: 0.00
                              - column:
                                  name: active
                                  type: boolean
                                  defaultValueBoolean: true
                  - changeSet:
                      id: 2
                      author: ops
                      context: "!test"
                      changes:
                        - insert:
                            tableName: accounts
                            columns:
                              - column:
                                  name: name
                                  value: first
                              - column:
                                  name: balance
                                  valueNumeric: 12.5
                      rollback:
                        - delete:
                            tableName: accounts
                            where: name = 'first'
                  - include:
                      file: parts/orders.json
                      relativeToChangelogFile: true
                  - changeSet:
                      id: 3
                      author: ops
                      preConditions:
                        - onFail: MARK_RAN
                        - not:
                            - tableExists:
                                tableName: legacy
                      changes:
                        - sql:
                            sql: CREATE TABLE legacy (id int); INSERT INTO legacy VALUES (1);
                            splitStatements: true
                      rollback: DROP TABLE legacy;
                  - changeSet:
                      id: 4
                      author: ops
                      changes:
                        - createView:
                            viewName: rich
                            selectQuery: SELECT name FROM accounts WHERE balance > 10
                  - includeAll:
                      path: changes/
                      relativeToChangelogFile: true
                """);
        folder.write("db/changelog/changes/002-more.sql", """
                --liquibase formatted sql
                --changeset shop:more-1
                ALTER TABLE notes ADD COLUMN body text;
                --rollback ALTER TABLE notes DROP COLUMN body;
                """);
        folder.write("db/changelog/changes/001-notes.xml", XmlChangeOracleTest.HEADER + """
                  <changeSet id="notes-1" author="shop">
                    <createTable tableName="notes"><column name="id" type="int"/></createTable>
                  </changeSet>
                </databaseChangeLog>
                """);
        folder.write("db/changelog/changes/README.md", "Not a changelog: passed over.\n");
        folder.write("db/changelog/parts/orders.json", """
                {"databaseChangeLog": [
                  {"changeSet": {"id": "orders-1", "author": "shop", "changes": [
                    {"createTable": {"tableName": "orders", "columns": [
                      {"column": {"name": "id", "type": "int", "constraints": {"primaryKey": true}}},
                      {"column": {"name": "account", "type": "bigint", "constraints": {
                        "foreignKeyName": "orders_account", "referencedTableName": "accounts",
                        "referencedColumnNames": "id"}}},
                      {"column": {"name": "total", "type": "numeric(10,2)", "defaultValueNumeric": 0}}]}},
                    {"createIndex": {"tableName": "orders", "indexName": "orders_account_ix",
                      "columns": [{"column": {"name": "account"}}]}}]}},
                  {"changeSet": {"id": "orders-2", "author": "shop", "changes": [
                    {"addColumn": {"tableName": "orders", "columns": [
                      {"column": {"name": "note", "type": "text"}}]}}]}}
                ]}
                """);
        liquibase = new Liquibase4(root, MASTER);
    }

    @Test
    void everyChangesetHasLiquibasesChecksum() throws Exception {
        List<String> theirs = new ArrayList<>();
        for (LiquibaseOffline.Seen seen : LiquibaseOffline.read(root, MASTER)) {
            if (!theirs.contains(seen.changeSet() + " " + seen.changeSetChecksum())) {
                theirs.add(seen.changeSet() + " " + seen.changeSetChecksum());
            }
        }
        ChangelogSource source = ChangelogSource.at(List.of("classpath:db/changelog"), folder.classLoader(), Map.of(),
                ChangelogFilter.NONE).orElseThrow();
        assertThat(source.changeSets()).extracting(c -> c.path() + "::" + c.id() + "::" + c.author() + " "
                + c.checksum()).containsExactlyElementsOf(theirs);
    }

    /** The migrator finds db.changelog-master.yaml in the folder, as Spring Boot's default location does. */
    @Test
    void migrateBuildsWhatLiquibaseBuildsAndRollsBackAlike(TestDatabase ours) throws Exception {
        liquibase.command(ours, "updateCount", Map.of("count", 2));
        MigrateResult result = folder.migrator(ours, "db/changelog").build().migrate();
        assertThat(result.applied()).hasSize(6);
        assertThat(liquibase.unrun(ours)).isEmpty();
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            assertThat(LiquibaseOracleTest.schema(ours)).isEqualTo(LiquibaseOracleTest.schema(theirs));
            assertThat(LiquibaseOracleTest.history(ours)).isEqualTo(LiquibaseOracleTest.history(theirs));
            folder.migrator(ours, "db/changelog").build().rollback(5);
            liquibase.command(theirs, "rollbackCount", Map.of("count", 5));
            assertThat(LiquibaseOracleTest.schema(ours)).isEqualTo(LiquibaseOracleTest.schema(theirs));
            assertThat(LiquibaseOracleTest.history(ours)).isEqualTo(LiquibaseOracleTest.history(theirs));
        }
    }
}
