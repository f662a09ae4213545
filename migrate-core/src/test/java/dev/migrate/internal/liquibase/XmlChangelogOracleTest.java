package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrateResult;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import dev.migrate.test.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import liquibase.ChecksumVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An XML master changelog written here, with a property, preconditions, an explicit and an automatic rollback, an
 * sqlFile, and includes of an XML changelog beside it and of a formatted SQL one from the root, run by Liquibase 4.33.0
 * and by migrate: the same schema and the same {@code databasechangelog}; Liquibase's first part, then migrate's; and
 * migrate's {@code down} against Liquibase's {@code rollbackCount}; a tag recorded as Liquibase records it; every
 * foreign key of a table dropped as Liquibase drops them; CSV files loaded (and
 * upserted) with the values Liquibase loads.
 */
@ExtendWith(PostgresExtension.class)
class XmlChangelogOracleTest {

    static final String MASTER = "db/changelog/db.changelog-master.xml";
    static final String HEADER = XmlChangeOracleTest.HEADER;

    @TempDir
    Path root;
    private Liquibase4 liquibase;
    private ChangelogFolder folder;

    @BeforeEach
    void writeTheChangelogs() throws Exception {
        folder = new ChangelogFolder(root);
        folder.write(MASTER, HEADER + """
                  <property name="owner_type" value="bigint"/>
                  <property name="owner_type" value="int" dbms="oracle"/>
                  <changeSet id="1" author="ops">
                    <comment>the accounts</comment>
                    <createTable tableName="accounts">
                      <column name="id" type="${owner_type}" autoIncrement="true"><constraints primaryKey="true"/></column>
                      <column name="name" type="varchar(100)"><constraints nullable="false" unique="true"/></column>
                      <column name="active" type="boolean" defaultValueBoolean="true"/>
                    </createTable>
                  </changeSet>
                  <changeSet id="2" author="ops" context="!test" labels="Core">
                    <insert tableName="accounts"><column name="name" value="first"/></insert>
                    <rollback><delete tableName="accounts"><where>name = 'first'</where></delete></rollback>
                  </changeSet>
                  <include file="parts/orders.xml" relativeToChangelogFile="true"/>
                  <changeSet id="3" author="ops">
                    <preConditions onFail="MARK_RAN"><not><tableExists tableName="legacy"/></not></preConditions>
                    <createTable tableName="legacy"><column name="id" type="int"/></createTable>
                  </changeSet>
                  <include file="db/changelog/parts/views.sql"/>
                  <changeSet id="4" author="ops">
                    <sqlFile path="parts/fill.sql" relativeToChangelogFile="true"/>
                    <rollback>DELETE FROM orders WHERE total = 99;</rollback>
                  </changeSet>
                  <changeSet id="5" author="ops">
                    <tagDatabase tag="release-1"/>
                  </changeSet>
                  <changeSet id="members-1" author="ops">
                    <createTable tableName="members">
                      <column name="id" type="int"><constraints primaryKey="true"/></column>
                      <column name="name" type="varchar(50)"/>
                      <column name="active" type="boolean"/>
                      <column name="joined_on" type="date"/>
                      <column name="score" type="numeric(6,2)"/>
                      <column name="note" type="text"/>
                      <column name="level" type="int"/>
                    </createTable>
                    <loadData file="data/members.csv" relativeToChangelogFile="true" tableName="members" separator=";">
                      <column name="active" type="BOOLEAN"/>
                      <column header="joined" name="joined_on" type="DATE"/>
                      <column name="ignored" type="SKIP"/>
                    </loadData>
                    <rollback><dropTable tableName="members"/></rollback>
                  </changeSet>
                  <changeSet id="members-2" author="ops">
                    <loadData file="db/changelog/data/more-members.csv" tableName="members"/>
                    <rollback>DELETE FROM members WHERE id > 3;</rollback>
                  </changeSet>
                  <changeSet id="members-3" author="ops">
                    <loadUpdateData file="db/changelog/data/members-update.csv" tableName="members" primaryKey="id">
                      <column name="name" allowUpdate="false"/>
                    </loadUpdateData>
                    <rollback>DELETE FROM members WHERE id > 5;</rollback>
                  </changeSet>
                  <changeSet id="6" author="ops">
                    <dropAllForeignKeyConstraints baseTableName="orders"/>
                    <rollback>
                      <addForeignKeyConstraint baseTableName="orders" baseColumnNames="account" constraintName="orders_account" referencedTableName="accounts" referencedColumnNames="id"/>
                    </rollback>
                  </changeSet>
                </databaseChangeLog>
                """);
        folder.write("db/changelog/parts/orders.xml", HEADER + """
                  <changeSet id="orders-1" author="shop">
                    <createTable tableName="orders">
                      <column name="id" type="int"><constraints primaryKey="true"/></column>
                      <column name="account" type="bigint"><constraints foreignKeyName="orders_account" referencedTableName="accounts" referencedColumnNames="id"/></column>
                      <column name="total" type="numeric(10,2)" defaultValueNumeric="0"/>
                    </createTable>
                    <createIndex tableName="orders" indexName="orders_account_ix"><column name="account"/></createIndex>
                  </changeSet>
                  <changeSet id="orders-2" author="shop">
                    <addColumn tableName="orders"><column name="note" type="text" remarks="why"/></addColumn>
                  </changeSet>
                </databaseChangeLog>
                """);
        folder.write("db/changelog/parts/views.sql", """
                --liquibase formatted sql
                --changeset shop:views-1
                CREATE VIEW order_totals AS SELECT account, sum(total) AS total FROM orders GROUP BY account;
                --rollback DROP VIEW order_totals;
                """);
        folder.write("db/changelog/data/members.csv", "id;name;active;joined;score;note;level;ignored\r\n"
                + "# a comment line\r\n"
                + "1;\"Smith; Ann\";true;2024-01-31;12.50;\"said \"\"hi\"\"\";3;x\r\n"
                + "\r\n"
                + "2;Bo;0;;NULL;;;y\r\n"
                + "3;NULL;yes;NULL;7;\"two\nlines\";NULL;z\r\n");
        folder.write("db/changelog/data/more-members.csv", "id,name,active,joined_on,score,note,level\n"
                + "4,Cy,false,2023-05-06,1.5,,\n5,,TRUE,,,NULL,9\n");
        folder.write("db/changelog/data/members-update.csv", "id,name,active,level\n4,Changed,true,10\n6,Di,false,2\n");
        folder.write("db/changelog/parts/fill.sql", "INSERT INTO orders (id, total) VALUES (1, 99);\n");
        liquibase = new Liquibase4(root, MASTER);
    }

    @Test
    void migrateBuildsWhatLiquibaseBuildsFromAnXmlChangelog(TestDatabase ours) throws Exception {
        MigrateResult result = folder.migrator(ours, MASTER).build().migrate();
        assertThat(result.applied()).hasSize(12);
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            assertThat(LiquibaseOracleTest.schema(ours)).isEqualTo(LiquibaseOracleTest.schema(theirs));
            assertThat(LiquibaseOracleTest.history(ours)).isEqualTo(LiquibaseOracleTest.history(theirs));
        }
        assertThat(liquibase.unrun(ours)).isEmpty();
        assertThat(folder.migrator(ours, MASTER).build().migrate().upToDate()).isTrue();
        assertThat(ours.column("SELECT concat_ws('|', id, coalesce(name, '-'), active, coalesce(joined_on::text, '-'), "
                + "coalesce(score::text, '-'), coalesce(note, '-'), coalesce(level::text, '-')) FROM members ORDER BY id"))
                .as("as Liquibase loads them: the schema compared above holds its rows").containsExactly(
                        "1|Smith; Ann|t|2024-01-31|12.50|said \"hi\"|3", "2|Bo|f|-|-|-|-",
                        "3|-|t|-|7.00|two\nlines|-", "4|Cy|t|2023-05-06|1.50||10", "5||t|-|-|-|9",
                        "6|Di|f|-|-|-|2");
    }

    @Test
    void aHistoryLiquibase421WroteIsCheckedByItsVersion8ChecksumsAndUpgradedAsLiquibaseUpgradesIt(TestDatabase ours)
            throws Exception {
        liquibase.update(ours);
        List<String> current = LiquibaseOracleTest.history(ours);
        Map<String, String> version8 = LiquibaseOffline.changeSetChecksums(root, MASTER,
                ChecksumVersion.V8);
        assertThat(version8.values()).allMatch(sum -> sum.startsWith("8:"));
        version8.forEach((key, sum) -> ours.execute("UPDATE databasechangelog SET md5sum = '" + sum
                + "' WHERE filename || '::' || id || '::' || author = '" + key + "'"));
        assertThat(LiquibaseOracleTest.history(ours)).isNotEqualTo(current);

        List<String> written = LiquibaseOracleTest.history(ours);
        assertThat(folder.migrator(ours, MASTER).build().migrate().applied()).isEmpty();
        assertThat(LiquibaseOracleTest.history(ours)).as("a run with nothing to do writes nothing").isEqualTo(written);

        ours.execute("DELETE FROM databasechangelog WHERE id = '6'");
        assertThat(folder.migrator(ours, MASTER).build().migrate().applied()).extracting(a -> a.description())
                .containsExactly(MASTER + "::6::ops");
        assertThat(LiquibaseOracleTest.history(ours)).as("upgraded to version 9, as Liquibase upgrades them")
                .isEqualTo(current);

        ours.execute("UPDATE databasechangelog SET md5sum = '8:00000000000000000000000000000000' WHERE id = '4'");
        assertThatThrownBy(() -> folder.migrator(ours, MASTER).build().migrate())
                .isInstanceOf(dev.migrate.ChecksumMismatchException.class)
                .hasMessageContaining("(Liquibase checksum 8:00000000000000000000000000000000 -> 8:")
                .hasMessageContaining("add <validCheckSum>8:");
    }

    @Test
    void liquibaseRunsTheFirstPartAndMigrateTheRestThenBothRollBackAlike(TestDatabase ours) throws Exception {
        liquibase.command(ours, "updateCount", Map.of("count", 3));
        assertThat(folder.migrator(ours, MASTER).build().migrate().applied()).hasSize(9);
        assertThat(liquibase.unrun(ours)).isEmpty();
        MigrateResult down = folder.migrator(ours, MASTER).build().rollback(10);
        assertThat(down.rolledBack()).hasSize(10);
        try (TestDatabase theirs = TestPostgres.createDatabase()) {
            liquibase.update(theirs);
            liquibase.command(theirs, "rollbackCount", Map.of("count", 10));
            assertThat(LiquibaseOracleTest.schema(ours)).isEqualTo(LiquibaseOracleTest.schema(theirs));
            assertThat(LiquibaseOracleTest.history(ours)).isEqualTo(LiquibaseOracleTest.history(theirs));
        }
    }
}
