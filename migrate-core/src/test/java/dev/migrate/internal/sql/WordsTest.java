package dev.migrate.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    private final Words words = Words.of("concurrently", "alter system", "vacuum");

    @Test
    void findsAWordInAnyCaseAnywhere() {
        assertThat(words.in("CREATE INDEX CONCURRENTLY i ON t (a);")).isTrue();
        assertThat(words.in("create index Concurrently i on t (a);")).isTrue();
        assertThat(words.in("SELECT 1; VACUUM")).isTrue();
        assertThat(words.in("-- vacuumed last week\nSELECT 1;")).as("the start of a longer word").isTrue();
        assertThat(words.in("SELECT 1;VACUUM")).isTrue();
        assertThat(words.in("\"vacuum\"")).isTrue();
    }

    @Test
    void aWordInsideAnotherIsNotOne() {
        assertThat(words.in("SELECT revacuum, nonconcurrently, x_vacuum, v1vacuum FROM t;")).isFalse();
    }

    @Test
    void aSpaceStandsForAnyRunOfWhitespace() {
        assertThat(words.in("ALTER SYSTEM SET work_mem = '64MB';")).isTrue();
        assertThat(words.in("alter\n\t  system set work_mem = '64MB';")).isTrue();
        assertThat(words.in("ALTER TABLE system_settings ADD COLUMN a int;")).isFalse();
        assertThat(words.in("altersystem")).isFalse();
    }

    @Test
    void aWordMayStartBeyondAscii() {
        assertThat(Words.of("миграции").in("SELECT * FROM Миграции;")).isTrue();
        assertThat(Words.of("миграции").in("SELECT * FROM журнал;")).isFalse();
    }

    @Test
    void findsNothingWhereNoWordIs() {
        assertThat(words.in("")).isFalse();
        assertThat(words.in("CREATE TABLE accounts (id bigint); ALTER TABLE accounts ADD COLUMN é text;")).isFalse();
        assertThat(words.in("concurrentl")).as("a word cut short at the end").isFalse();
        assertThat(words.in("alter ")).isFalse();
    }
}
