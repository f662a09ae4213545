package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import dev.migrate.internal.source.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Liquibase master changelog where a location points: the file itself ({@code db/changelog/main.sql}), or the
 * {@code db.changelog-master.*} a folder holds, as Liquibase and Spring Boot name it. {@code path} is what
 * Liquibase records in {@code databasechangelog.filename} for it when given the same location: relative to the
 * classpath root for a {@code classpath:} location (as Spring Boot runs it), as written for a folder on disk (as
 * Liquibase's command line runs it from the working directory).
 */
public record ChangelogFile(Location location, String path, String displayName, ClassLoader classLoader) {

    /** The names Liquibase's and Spring Boot's conventions give a master changelog, in the order looked for. */
    public static final List<String> MASTER_NAMES = List.of("db.changelog-master.yaml", "db.changelog-master.yml",
            "db.changelog-master.xml", "db.changelog-master.json", "db.changelog-master.sql");
    private static final List<String> EXTENSIONS = List.of(".xml", ".yaml", ".yml", ".json", ".sql");

    /**
     * The changelog at {@code location}, if it is one: a file of a changelog's extension (a {@code .sql} file only
     * with the formatted SQL header, since a plain one is a migration of another layout), or a folder holding a
     * master changelog. Looks at one file or folder entry at most.
     */
    public static Optional<ChangelogFile> at(Location location, ClassLoader classLoader) {
        String path = location.path();
        String lower = path.toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().anyMatch(lower::endsWith)) {
            ChangelogFile file = new ChangelogFile(location, LiquibasePaths.normalize(path), location.toString(),
                    classLoader);
            return file.exists() && (!lower.endsWith(".sql") || FormattedSqlChangelog.isOne(file.text()))
                    ? Optional.of(file) : Optional.empty();
        }
        for (String name : MASTER_NAMES) {
            String inside = path.isEmpty() ? name : path + "/" + name;
            ChangelogFile file = new ChangelogFile(new Location(location.classpath(), inside),
                    LiquibasePaths.normalize(inside), (location.classpath() ? "classpath:" : "") + inside, classLoader);
            if (file.exists()) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /**
     * The changelog an {@code include} of this one names: beside this one when {@code relative}, else from the root
     * this one was found under (the classpath's, or the working directory), recorded as Liquibase records it.
     */
    public ChangelogFile include(String file, boolean relative) {
        String given = file.replace('\\', '/');
        String actual = relative ? parent(location.path()) + given : given;
        String recorded = relative ? parent(path) + given : given;
        return new ChangelogFile(new Location(location.classpath(), actual), LiquibasePaths.normalize(recorded),
                (location.classpath() ? "classpath:" : "") + actual, classLoader);
    }

    /** Whether the file is there. */
    public boolean present() {
        return exists();
    }

    private static String parent(String path) {
        int slash = path.replace('\\', '/').lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    /** Its format, from its extension: {@code sql}, {@code xml}, {@code yaml} or {@code json}. */
    public String format() {
        String lower = path.toLowerCase(Locale.ROOT);
        String extension = lower.substring(lower.lastIndexOf('.') + 1);
        return extension.equals("yml") ? "yaml" : extension;
    }

    /** Its text, UTF-8 as Liquibase reads it. */
    public String text() {
        try (InputStream in = open()) {
            if (in == null) {
                throw InvalidMigrationException.locationNotFound(displayName);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(displayName, e);
        }
    }

    private boolean exists() {
        if (location.classpath()) {
            return classLoader.getResource(location.path()) != null;
        }
        return Files.isRegularFile(Path.of(location.path()));
    }

    private InputStream open() throws IOException {
        return location.classpath() ? classLoader.getResourceAsStream(location.path())
                : Files.newInputStream(Path.of(location.path()));
    }
}
