package dev.migrate.internal.adopt;

import dev.migrate.Script;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a script: the CRC32 of its lines' UTF-8 bytes without their line breaks (so
 * CRLF and LF checkouts agree) and without a leading byte-order mark, as a signed 32-bit number.
 */
final class FlywayChecksum {

    private FlywayChecksum() {
    }

    static int of(Script script) {
        return of(script.bytes());
    }

    static int of(byte[] utf8) {
        int start = utf8.length >= 3 && (utf8[0] & 0xFF) == 0xEF && (utf8[1] & 0xFF) == 0xBB
                && (utf8[2] & 0xFF) == 0xBF ? 3 : 0;
        // Hashing each line in turn is hashing their concatenation: every byte but CR and LF, in order.
        CRC32 crc = new CRC32();
        int run = start;
        for (int i = start; i < utf8.length; i++) {
            if (utf8[i] == '\n' || utf8[i] == '\r') {
                crc.update(utf8, run, i - run);
                run = i + 1;
            }
        }
        crc.update(utf8, run, utf8.length - run);
        return (int) crc.getValue();
    }

    static int of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
