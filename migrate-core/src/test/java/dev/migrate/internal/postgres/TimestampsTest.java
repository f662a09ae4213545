package dev.migrate.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-21 07:24:00.123456+00, 2026-11-21T07:24:00.123456Z",
        "2026-11-21 07:24:00+00,        2026-11-21T07:24:00Z",
        "2026-11-21 08:24:00.5+01,      2026-11-21T07:24:00.500Z",
        "2026-11-21 12:54:00+05:30,     2026-11-21T07:24:00Z",
        "2026-11-21 03:54:00-03:30,     2026-11-21T07:24:00Z",
        "1890-01-01 00:19:32+00:19:32,  1890-01-01T00:00:00Z",
    })
    void readsTheServersIsoTextInAnySessionTimeZone(String text, String instant) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @CsvSource({"infinity", "-infinity", "0044-03-15 12:00:00+00 BC"})
    void hasNoInstantForValuesOnlyAHandEditGives(String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }
}
