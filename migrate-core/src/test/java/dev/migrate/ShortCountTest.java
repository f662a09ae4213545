package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A count beyond what can run ({@code down 10} with 2 applied) is said, as golang-migrate says a short limit. */
class ShortCountTest extends FolderTest {

    @RegisterExtension
    final EngineLog log = new EngineLog();

    private boolean said(String line) {
        return log.messages().contains(line);
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
