package dev.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrate.test.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * Patterns found in real projects' folders that each tool runs as they are, and so must migrate, read by each
 * tool's own rules (docs/moving-from.md). The fixtures are written for this project.
 */
class FolderPatternsTest extends FolderTest {

    @Test
    void aGolangMigrateFileHoldingOnlyAConcurrentIndexRunsWithoutATransactionAsGolangMigrateRunsIt(TestDatabase db) {
        folder().file("000001_orders.up.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);")
                .file("000001_orders.down.sql", "DROP TABLE orders;")
                .file("000002_orders_status_idx.up.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_status_idx\n"
                        + "    ON orders (status) WHERE status <> 'done';")
                .file("000002_orders_status_idx.down.sql", "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;");

        migrator(db).migrate();
        migrator(db).rollback(1);
        migrator(db).migrate();

        assertThat(migrator(db).status().migrations().get(1).state()).isEqualTo(MigrationState.APPLIED);
        assertThat(db.value("SELECT count(*) FROM pg_index WHERE indexrelid = 'orders_status_idx'::regclass "
                + "AND indisvalid")).isEqualTo("1");
    }

    @Test
    void gooseFilesWithoutADownSectionOrWithOnlyCommentsInItRollBackByRunningNothing(TestDatabase db) {
        folder().file("00001_accounts.sql", "-- +goose Up\nCREATE TABLE accounts (id bigserial PRIMARY KEY);\n"
                        + "-- +goose Down\nDROP TABLE accounts;\n")
                .file("00002_seed_plans.sql", "-- +goose Up\nCREATE TABLE plans (name text);\nINSERT INTO plans VALUES ('free');\n")
                .file("00003_comment.sql", "-- +goose Up\nCOMMENT ON TABLE accounts IS 'customer accounts';\n"
                        + "-- +goose Down\n-- nothing to undo: the comment can stay\n");

        migrator(db).migrate();
        MigrateResult back = migrator(db).rollback(2);

        assertThat(back.rolledBack()).extracting(m -> m.version().asLong().orElseThrow()).containsExactly(3L, 2L);
        assertThat(db.tableExists("plans")).isTrue();
        assertThat(db.column("SELECT version::text FROM schema_migrations")).containsExactly("1");
    }

    @Test
    void sqlMigrateSectionsMayAlternateAndAnyUpMarkerMayTakeItOutOfATransaction(TestDatabase db) {
        folder().file("1684929840.sql", "-- +migrate Up\nCREATE TABLE events (id bigint, kind text);\n"
                        + "-- +migrate Down\nDROP TABLE events;\n")
                .file("1684929900_events_kind.sql", "-- +migrate Up\nALTER TABLE events ADD COLUMN at timestamptz;\n"
                        + "-- +migrate Down\nALTER TABLE events DROP COLUMN at;\n"
                        + "-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY events_kind ON events (kind);\n"
                        + "-- +migrate Down\nDROP INDEX events_kind;\n");

        Status status = migrator(db).status();
        migrator(db).migrate();

        assertThat(status.migrations()).extracting(m -> m.version().asLong().orElseThrow() + ":" + m.description())
                .containsExactly("1684929840:", "1684929900:events_kind");
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'events_kind'")).isEqualTo("1");
        migrator(db).rollback(1);
        assertThat(db.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'events_kind'")).isEqualTo("0");
        assertThat(db.column("SELECT column_name::text FROM information_schema.columns WHERE table_name = 'events' "
                + "ORDER BY ordinal_position")).containsExactly("id", "kind");
    }

    @Test
    void aDbmateFileWithAnEmptyDownSectionRollsBackByRunningNothing(TestDatabase db) {
        folder().file("20240101120000_extension.sql", "-- migrate:up\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\n\n"
                + "-- migrate:down\n\n");

        migrator(db).migrate();
        migrator(db).rollback(1);

        assertThat(db.value("SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'")).isEqualTo("1");
        assertThat(db.value("SELECT count(*) FROM schema_migrations")).isEqualTo("0");
    }

    @Test
    void gooseSubstitutesEnvironmentVariablesInEnvsubstSectionsAndChecksumsTheFileAsWritten(TestDatabase db) {
        String home = System.getenv("HOME");
        org.junit.jupiter.api.Assumptions.assumeTrue(home != null && !home.isEmpty(), "needs HOME in the environment");
        String file = "-- +goose Up\nCREATE TABLE settings (name text, value text);\n-- +goose ENVSUBST ON\n"
                + "INSERT INTO settings VALUES ('home', '${HOME}'), ('region', '${MIGRATE_TEST_SURELY_UNSET:-eu-west}');\n"
                + "CREATE FUNCTION first_arg(a int) RETURNS int LANGUAGE sql AS 'SELECT $1';\n"
                + "-- +goose ENVSUBST OFF\nINSERT INTO settings VALUES ('literal', '${HOME}');\n";
        folder().file("00001_settings.sql", file);

        migrator(db).migrate();

        assertThat(db.column("SELECT name || '=' || value FROM settings ORDER BY name"))
                .containsExactly("home=" + home, "literal=${HOME}", "region=eu-west");
        assertThat(db.value("SELECT first_arg(7)")).isEqualTo("7");
        String written = db.value("SELECT checksum FROM schema_migrations");
        assertThat(migrator(db).status().migrations().get(0).checksum()).isEqualTo(written);
        // The up section as written, marker lines left blank: not the values substituted into it.
        String upAsWritten = java.util.Arrays.stream(file.split("\n", -1))
                .map(line -> line.startsWith("-- +goose") ? "" : line).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(written).as("taken of the text as written").isEqualTo(Script.of("x", upAsWritten).checksum());
    }

    @Test
    void aGooseSubstitutionMigrateDoesNotImplementIsRefusedByName(TestDatabase db) {
        folder().file("00001_upper.sql", "-- +goose Up\n-- +goose ENVSUBST ON\nSELECT '${HOME^^}';\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessageContaining("uses '${HOME^^}' on line 3 in a '-- +goose ENVSUBST ON' section");
    }

    @Test
    void aFolderThatCannotRunAsItIsGetsOneMessageNamingEveryFileAndWhatToDo(TestDatabase db) {
        folder().file("1_users.sql", "-- +migrate Up\nCREATE TABLE users (id int);\n")
                .file("users_backfill.sql", "-- +migrate Up\nUPDATE users SET id = id;\n")
                .file("3_no_marker.sql", "CREATE TABLE orders (id int);\n")
                .file("2_emails.sql", "-- +migrate Up\nALTER TABLE users ADD COLUMN email text;\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .satisfies(e -> assertThat(((InvalidMigrationException) e).files())
                        .containsExactlyInAnyOrder(dir.resolve("users_backfill.sql").toString(),
                                dir.resolve("3_no_marker.sql").toString()))
                .hasMessageStartingWith("2 problems stop these migrations; nothing was run. Fix each as it says, then "
                        + "run again:\n  - ")
                .hasMessageContaining("Cannot read a version from " + dir.resolve("users_backfill.sql") + ": it does not "
                        + "start with a version number, as sql-migrate names need (1_create_users.sql, or "
                        + "1684929840.sql). Name sql-migrate migrations {version}_{description}.sql or {version}.sql")
                .hasMessageContaining("Migration " + dir.resolve("3_no_marker.sql") + " has no up section, though its "
                        + "folder is sql-migrate");
        assertThat(db.tableExists("users")).isFalse();
    }

    @Test
    void aDbmateFileWithoutADownMarkerAppliesButIsNotRolledBack(TestDatabase db) {
        folder().file("20240101120000_tags.sql", "-- migrate:up\nCREATE TABLE tags (name text PRIMARY KEY);\n");

        migrator(db).migrate();

        assertThatThrownBy(() -> migrator(db).rollback(1)).isInstanceOf(IrreversibleMigrationException.class)
                .hasMessage("Cannot roll back: migration 20240101120000 (tags) has no down script. Nothing was changed. "
                        + "Add a '-- migrate:down' section to each file (an empty one rolls back by running nothing), "
                        + "or roll back fewer steps.");
        assertThat(db.tableExists("tags")).isTrue();
    }

    @Test
    void goosesGoMigrationsAreNamedBeforeAnythingRuns(TestDatabase db) {
        folder().file("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n")
                .file("00002_backfill_users.go", "package migrations\n")
                .file("00003_emails.sql", "-- +goose Up\nALTER TABLE users ADD COLUMN email text;\n")
                .file("00004_rehash.go", "package migrations\n")
                .file("migrations.go", "package migrations\n")
                .file("00004_rehash_test.go", "package migrations\n");

        assertThatThrownBy(() -> migrator(db).migrate()).isInstanceOf(InvalidMigrationException.class)
                .hasMessage("This goose folder has Go migrations, which only goose itself can run: "
                        + dir.resolve("00002_backfill_users.go") + " (version 2), " + dir.resolve("00004_rehash.go")
                        + " (version 4). Nothing was run. Rewrite each as an SQL migration of the same version "
                        + "({version}_{name}.sql with '-- +goose Up' and '-- +goose Down' sections), or keep running "
                        + "this folder with goose.");
        assertThat(db.tableExists("users")).isFalse();
    }

    @Test
    void dieselFoldersOfBothNamingsApplyInDieselsOrderAndFilesBesideThemAreIgnored(TestDatabase db) {
        folder().file("2019-03-04-101500_create_posts/up.sql", "CREATE TABLE posts (id serial PRIMARY KEY);")
                .file("2019-03-04-101500_create_posts/down.sql", "DROP TABLE posts;")
                .file("2024-11-05-083000-0000_add_title/up.sql", "ALTER TABLE posts ADD COLUMN title text;")
                .file("2024-11-05-083000-0000_add_title/down.sql", "ALTER TABLE posts DROP COLUMN title;")
                .file(".keep", "")
                .file("schema.sql", "-- a dump kept beside the migrations; diesel does not read it\nDROP TABLE posts;");

        migrator(db).migrate();

        assertThat(db.column("SELECT version::text FROM schema_migrations ORDER BY version"))
                .containsExactly("20190304101500", "202411050830000000");
        assertThat(db.tableExists("posts")).isTrue();
    }

    @Test
    void aDieselFolderMixingVersionLengthsRunsInDieselsTextOrderAndRollsBackInReverse(TestDatabase db) {
        // As text 2024...0000 sorts before 2025..., as numbers after it: diesel runs the 18-digit one first.
        folder().file("2024-11-05-083000-0000_create_a/up.sql", "CREATE TABLE a (id int);")
                .file("2024-11-05-083000-0000_create_a/down.sql", "DROP TABLE a;")
                .file("2025-01-02-090000_old_cli/up.sql", "ALTER TABLE a ADD COLUMN b text;")
                .file("2025-01-02-090000_old_cli/down.sql", "ALTER TABLE a DROP COLUMN b;");

        MigrateResult result = migrator(db).migrate();

        assertThat(result.applied()).extracting(m -> m.version().toString())
                .containsExactly("202411050830000000", "20250102090000");
        assertThat(migrator(db).status().version()).hasValueSatisfying(v -> assertThat(v).hasToString("20250102090000"));
        migrator(db).rollback(1);
        assertThat(db.tableExists("a")).isTrue();
        assertThat(db.column("SELECT version FROM schema_migrations")).containsExactly("202411050830000000");
    }
}
