package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * diesel's folder per migration, {@code {version}_{name}/up.sql} and {@code down.sql}. The version may be written
 * {@code 2017-09-23-182408}: as diesel does, the dashes are dropped ({@code 20170923182408}). A
 * {@code metadata.toml} with {@code run_in_transaction = false} means no transaction.
 */
final class DieselLayout {

    private static final Pattern NO_TRANSACTION = Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*false\\s*(#.*)?$");

    private DieselLayout() {
    }

    static List<Migration> parse(List<SourceFile> files) {
        Map<String, Map<String, SourceFile>> folders = new LinkedHashMap<>();
        for (SourceFile file : files) {
            if (file.folder() != null) {
                folders.computeIfAbsent(file.folder(), f -> new LinkedHashMap<>()).put(file.fileName(), file);
            }
        }
        List<Migration> migrations = new ArrayList<>(folders.size());
        FileProblems problems = new FileProblems();
        folders.forEach((folder, contents) -> {
            if (contents.containsKey("up.sql")) { // else not a migration folder
                problems.each(() -> migration(folder, contents)).ifPresent(migrations::add);
            }
        });
        problems.throwIfAny();
        return migrations;
    }

    private static Migration migration(String folder, Map<String, SourceFile> contents) {
        SourceFile up = contents.get("up.sql");
        if (!LayoutDetector.DIESEL_FOLDER.matcher(folder).matches()) {
            throw InvalidMigrationException.badName(up.displayName(), "its folder does not start with a version "
                    + "followed by '_'", Layout.DIESEL.id());
        }
        int underscore = folder.indexOf('_');
        Version version;
        try {
            version = Version.orderedAsText(folder.substring(0, underscore).replace("-", ""));
        } catch (IllegalArgumentException e) {
            throw InvalidMigrationException.badName(up.displayName(), e.getMessage(), Layout.DIESEL.id());
        }
        SourceFile metadata = contents.get("metadata.toml");
        boolean transactional = metadata == null || !NO_TRANSACTION.matcher(metadata.text()).find();
        Optional<Script> down = Optional.ofNullable(contents.get("down.sql")).map(file -> script(file, transactional));
        return new Migration(version, folder.substring(underscore + 1), script(up, transactional), down,
                Layout.DIESEL.id());
    }

    private static Script script(SourceFile file, boolean transactional) {
        return file.script(text -> transactional);
    }
}
