package dev.migrate.internal.source;

import java.nio.file.Path;

/**
 * Where migrations live, as users write it: {@code classpath:db/migrations}, {@code filesystem:db/migrations},
 * golang-migrate's {@code file://db/migrations}, or a plain path.
 */
public record Location(boolean classpath, String path) {

    private static final String CLASSPATH = "classpath:";
    private static final String FILESYSTEM = "filesystem:";

    public static Location parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a migration location must not be empty");
        }
        if (trimmed.startsWith(CLASSPATH)) {
            String path = trimmed.substring(CLASSPATH.length());
            while (path.startsWith("/")) {
                path = path.substring(1);
            }
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Location(true, path);
        }
        if (trimmed.startsWith(FILESYSTEM)) {
            return new Location(false, trimmed.substring(FILESYSTEM.length()));
        }
        // golang-migrate writes file://relative/dir and file:///absolute/dir
        if (trimmed.startsWith("file://")) {
            return new Location(false, trimmed.substring("file://".length()));
        }
        if (trimmed.startsWith("file:")) {
            return new Location(false, trimmed.substring("file:".length()));
        }
        return new Location(false, trimmed);
    }

    public Path directory() {
        return Path.of(path);
    }

    @Override
    public String toString() {
        return classpath ? CLASSPATH + path : path;
    }
}
