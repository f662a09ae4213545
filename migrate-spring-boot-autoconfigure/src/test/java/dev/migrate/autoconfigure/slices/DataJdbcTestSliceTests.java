package dev.migrate.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code @DataJdbcTest} against a real PostgreSQL: the repository works on the migrated schema. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJdbcTestSliceTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceApplication.properties(registry);
    }

    @Autowired
    NoteRepository notes;

    @Test
    void theRepositoryReadsAndWritesTheMigratedTable() {
        notes.save(new Note(null, "written by the test"));

        assertThat(notes.findAll()).extracting(Note::body)
                .containsExactlyInAnyOrder("written by a migration", "written by the test");
    }
}
