package dev.migrate.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.InvalidMigrationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileNameTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "000001_create_users.up.sql   | 1  | create_users | UP",
        "1_create_users.down.sql      | 1  | create_users | DOWN",
        "20240101120000_add.sql       | 20240101120000 | add | UP",
        "7_Mixed.Case.UP.SQL          | 7  | Mixed.Case   | UP",
        "8_x.Down.Sql                 | 8  | x            | DOWN",
        "9_.up.sql                    | 9  | ''           | UP",
        "10_.down.sql                 | 10 | ''           | DOWN",
        "11_.sql                      | 11 | ''           | UP",
        "12_up.sql                    | 12 | up           | UP",
        "13_a.upx.sql                 | 13 | a.upx        | UP",
        "14_a.up.down.sql             | 14 | a.up         | DOWN",
    })
    void readsVersionDescriptionAndDirection(String name, long version, String description, FileName.Kind kind) {
        FileName parsed = FileName.parse(name, "db/" + name);
        assertThat(parsed.version().asLong().orElseThrow()).isEqualTo(version);
        assertThat(parsed.description()).isEqualTo(description);
        assertThat(parsed.kind()).isEqualTo(kind);
        assertThat(FileName.isNumbered(name)).isTrue();
        assertThat(FileName.hasDirection(name)).isEqualTo(name.toLowerCase().matches(".*\\.(up|down)\\.sql"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "create_users.sql | it does not start with a version number followed by '_'",
        "1-users.sql      | it does not start with a version number followed by '_'",
        "_1.sql           | it does not start with a version number followed by '_'",
        "1_users.txt      | it does not start with a version number followed by '_'",
        "99999999999999999999_big.sql | larger than 9223372036854775807",
    })
    void refusesNamesWithoutAUsableVersion(String name, String reason) {
        assertThatThrownBy(() -> FileName.parse(name, "db/" + name))
                .isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("db/" + name).hasMessageContaining(reason);
    }

    /** The expression the parser replaced, kept as its specification. */
    private static final Pattern SPEC = Pattern.compile("(\\d+)_(.*?)(\\.(?i:up|down))?\\.(?i:sql)");

    @Test
    void agreesWithTheRegularExpressionItReplaced() {
        String[] parts = {"", "0", "12", "_", "__", ".", "a", "up", "UP", ".up", ".Down", ".down", ".sql", ".SQL", "x"};
        int compared = 0;
        for (String a : parts) {
            for (String b : parts) {
                for (String c : parts) {
                    for (String d : new String[] {".sql", ".SQL", ".up.sql", ".Down.sql", "sql", "_x.sql"}) {
                        String name = a + b + c + d;
                        if (!FileName.isCandidate(name)) {
                            continue;
                        }
                        Matcher spec = SPEC.matcher(name);
                        assertThat(FileName.isNumbered(name)).as(name).isEqualTo(spec.matches());
                        if (spec.matches()) {
                            FileName parsed = FileName.parse(name, name);
                            assertThat(parsed.description()).as(name).isEqualTo(spec.group(2));
                            assertThat(parsed.kind() == FileName.Kind.DOWN).as(name)
                                    .isEqualTo(".down".equalsIgnoreCase(spec.group(3)));
                            assertThat(FileName.hasDirection(name)).as(name).isEqualTo(spec.group(3) != null);
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(400);
    }

    @ParameterizedTest
    @CsvSource({"x.SQL, true", "a.sql, true", ".hidden.sql, false", "notes.md, false", "sql, false"})
    void candidatesAreVisibleSqlFiles(String name, boolean candidate) {
        assertThat(FileName.isCandidate(name)).isEqualTo(candidate);
    }
}
