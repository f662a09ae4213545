package dev.migrate.internal.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.InvalidMigrationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import liquibase.ChecksumVersion;
import liquibase.change.AbstractSQLChange;
import liquibase.change.CheckSum;
import liquibase.change.core.EmptyChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.core.formattedsql.FormattedSqlChangeLogParser;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formatted SQL changelogs written here, read by Liquibase 4.33.0's own parser and by ours: the same changesets,
 * attributes, SQL, rollbacks and checksums; and the same lines refused.
 */
class FormattedSqlOracleTest {

    private static final String PATH = "db/changelog/changes.sql";

    @TempDir
    Path dir;

    @Test
    void attributesSqlRollbacksAndChecksumsAreLiquibases() throws Exception {
        same("""
                --liquibase formatted sql

                -- a note before the first changeset is not SQL
                --property name:tableName value:accounts
                --property name:prefix value:app_${tableName}
                --property name:tableName value:ignored_second_definition

                --changeset alice:1
                --comment: the accounts
                CREATE TABLE ${tableName} (
                \tid bigint PRIMARY KEY,
                    name text NOT NULL -- an ordinary comment stays SQL
                );
                --rollback DROP TABLE ${tableName};

                --changeset "bob smith":"2: with spaces" runOnChange:true runAlways:TRUE runInTransaction:false
                CREATE INDEX CONCURRENTLY ${prefix}_idx ON accounts (name);
                --rollback DROP INDEX ${prefix}_idx;
                --rollback SELECT 1;

                --changeset carol:3 splitStatements:false stripComments:false endDelimiter:\\nGO failOnError:false
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.name := lower(NEW.name);
                  RETURN NEW;
                END $$;
                /* liquibase rollback
                DROP FUNCTION
                 touch();
                */

                --changeset dave:4 context:"dev and !test" labels:'v1,v2' dbms:postgresql,h2 ignore:false
                --validCheckSum: 9:0123456789abcdef0123456789abcdef
                --validCheckSum: ANY
                --preconditions onFail:mark_ran onError:WARN
                --precondition-sql-check expectedResult:0 SELECT count(*) FROM accounts WHERE name = '${tableName}'
                --precondition-table-exists table:accounts schema:public
                --precondition-view-exists view:account_names
                INSERT INTO accounts VALUES (1, 'Å café ${unknown}');
                --rollback empty

                --changeset erin:5 contextFilter:prod logicalFilePath:other/place.sql dbms:!h2
                --precondition-sql-check "two words" SELECT 'two words'
                --precondition-sql-check expectedResult:'a b' SELECT 'a b'
                --ignoreLines:start
                this is not read
                --ignoreLines:end
                --ignoreLines:1
                neither is this
                UPDATE accounts SET name = 'e' WHERE id = 1;
                --rollback not required
                """);
    }

    @Test
    void aByteOrderMarkTheHeadersLogicalPathLineBreaksAndUnicodeFormsCountAsInLiquibase() throws Exception {
        same("\uFEFF--liquibase formatted sql logicalFilePath:classpath:/shared/./base/../all.sql\r\n\r\n"
                + "--changeset a:1\r\nCREATE TABLE t (c text DEFAULT 'cafe\u0301');\r\n"
                + "--changeset a:2\rCREATE TABLE u (c text DEFAULT 'caf\u00e9');\r\n");
    }

    @Test
    void linesLiquibaseRefusesAreRefusedNamingTheLine() throws Exception {
        refusedAtLine("--liquibase formatted sql\n-changeset a:1\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--changeset a1\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--changeset a: 1\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--comment: before any changeset\n--changeset a:1\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n--liquibase formatted sql\n", 4);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n-rollback DROP TABLE t;\nSELECT 1;\n", 3);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--comments: two\nSELECT 1;\n", 3);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--changeset a:2\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n/* liquibase rollback\nSELECT 2;\n", 4);
        refusedAtLine("--liquibase formatted sql\n-property name:x value:y\n--changeset a:1\nSELECT 1;\n", 2);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--precondition-column-exists table:t column:c\n"
                + "SELECT 1;\n", 3);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--precondition-sql-check SELECT\nSELECT 1;\n", 3);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--precondition-sql-check expectedResult:'it''s' "
                + "SELECT 1\nSELECT 1;\n", 3);
        refusedAtLine("--liquibase formatted sql\n--changeset a:1\n--precondition-table-exists schema:s\n"
                + "SELECT 1;\n", 3);
    }

    @Test
    void aChangelogIsKnownByItsFirstLineThatIsNotBlank() {
        assertThat(FormattedSqlChangelog.isOne("\n  \n-- liquibase formatted sql\n--changeset a:1\nSELECT 1;"))
                .isTrue();
        assertThat(FormattedSqlChangelog.isOne("--Liquibase Formatted SQL")).isTrue();
        assertThat(FormattedSqlChangelog.isOne("-- a migration\n--liquibase formatted sql\n")).isFalse();
        assertThat(FormattedSqlChangelog.isOne("CREATE TABLE t (id int);")).isFalse();
    }

    private void refusedAtLine(String text, int line) throws Exception {
        Path file = write(text);
        assertThatThrownBy(() -> liquibase(file)).as("Liquibase refuses:\n" + text)
                .isInstanceOf(ChangeLogParseException.class);
        assertThatThrownBy(() -> ours(text)).as("we refuse:\n" + text).isInstanceOf(InvalidMigrationException.class)
                .hasMessageStartingWith("Liquibase changelog " + PATH + ", line " + line + ": ")
                .hasMessageEndingWith(". Nothing was run.");
    }

    /** Reads {@code text} with both parsers and compares every changeset. */
    private void same(String text) throws Exception {
        Path file = write(text);
        List<ChangeSet> theirs = liquibase(file).getChangeSets();
        // a changeset keeps the first checksum it computed, of whichever version: version 8 from a second reading
        List<ChangeSet> again = liquibase(file).getChangeSets();
        List<LiquibaseChangeSet> mine = ours(text);
        assertThat(mine).hasSize(theirs.size()).isNotEmpty();
        for (int i = 0; i < theirs.size(); i++) {
            assertThat(describe(mine.get(i))).as("changeset " + (i + 1))
                    .isEqualTo(describe(theirs.get(i), again.get(i)));
        }
    }

    private Path write(String text) throws Exception {
        Path file = dir.resolve(PATH);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private DatabaseChangeLog liquibase(Path file) throws Exception {
        return new FormattedSqlChangeLogParser().parse(PATH, new ChangeLogParameters(),
                new DirectoryResourceAccessor(dir));
    }

    private static List<LiquibaseChangeSet> ours(String text) {
        Map<String, String> parameters = new LinkedHashMap<>(System.getenv());
        System.getProperties().forEach((name, value) -> parameters.putIfAbsent(String.valueOf(name),
                String.valueOf(value)));
        return FormattedSqlChangelog.read(PATH, PATH, text, parameters);
    }

    private static Map<String, Object> describe(ChangeSet set, ChangeSet forVersion8) {
        AbstractSQLChange change = (AbstractSQLChange) set.getChanges().get(0);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", set.getId());
        d.put("author", set.getAuthor());
        d.put("path", set.getFilePath());
        d.put("flags", List.of(set.isRunOnChange(), set.isAlwaysRun(), set.isRunInTransaction(),
                set.getFailOnError() == null || set.getFailOnError(), change.isSplitStatements(),
                change.isStripComments(), set.isIgnore()));
        d.put("endDelimiter", Optional.ofNullable(change.getEndDelimiter()));
        d.put("context", Optional.ofNullable(set.getContextFilter()).filter(c -> !c.isEmpty()).map(Object::toString));
        d.put("labels", Optional.ofNullable(set.getLabels()).filter(l -> !l.isEmpty()).map(Object::toString));
        d.put("dbms", Optional.ofNullable(set.getDbmsSet()).filter(s -> !s.isEmpty()).map(TreeSet::new));
        d.put("comment", Optional.ofNullable(set.getComments()));
        d.put("validCheckSums", set.getValidCheckSums().stream().map(CheckSum::toString).sorted().toList());
        d.put("preconditions", Optional.ofNullable(set.getPreconditions()).map(FormattedSqlOracleTest::describe));
        d.put("sql", change.getSql());
        d.put("rollback", set.getRollback().getChanges().isEmpty() ? Optional.empty()
                : set.getRollback().getChanges().get(0) instanceof EmptyChange ? Optional.of("")
                : Optional.of(((AbstractSQLChange) set.getRollback().getChanges().get(0)).getSql()));
        d.put("checksum", set.generateCheckSum(ChecksumVersion.V9).toString());
        d.put("checksum8", Optional.of(forVersion8.generateCheckSum(ChecksumVersion.V8).toString()));
        return d;
    }

    private static Map<String, Object> describe(LiquibaseChangeSet set) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", set.id());
        d.put("author", set.author());
        d.put("path", set.path());
        d.put("flags", List.of(set.runOnChange(), set.runAlways(), set.runInTransaction(), set.failOnError(),
                set.splitStatements(), set.stripComments(), set.ignore()));
        d.put("endDelimiter", set.endDelimiter());
        d.put("context", set.context().filter(s -> !s.isEmpty()));
        d.put("labels", set.labels().filter(s -> !s.isEmpty()).map(s -> java.util.Arrays.stream(s.split(","))
                .map(label -> label.trim().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(","))));
        d.put("dbms", set.dbms().map(s -> java.util.Arrays.stream(s.split(",")).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new))));
        d.put("comment", set.comment());
        d.put("validCheckSums", set.validCheckSums().stream().map(FormattedSqlOracleTest::asLiquibaseShows).sorted()
                .toList());
        d.put("preconditions", set.preconditions().map(p -> p.onFail() + " " + p.onError() + " " + p.checks().stream()
                .map(c -> c.type() + new java.util.TreeMap<>(c.attributes()) + c.text()).toList()));
        d.put("sql", set.sql());
        d.put("rollback", set.rollback());
        d.put("checksum", set.checksum());
        d.put("checksum8", Optional.of(set.checksumVersion8()));
        return d;
    }

    private static String describe(liquibase.precondition.core.PreconditionContainer container) {
        List<String> checks = container.getNestedPreconditions().stream().map(p -> {
            Map<String, String> attributes = new java.util.TreeMap<>();
            String text = "";
            if (p instanceof liquibase.precondition.core.SqlPrecondition sql) {
                attributes.put("expectedResult", sql.getExpectedResult());
                text = sql.getSql();
            } else if (p instanceof liquibase.precondition.core.TableExistsPrecondition table) {
                attributes.put("tableName", table.getTableName());
                Optional.ofNullable(table.getSchemaName()).ifPresent(schema -> attributes.put("schemaName", schema));
            } else if (p instanceof liquibase.precondition.core.ViewExistsPrecondition view) {
                attributes.put("viewName", view.getViewName());
                Optional.ofNullable(view.getSchemaName()).ifPresent(schema -> attributes.put("schemaName", schema));
            }
            return p.getName() + attributes + text;
        }).toList();
        return container.getOnFail() + " " + container.getOnError() + " " + checks;
    }

    /** A valid checksum as Liquibase prints one: without a version, version 1. */
    private static String asLiquibaseShows(String checksum) {
        return CheckSum.parse(checksum).toString();
    }
}
