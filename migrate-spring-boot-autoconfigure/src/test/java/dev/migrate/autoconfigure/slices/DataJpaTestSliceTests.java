package dev.migrate.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @DataJpaTest} against a real PostgreSQL. Hibernate validates the entity against the schema when it starts
 * ({@code ddl-auto=validate}), so the migrations must have run before it.
 */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=validate")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaTestSliceTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceApplication.properties(registry);
    }

    @Autowired
    NoteEntityRepository notes;

    @Test
    void hibernateFindsTheMigratedSchemaAndTheRepositoryWorksOnIt() {
        notes.saveAndFlush(new NoteEntity("written by the test"));

        assertThat(notes.findAll()).extracting(NoteEntity::body)
                .containsExactlyInAnyOrder("written by a migration", "written by the test");
    }
}
