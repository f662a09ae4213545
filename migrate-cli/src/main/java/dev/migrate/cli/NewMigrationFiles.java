package dev.migrate.cli;

import dev.migrate.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** For {@code create}: writes new migration files, numbered after the ones a folder already has. */
final class NewMigrationFiles {

    /** How a new migration's version is chosen. */
    public enum Numbering {
        /** One more than the highest version in the folder, zero-padded to the width the folder uses. */
        SEQUENTIAL,
        /** The current UTC time as {@code YYYYMMDDHHMMSS}. */
        TIMESTAMP
    }

    /** The pair of files written. */
    public record Created(Version version, Path up, Path down) {
    }

    private static final Pattern VERSIONED = Pattern.compile("(\\d+)_.*");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    private static final int DEFAULT_DIGITS = 6;

    private NewMigrationFiles() {
    }

    /**
     * Creates empty {@code {version}_{name}.up.{extension}} and {@code .down.{extension}} files in {@code dir}
     * (created if missing). Never overwrites a file.
     *
     * @param digits the width of a sequential version, or 0 for the width the folder already uses (6 if empty)
     * @throws IllegalArgumentException if the name is empty or could escape the folder
     */
    public static Created create(Path dir, String name, Numbering numbering, int digits, String extension, Clock clock) {
        String safeName = sanitise(name);
        String ext = extension.startsWith(".") ? extension.substring(1) : extension;
        try {
            Files.createDirectories(dir);
            String version = numbering == Numbering.TIMESTAMP ? TIMESTAMP.format(clock.instant()) : nextSequence(dir, digits);
            Path up = dir.resolve(version + "_" + safeName + ".up." + ext);
            Path down = dir.resolve(version + "_" + safeName + ".down." + ext);
            if (Files.exists(up) || Files.exists(down) || hasVersion(dir, Version.parse(version))) {
                throw new IllegalArgumentException("a migration with version " + version + " already exists in " + dir);
            }
            Files.write(up, new byte[0], StandardOpenOption.CREATE_NEW);
            Files.write(down, new byte[0], StandardOpenOption.CREATE_NEW);
            return new Created(Version.parse(version), up, down);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the migration files in " + dir, e);
        }
    }

    static String sanitise(String name) {
        String trimmed = name == null ? "" : name.strip().replaceAll("\\s+", "_");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the migration name must not be empty");
        }
        if (trimmed.contains("/") || trimmed.contains("\\") || trimmed.contains("..")
                || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the migration name must not contain '/', '\\', '..' or control "
                    + "characters, was '" + name + "'");
        }
        return trimmed;
    }

    private static String nextSequence(Path dir, int digits) throws IOException {
        long highest = 0;
        int width = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
                if (matcher.matches()) {
                    long version = Long.parseLong(matcher.group(1));
                    if (version >= highest) {
                        highest = version;
                        width = matcher.group(1).length();
                    }
                }
            }
        }
        int padTo = digits > 0 ? digits : width > 0 ? width : DEFAULT_DIGITS;
        return String.format("%0" + padTo + "d", highest + 1);
    }

    private static boolean hasVersion(Path dir, Version version) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .anyMatch(m -> m.matches() && Version.parse(m.group(1)).equals(version));
        }
    }
}
