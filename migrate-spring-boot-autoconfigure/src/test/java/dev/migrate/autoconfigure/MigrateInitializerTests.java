package dev.migrate.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.MigrationFailedException;
import dev.migrate.Migrator;
import dev.migrate.test.PostgresExtension;
import dev.migrate.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class MigrateInitializerTests {

    @TempDir
    Path dir;

    private final List<Integer> exits = new ArrayList<>();

    private MigrationActivity activity(TestDatabase db) {
        return new MigrationActivity(Migrator.builder(db.dataSource()).locations(dir.toString()).build());
    }

    @Test
    void exitsZeroAfterMigratingWhenAskedTo(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id int);");

        new MigrateInitializer(activity(db), Migrator::migrate, true, exits::add).afterPropertiesSet();

        assertThat(exits).containsExactly(0);
        assertThat(db.tableExists("users")).isTrue();
    }

    @Test
    void exitsOneWhenTheMigrationFailsAndExitAfterMigrateIsSet(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id nope);");

        new MigrateInitializer(activity(db), Migrator::migrate, true, exits::add).afterPropertiesSet();

        assertThat(exits).containsExactly(1);
    }

    @Test
    void otherwiseFailsStartupAndNeverExits(TestDatabase db) throws Exception {
        Files.writeString(dir.resolve("1_users.sql"), "CREATE TABLE users (id nope);");
        MigrateInitializer initializer = new MigrateInitializer(activity(db), Migrator::migrate, false, exits::add);

        assertThatThrownBy(initializer::afterPropertiesSet).isInstanceOf(MigrationFailedException.class);
        assertThat(exits).isEmpty();
    }
}
