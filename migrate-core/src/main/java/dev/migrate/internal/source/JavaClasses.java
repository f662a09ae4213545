package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.JavaMigration;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java migrations in a {@code classpath:} location's package: its classes named {@code V...} that implement
 * {@link JavaMigration}, made with their no-argument constructor, in subpackages too; nested classes are not
 * migrations.
 */
final class JavaClasses {

    private static final String CLASS = ".class";

    private JavaClasses() {
    }

    static List<JavaMigration> in(Location location, List<SourceFile> files, ClassLoader classLoader) {
        String pkg = location.path().replace('/', '.');
        List<JavaMigration> found = new ArrayList<>();
        for (SourceFile file : files) {
            String name = file.fileName();
            if (!name.startsWith("V") || !name.endsWith(CLASS) || name.contains("$")) {
                continue;
            }
            // Subpackages too, as Flyway scans them.
            String relative = file.path().substring(0, file.path().length() - CLASS.length()).replace('/', '.');
            String className = (pkg.isEmpty() ? "" : pkg + ".") + relative;
            Class<?> type;
            try {
                type = Class.forName(className, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue; // a class file the loader does not serve is not one of the application's
            }
            if (JavaMigration.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                found.add(instantiate(type));
            }
        }
        return found;
    }

    private static JavaMigration instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (JavaMigration) constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw InvalidMigrationException.badFile(type.getName(), "is a Java migration that cannot be made with "
                    + "a no-argument constructor (" + e + "). Give it one, or pass an instance to "
                    + "MigratorBuilder.javaMigration (in Spring, make it a bean).");
        }
    }
}
