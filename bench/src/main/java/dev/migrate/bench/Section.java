package dev.migrate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One cold bench's part of the report: a title, its table and notes in Markdown, and the figures the targets are
 * judged by, by name.
 */
record Section(String title, String markdown, Map<String, Double> figures) {

    /** Writes the section to {@code bench/target/<file>} and prints it, for a bench run on its own. */
    void writeAlone(String file) throws IOException {
        String text = "## " + title + "\n\n" + markdown;
        Files.writeString(Path.of("").toAbsolutePath().resolve("bench/target").resolve(file), text);
        System.out.println(text);
    }

    double figure(String name) {
        Double value = figures.get(name);
        return value == null ? Double.NaN : value;
    }
}
