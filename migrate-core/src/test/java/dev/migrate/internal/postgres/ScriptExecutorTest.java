package dev.migrate.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScriptExecutorTest {

    @Test
    void turnsAServerPositionIntoALine() {
        String sql = "SELECT 1;\nSELECT 2;\nSELECT x;";

        assertThat(ScriptExecutor.lineAt(sql, 1, 1)).isEqualTo(1);
        assertThat(ScriptExecutor.lineAt(sql, 1, 10)).isEqualTo(1);
        assertThat(ScriptExecutor.lineAt(sql, 1, 11)).isEqualTo(2);
        assertThat(ScriptExecutor.lineAt(sql, 1, 28)).isEqualTo(3);
        assertThat(ScriptExecutor.lineAt("SELECT x", 7, 8)).isEqualTo(7);
    }

    @Test
    void countsCharactersAsTheServerDoesNotUtf16Units() {
        // The emoji is one character to PostgreSQL but two chars in Java.
        String sql = "SELECT '\uD83D\uDE00';\nSELECT x;";

        assertThat(ScriptExecutor.lineAt(sql, 1, 13)).isEqualTo(2);
    }
}
