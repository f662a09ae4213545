package dev.migrate.autoconfigure.slices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code @JdbcTest} against a real PostgreSQL: the migrations run before the test, as Flyway's would. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcTestSliceTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceApplication.properties(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMigratedTablesAreThere() {
        assertThat(jdbc.sql("SELECT body FROM notes").query(String.class).list())
                .containsExactly("written by a migration");
        assertThat(jdbc.sql("SELECT max(version) FROM schema_migrations").query(Long.class).single()).isEqualTo(2L);
    }
}
