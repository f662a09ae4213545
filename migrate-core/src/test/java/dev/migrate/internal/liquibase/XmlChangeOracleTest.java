package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change type migrate reads from an XML changelog, with the attributes that change its SQL, read by
 * Liquibase 4.33.0 (for PostgreSQL, without a database) and by migrate: the same description, checksum and SQL,
 * change by change, and the same checksum of version 8 (what Liquibase 3.5 to 4.21 recorded).
 */
class XmlChangeOracleTest {

    static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
            """;
    static final Set<String> NOT_CHANGES = Set.of("comment", "validCheckSum", "preConditions", "rollback");

    /** Each a changeset's changes; written here, not taken from anywhere. */
    static final List<String> CHANGES = List.of("""
            <createTable tableName="accounts" remarks="the accounts">
              <column name="id" type="bigint" autoIncrement="true"><constraints primaryKey="true" nullable="false"/></column>
              <column name="name" type="varchar(100)" defaultValue="anon"><constraints nullable="false" unique="true"/></column>
              <column name="balance" type="numeric(12,2)" defaultValueNumeric="0.00"/>
              <column name="active" type="boolean" defaultValueBoolean="true"/>
              <column name="created" type="timestamp" defaultValueComputed="now()"/>
              <column name="born" type="date" defaultValueDate="2020-01-02"/>
              <column name="uid" type="uuid"/>
              <column name="notes" type="clob" remarks="free text"/>
              <column name="n" type="int" defaultValue="5"/>
              <column name="flag" type="boolean" defaultValue="false"/>
            </createTable>
            """, """
            <createTable tableName="lines" schemaName="public">
              <column name="account" type="bigint"><constraints primaryKey="true" primaryKeyName="lines_pk"/></column>
              <column name="no" type="int"><constraints primaryKey="true"/></column>
              <column name="owner" type="bigint"><constraints foreignKeyName="lines_owner" referencedTableName="accounts" referencedColumnNames="id" deleteCascade="true"/></column>
              <column name="code" type="char(3)"><constraints unique="true" uniqueConstraintName="lines_code"/></column>
              <column name="Mixed" type="text"/>
              <column name="order" type="int"/>
            </createTable>
            """, """
            <addColumn tableName="accounts"><column name="email" type="varchar(255)"/></addColumn>
            <addColumn tableName="accounts"><column name="e" type="int" defaultValueNumeric="1"><constraints nullable="false"/></column></addColumn>
            <createIndex tableName="accounts" indexName="accounts_email" unique="true"><column name="email"/></createIndex>
            <createIndex tableName="accounts" indexName="ix2"><column name="e" descending="true"/><column name="n"/></createIndex>
            <insert tableName="accounts"><column name="name" value="first"/><column name="n" valueNumeric="3"/><column name="active" valueBoolean="false"/><column name="born" valueDate="2021-03-04"/><column name="created" valueComputed="now()"/></insert>
            <addForeignKeyConstraint baseTableName="accounts" baseColumnNames="n" constraintName="fk_n" referencedTableName="accounts" referencedColumnNames="id" onDelete="CASCADE"/>
            <addNotNullConstraint tableName="accounts" columnName="email" defaultNullValue="x@y"/>
            <renameColumn tableName="accounts" oldColumnName="notes" newColumnName="note"/>
            <dropColumn tableName="accounts" columnName="e"/>
            <createView viewName="names">SELECT name FROM accounts</createView>
            <createView viewName="names2" replaceIfExists="true">SELECT name FROM accounts WHERE n &gt; 1</createView>
            <sql>UPDATE accounts SET n = 1;</sql>
            """, """
            <dropTable tableName="t1" cascadeConstraints="true"/>
            <renameTable oldTableName="a" newTableName="b"/>
            <modifyDataType tableName="b" columnName="c" newDataType="bigint"/>
            <dropNotNullConstraint tableName="b" columnName="c" columnDataType="int"/>
            <addDefaultValue tableName="b" columnName="c" defaultValueNumeric="7"/>
            <addDefaultValue tableName="b" columnName="d" defaultValue="x'y"/>
            <dropDefaultValue tableName="b" columnName="c"/>
            <addPrimaryKey tableName="b" columnNames="c, d" constraintName="b_pk"/>
            <dropPrimaryKey tableName="b" constraintName="b_pk"/>
            <dropForeignKeyConstraint baseTableName="b" constraintName="fk"/>
            <addUniqueConstraint tableName="b" columnNames="c" constraintName="uq"/>
            <dropUniqueConstraint tableName="b" constraintName="uq"/>
            <dropIndex tableName="b" indexName="ix"/>
            <createSequence sequenceName="s" startValue="10" incrementBy="5" cycle="false"/>
            <alterSequence sequenceName="s" incrementBy="2"/>
            <dropSequence sequenceName="s"/>
            <renameView oldViewName="v" newViewName="w"/>
            <dropView viewName="w"/>
            <update tableName="b"><column name="c" valueNumeric="1"/><column name="d" value="it's"/><where>d = 'x'</where></update>
            <delete tableName="b"><where>c = 1</where></delete>
            <setTableRemarks tableName="b" remarks="bee"/>
            <setColumnRemarks tableName="b" columnName="c" remarks="see"/>
            <addAutoIncrement tableName="b" columnName="c" columnDataType="bigint"/>
            <addAutoIncrement tableName="b" schemaName="app" columnName="d" columnDataType="int" startWith="100" incrementBy="10"/>
            <output target="STDERR">hello</output>
            <empty/>
            <createProcedure>CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'</createProcedure>
            """, """
            <tagDatabase tag="v1"/>
            """);

    @TempDir
    Path root;

    @Test
    void eachChangeHasLiquibasesDescriptionChecksumAndSql() throws Exception {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < CHANGES.size(); i++) {
            text.append("<changeSet id=\"").append(i + 1).append("\" author=\"ops\">\n").append(CHANGES.get(i))
                    .append("</changeSet>\n");
        }
        text.append("</databaseChangeLog>\n");
        Files.writeString(root.resolve("changelog.xml"), text);

        List<String> expected = new ArrayList<>();
        for (LiquibaseOffline.Seen seen : LiquibaseOffline.read(root, "changelog.xml")) {
            expected.add(seen.description() + " | " + seen.checksum() + " | " + seen.sql());
        }
        List<String> actual = new ArrayList<>();
        ChangelogNode log = XmlChangelogParser.parse("changelog.xml", text.toString());
        for (ChangelogNode changeSet : log.children("changeSet")) {
            for (ChangelogNode change : changeSet.children()) {
                if (!NOT_CHANGES.contains(change.name())) {
                    LiquibaseChange read = LiquibaseChange.of(change).orElseThrow();
                    actual.add(read.description() + " | " + read.checksum() + " | " + read.statements());
                }
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);

        List<String> version8 = new ArrayList<>();
        for (LiquibaseOffline.Seen seen : LiquibaseOffline.read(root, "changelog.xml", liquibase.ChecksumVersion.V8)) {
            version8.add(seen.description() + " | " + seen.checksum());
        }
        List<String> ours = new ArrayList<>();
        for (ChangelogNode changeSet : log.children("changeSet")) {
            for (ChangelogNode change : changeSet.children()) {
                if (!NOT_CHANGES.contains(change.name())) {
                    ours.add(LiquibaseChange.description(change) + " | " + ChangeChecksum.ofVersion8(change));
                }
            }
        }
        assertThat(version8).as("Liquibase 4.33.0's version 8 checksums").allMatch(sum -> sum.contains("| 8:"));
        assertThat(ours).as("as Liquibase 3.5 to 4.21 wrote them").containsExactlyElementsOf(version8);
    }
}
