package dev.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements PostgreSQL refuses inside a transaction block, told before anything runs. */
class OutsideTransactionTest {

    @ParameterizedTest
    @ValueSource(strings = {"CREATE INDEX CONCURRENTLY orders_status ON orders (status)",
            "create unique index concurrently if not exists users_email on users (lower(email))",
            "DROP INDEX CONCURRENTLY IF EXISTS orders_status", "REINDEX (VERBOSE) INDEX CONCURRENTLY orders_status",
            "REINDEX TABLE CONCURRENTLY orders", "VACUUM (ANALYZE) orders", "vacuum full", "ALTER SYSTEM SET work_mem = '64MB'",
            "CREATE DATABASE reporting", "DROP DATABASE IF EXISTS scratch", "CREATE TABLESPACE fast LOCATION '/ssd'",
            "ALTER DATABASE app SET TABLESPACE fast", "DISCARD ALL", "CLUSTER", "CLUSTER VERBOSE",
            "REINDEX DATABASE app", "REINDEX SYSTEM app"})
    void flagsWhatCannotRunInATransactionBlock(String statement) {
        assertThat(OutsideTransaction.first("-- a comment first\n" + statement + ";")).isPresent()
                .get().extracting(SqlSplitter.Statement::line).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE INDEX orders_status ON orders (status)", "CLUSTER orders USING orders_pkey",
            "REINDEX INDEX orders_status", "SELECT 'create index concurrently'", "-- vacuum orders\nSELECT 1",
            "CREATE TABLE database_settings (id int)", "COMMENT ON TABLE orders IS 'vacuumed nightly'",
            "CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql -- concurrently",
            "ALTER DATABASE app SET work_mem = '64MB'"})
    void leavesEverythingElseInTheTransaction(String statement) {
        assertThat(OutsideTransaction.first(statement + ";")).isEmpty();
    }

    @Test
    void findsTheFirstSuchStatementAmongOthers() {
        String sql = "CREATE TABLE orders (id int, status text);\nCREATE INDEX CONCURRENTLY orders_status ON orders (status);\n";

        assertThat(OutsideTransaction.first(sql)).get().extracting(SqlSplitter.Statement::line).isEqualTo(2);
    }
}
