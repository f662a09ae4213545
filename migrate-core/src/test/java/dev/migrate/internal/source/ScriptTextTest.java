package dev.migrate.internal.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptTextTest {

    private static ScriptText decode(String text) {
        return ScriptText.decode("test.sql", text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashesTheTextWithUnixLineEndingsAndWithoutAByteOrderMark() {
        ScriptText unix = decode("CREATE TABLE a (\n  id int\n);\n");

        assertThat(decode("CREATE TABLE a (\r\n  id int\r\n);\r\n")).isEqualTo(unix);
        assertThat(decode("CREATE TABLE a (\r  id int\r);\r")).isEqualTo(unix);
        assertThat(decode("\uFEFFCREATE TABLE a (\n  id int\n);\n")).isEqualTo(unix);
        assertThat(decode("CREATE TABLE a (\n  id bigint\n);\n").checksum()).isNotEqualTo(unix.checksum());
    }

    @Test
    void theChecksumIsTheSha256OfTheNormalisedText() {
        // what `printf 'SELECT 1;\n' | sha256sum` prints
        assertThat(decode("SELECT 1;\r\n").checksum())
                .isEqualTo("b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd");
    }

    @Test
    void readsTheNoTransactionDirectiveFromTheHeaderOnly() {
        assertThat(decode("-- migrate:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);").noTransaction()).isTrue();
        assertThat(decode("-- no-transaction\nSELECT 1;").noTransaction()).isTrue();
        assertThat(decode("\n-- add an index\n--   Migrate:No-Transaction  \nSELECT 1;").noTransaction()).isTrue();
        assertThat(decode("SELECT 1;\n-- migrate:no-transaction\n").noTransaction()).isFalse();
        assertThat(decode("-- migrate:no-transactions please\nSELECT 1;").noTransaction()).isFalse();
    }
}
