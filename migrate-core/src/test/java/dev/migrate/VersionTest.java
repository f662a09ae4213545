package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionTest {

    @ParameterizedTest
    @CsvSource({
        "1, 2, -1",
        "9, 10, -1",
        "1.9, 1.10, -1",
        "1, 1.0, 0",
        "1.0.0, 1, 0",
        "2.0.1, 2.1, -1",
        "007, 7, 0",
        "1.1, 1.01, 0",
        "99999999999999999999, 100000000000000000000, -1",
        "2.1, 21, -1",
    })
    void comparesPartByPartAsNumbersOfAnySize(String a, String b, int order) {
        assertThat(Integer.signum(Version.parse(a).compareTo(Version.parse(b)))).isEqualTo(order);
        assertThat(Version.parse(a).equals(Version.parse(b))).isEqualTo(order == 0);
        if (order == 0) {
            assertThat(Version.parse(a)).hasSameHashCodeAs(Version.parse(b));
        }
    }

    @Test
    void ordersAsFlywayItselfOrders() {
        Random random = new Random(13);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int parts = 1 + random.nextInt(4);
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < parts; p++) {
                text.append(p == 0 ? "" : ".").append(random.nextInt(3) == 0 ? "0" : "")
                        .append(random.nextInt(p == 0 ? 30 : 12));
            }
            texts.add(text.toString());
        }
        for (String a : texts.subList(0, 100)) {
            for (String b : texts) {
                int ours = Integer.signum(Version.parse(a).compareTo(Version.parse(b)));
                int flyways = Integer.signum(MigrationVersion.fromVersion(a).compareTo(MigrationVersion.fromVersion(b)));
                assertThat(ours).as(a + " vs " + b).isEqualTo(flyways);
            }
        }
    }

    @Test
    void keepsTheTextOfADottedVersionAndDropsLeadingZerosOfAWholeOne() {
        assertThat(Version.parse("2.0.1")).hasToString("2.0.1");
        assertThat(Version.parse("1.0")).hasToString("1.0");
        assertThat(Version.parse("0042")).hasToString("42");
        assertThat(Version.parse("0042").asLong()).contains(42L);
        assertThat(Version.parse("1.0").asLong()).contains(1L);
        assertThat(Version.parse("1.1").asLong()).isEmpty();
        assertThat(Version.parse("99999999999999999999").asLong()).isEmpty();
        assertThat(new Version(7)).isEqualTo(Version.parse("7"));
    }

    @Test
    void dieselsVersionsOrderAsTextAndKeepTheirText() {
        List<Version> versions = new ArrayList<>(List.of(Version.orderedAsText("20250102090000"),
                Version.orderedAsText("202411050830000000"), Version.orderedAsText("00000000000000")));
        Collections.sort(versions);

        assertThat(versions).extracting(Version::toString)
                .containsExactly("00000000000000", "202411050830000000", "20250102090000");
        assertThat(Version.orderedAsText("00000000000000")).isEqualTo(new Version(0));
        assertThat(Version.orderedAsText("00000000000000").compareTo(new Version(0))).isZero();
        assertThat(new Version(20250102090000L).asOrderedAsText()
                .compareTo(Version.orderedAsText("202411050830000000"))).isPositive();
    }

    @Test
    void refusesWhatIsNotAVersion() {
        for (String bad : List.of("", "1..2", ".1", "1.", "v1", "1_2", "-1", "1.a")) {
            assertThatThrownBy(() -> Version.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("version must be decimal digits, or digits separated by dots (1.2.3), was '" + bad + "'");
        }
        assertThatThrownBy(() -> new Version(-1)).hasMessage("version must be >= 0, was -1");
    }
}
