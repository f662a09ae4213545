package dev.migrate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Each setting is checked as it is set, with a message that says what was wrong. */
class BuilderChecksTest {

    private final MigratorBuilder builder = Migrator.builder(new PGSimpleDataSource());

    @Test
    void timeoutsAndRetriesMustBeZeroOrMore() {
        Duration negative = Duration.ofSeconds(-1);
        assertThatThrownBy(() -> builder.lockTimeout(negative))
                .hasMessage("the lock timeout must be zero or more, was PT-1S");
        assertThatThrownBy(() -> builder.statementLockTimeout(negative))
                .hasMessage("the statement lock timeout must be zero or more, was PT-1S");
        assertThatThrownBy(() -> builder.lockRetries(-1)).hasMessage("lock retries must be zero or more, was -1");
        assertThatThrownBy(() -> builder.statementTimeout(null))
                .hasMessage("the statement timeout must be zero or more, was null");
        assertThatThrownBy(() -> builder.connectRetries(-2)).hasMessage("connect retries must be zero or more, was -2");
        assertThatThrownBy(() -> builder.connectRetriesInterval(Duration.ZERO))
                .hasMessage("the connect retries interval must be positive, was PT0S");
        assertThatThrownBy(() -> builder.connectRetriesTimeout(negative))
                .hasMessage("the connect retries timeout must be zero or more, was PT-1S");
    }

    @Test
    void aSchemaForTheSearchPathMustKeepItsName() {
        String long64 = "s".repeat(64);
        assertThatThrownBy(() -> builder.searchPath(long64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the schema name '" + long64 + "' is 64 bytes long");
    }

    @Test
    void aRefusedSettingLeavesTheOthersAsTheyWere() {
        builder.lockRetries(3);
        assertThatThrownBy(() -> builder.statementLockTimeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
        builder.statementTimeout(Duration.ofSeconds(1)).build();
    }
}
