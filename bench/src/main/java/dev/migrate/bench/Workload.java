package dev.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * N synthetic migrations of mixed kinds, in groups of four: CREATE TABLE with a comment; ALTER TABLE with
 * CREATE INDEX; a plpgsql function whose $$ body holds semicolons; INSERT ... SELECT of 100 rows. The same SQL
 * is written in each tool's own layout.
 */
final class Workload {

    private Workload() {
    }

    static String sql(int i) {
        int group = (i - 1) / 4;
        String table = "g" + group;
        return switch ((i - 1) % 4) {
            case 0 -> "CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz "
                    + "NOT NULL DEFAULT now());\nCOMMENT ON TABLE " + table + " IS 'group " + group + "; bench';\n";
            case 1 -> "ALTER TABLE " + table + " ADD COLUMN note text;\nCREATE INDEX " + table + "_name ON " + table
                    + " (name);\n";
            case 2 -> "CREATE FUNCTION f" + group + "(x int) RETURNS int LANGUAGE plpgsql AS $$\nDECLARE y int;\n"
                    + "BEGIN\n    y := x * 2; -- doubled; returned\n    RETURN y + " + group + ";\nEND;\n$$;\n";
            default -> "INSERT INTO " + table + " (id, name) SELECT g, 'row ' || g FROM generate_series(1, 100) g;\n";
        };
    }

    /** golang-migrate's layout: what migrate and the raw-JDBC floor read. */
    static Path writeMigrate(Path root, int n) throws IOException {
        Path dir = Files.createDirectories(root.resolve("migrate"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve(String.format("%06d_step_%d.up.sql", i, i)), sql(i));
        }
        return dir;
    }

    static Path writeFlyway(Path root, int n) throws IOException {
        Path dir = Files.createDirectories(root.resolve("flyway"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(dir.resolve("V" + i + "__step_" + i + ".sql"), sql(i));
        }
        return dir;
    }

    /** Liquibase formatted SQL, one changeset per file, sent whole (as the others send it). */
    static Path writeLiquibase(Path root, int n) throws IOException {
        Path dir = Files.createDirectories(root.resolve("liquibase"));
        Path changes = Files.createDirectories(dir.resolve("changes"));
        for (int i = 1; i <= n; i++) {
            Files.writeString(changes.resolve(String.format("%06d_step.sql", i)), "--liquibase formatted sql\n"
                    + "--changeset bench:" + i + " splitStatements:false\n" + sql(i));
        }
        Files.writeString(dir.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                  <includeAll path="changes/" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        return dir;
    }
}
