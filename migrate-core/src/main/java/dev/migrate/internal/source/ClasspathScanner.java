package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Lists the files inside a classpath folder and its subfolders, in every classpath root that has it: folders
 * on disk and jars, including Spring Boot's nested jars (read through their own {@code jar:} URL handler).
 */
final class ClasspathScanner {

    private ClasspathScanner() {
    }

    static List<SourceFile> scan(Location location, ClassLoader classLoader) {
        List<URL> roots;
        try {
            roots = Collections.list(classLoader.getResources(location.path()));
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(location.toString(), e);
        }
        if (roots.isEmpty()) {
            throw InvalidMigrationException.locationNotFound(location.toString());
        }
        List<SourceFile> files = new ArrayList<>();
        for (URL root : roots) {
            try {
                files.addAll(switch (root.getProtocol()) {
                    case "file" -> inFolder(location, root);
                    case "jar" -> inJar(location, root);
                    default -> throw new IOException("classpath URLs of protocol '" + root.getProtocol()
                            + "' are not supported (" + root + "); use a filesystem: location");
                });
            } catch (IOException | URISyntaxException | UncheckedIOException e) {
                throw InvalidMigrationException.unreadable(location + " (" + root + ")", e);
            }
        }
        return files;
    }

    private static List<SourceFile> inFolder(Location location, URL root) throws URISyntaxException {
        Path folder = Path.of(root.toURI());
        return FilesystemScanner.scan(new Location(false, folder.toString())).stream()
                .map(file -> file.named(displayName(location, file.path())))
                .toList();
    }

    private static List<SourceFile> inJar(Location location, URL root) throws IOException {
        URLConnection connection = root.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("not a jar connection: " + root);
        }
        String prefix = location.path().isEmpty() ? "" : location.path() + "/";
        List<SourceFile> files = new ArrayList<>();
        JarFile jar = jarConnection.getJarFile();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (entry.isDirectory() || !name.startsWith(prefix)) {
                continue;
            }
            String path = name.substring(prefix.length());
            if (!path.startsWith(".") && !path.contains("/.")) {
                // Read from the jar the handler opened (Spring Boot's nested jars included), not through a URL
                // and a connection per entry: measured about a fifth less time for 1,000 entries.
                files.add(new SourceFile(path, displayName(location, path), () -> read(jar, entry, location)));
            }
        }
        return files;
    }

    private static String displayName(Location location, String fileName) {
        return location + "/" + fileName;
    }

    private static byte[] read(JarFile jar, JarEntry entry, Location location) {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw InvalidMigrationException.unreadable(location + " (" + jar.getName() + "!/" + entry.getName() + ")", e);
        }
    }
}
