package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A count beyond what can run ({@code down 10} with 2 applied) is said, as golang-migrate says a short limit. */
class ShortCountTest extends FolderTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void watchTheLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger("dev.migrate")).addAppender(log);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger("dev.migrate")).detachAppender(log);
    }

    private boolean said(String line) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line::equals);
    }

    @Test
    void aCountBeyondWhatCanRunIsSaidNotPassedOver(TestDatabase db) {
        folder().file("1_a.up.sql", "CREATE TABLE a (id int);").file("1_a.down.sql", "DROP TABLE a;")
                .file("2_b.up.sql", "CREATE TABLE b (id int);").file("2_b.down.sql", "DROP TABLE b;");

        assertThat(migrator(db).run(Change.upNext(5)).applied()).hasSize(2);
        assertThat(said("up 5 asks for 5 migrations, but only 2 are to apply: applying those")).isTrue();
        assertThat(migrator(db).run(Change.down(10)).rolledBack()).hasSize(2);
        assertThat(said("down 10 asks for 10 migrations, but only 2 are to roll back: rolling back those")).isTrue();
        migrator(db).run(Change.down(1));
        assertThat(said("down 1 asks for 1 migration, but only 0 are to roll back: rolling back none")).isTrue();
    }
}
