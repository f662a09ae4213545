package dev.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static List<String> texts(String sql) {
        return SqlSplitter.split(sql).stream().map(SqlSplitter.Statement::sql).toList();
    }

    @Test
    void splitsAtSemicolonsAndKeepsEachStatementsFirstLine() {
        List<SqlSplitter.Statement> statements = SqlSplitter.split("""
                -- header
                CREATE TABLE a (id int);

                CREATE INDEX CONCURRENTLY a_id
                    ON a (id);
                SELECT 1""");

        assertThat(statements).extracting(s -> s.line() + ":" + s.sql()).containsExactly(
                "2:CREATE TABLE a (id int)", "4:CREATE INDEX CONCURRENTLY a_id\n    ON a (id)", "6:SELECT 1");
        assertThat(statements).extracting(SqlSplitter.Statement::command)
                .containsExactly("create table", "create index", "select");
    }

    @Test
    void givesWhereEachStatementStandsInTheScript() {
        String sql = "BEGIN;\nCREATE TABLE a (id int);\n  COMMIT ;";

        List<SqlSplitter.Statement> statements = SqlSplitter.split(sql);

        assertThat(statements).allSatisfy(s -> assertThat(sql.substring(s.start(), s.end())).isEqualTo(s.sql()));
        assertThat(statements).extracting(SqlSplitter.Statement::command).containsExactly("begin", "create table", "commit");
    }

    @Test
    void reportsWhatAScriptLeavesOpenAtItsEnd() {
        assertThat(SqlSplitter.lex("SELECT 1;\nSELECT 'open;\nSELECT 2;").unterminated())
                .contains("a quoted string (') opened at line 2");
        assertThat(SqlSplitter.lex("CREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;").unterminated())
                .contains("a dollar quote ($body$) opened at line 1");
        assertThat(SqlSplitter.lex("SELECT 1;\n/* note /* nested */\n").unterminated())
                .contains("a comment (/*) opened at line 2");
        assertThat(SqlSplitter.lex("SELECT \"open FROM t;").unterminated())
                .contains("a quoted identifier (\") opened at line 1");
        assertThat(SqlSplitter.lex("SELECT 'a''b', $$x$$, \"c\"\"d\" /* e */;").unterminated()).isEmpty();
    }

    @Test
    void ignoresSemicolonsInStringsIdentifiersAndComments() {
        assertThat(texts("""
                SELECT 'a;b', 'it''s;', "odd;name" FROM t; -- c;d
                /* block; /* nested; */ still comment; */ SELECT E'x\\';y';
                SELECT U&'\\0041;';
                """)).containsExactly(
                "SELECT 'a;b', 'it''s;', \"odd;name\" FROM t",
                "SELECT E'x\\';y'",
                "SELECT U&'\\0041;'");
    }

    @Test
    void ignoresSemicolonsInDollarQuotes() {
        assertThat(texts("""
                CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;
                CREATE FUNCTION g() RETURNS int AS $fn$ SELECT $$;$$::text; SELECT 2; $fn$ LANGUAGE sql;
                SELECT $1, a$b FROM t;
                """)).hasSize(3).last().isEqualTo("SELECT $1, a$b FROM t");
    }

    @Test
    void keepsBeginAtomicBodiesWhole() {
        List<String> statements = texts("""
                CREATE OR REPLACE FUNCTION twice(i int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN i > 0 THEN i * 2 ELSE 0 END;
                    SELECT i;
                END;
                CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END;
                BEGIN;
                COMMIT;
                """);

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0)).endsWith("SELECT i;\nEND");
        assertThat(statements.get(2)).isEqualTo("BEGIN");
    }

    @Test
    void skipsEmptyStatementsAndCommentOnlyTails() {
        assertThat(texts(";;\nSELECT 1;;\n-- the end\n")).containsExactly("SELECT 1");
        assertThat(texts("-- only a comment")).isEmpty();
    }

    @Test
    void countsLinesInsideMultiLineLiterals() {
        // lines: SELECT 'a | b', $$c | d$$, /* e | f */ 1; | SELECT 2;
        List<SqlSplitter.Statement> statements = SqlSplitter.split("SELECT 'a\nb', $$c\nd$$, /* e\nf */ 1;\nSELECT 2;");

        assertThat(statements.get(1).line()).isEqualTo(5);
    }

    @Test
    void anUnterminatedQuoteRunsToTheEnd() {
        assertThat(texts("SELECT 'open; SELECT 2;")).containsExactly("SELECT 'open; SELECT 2;");
    }
}
