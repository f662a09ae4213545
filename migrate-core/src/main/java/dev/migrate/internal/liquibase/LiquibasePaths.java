package dev.migrate.internal.liquibase;

import java.util.ArrayDeque;
import java.util.Deque;

/** File paths as Liquibase records them in {@code databasechangelog.filename} (its {@code normalizePath}). */
final class LiquibasePaths {

    private LiquibasePaths() {
    }

    /**
     * {@code classpath:} left out, backslashes made slashes, a drive letter and a leading slash left out, and
     * {@code .} and {@code ..} segments resolved where they can be.
     */
    static String normalize(String path) {
        String normal = path.startsWith("classpath:") ? path.substring("classpath:".length()) : path;
        normal = normal.replace('\\', '/');
        if (normal.length() > 1 && normal.charAt(1) == ':' && Character.isLetter(normal.charAt(0))) {
            normal = normal.substring(2);
        }
        if (normal.startsWith("/")) {
            normal = normal.substring(1);
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : normal.split("/", -1)) {
            if (segment.equals("..") && !segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else if (!segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        String joined = String.join("/", segments);
        return joined.endsWith("/") && joined.length() > 1 ? joined.substring(0, joined.length() - 1) : joined;
    }
}
