package dev.migrate.internal.source;

import dev.migrate.InvalidMigrationException;
import dev.migrate.Migration;
import dev.migrate.Script;
import dev.migrate.internal.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Atlas's {@code {version}_{name}.sql} files, checked against {@code atlas.sum} before anything runs, and
 * {@code -- atlas:txmode none} for scripts that must not run in a transaction.
 *
 * <p>The sum is computed as Atlas computes it: the files ({@code *.sql}, sorted by name) feed one running
 * SHA-256, name then bytes; each file's entry is the base64 of that running hash after it, and the first line
 * is the base64 SHA-256 over every entry's name and hash. A file whose header says {@code atlas:sum ignore}
 * contributes its name only and has no entry.
 */
final class AtlasLayout {

    static final String SUM_FILE = "atlas.sum";
    private static final Pattern DIRECTIVE = Pattern.compile("^([ -~]*)atlas:(\\w+)(?: +([ -~]*))*");

    private AtlasLayout() {
    }

    static List<Migration> parse(List<SourceFile> files) {
        List<SourceFile> sqlFiles = files.stream()
                .filter(f -> f.folder() == null && f.fileName().endsWith(".sql"))
                .sorted(Comparator.comparing(SourceFile::fileName))
                .toList();
        files.stream().filter(f -> f.folder() == null && f.fileName().equals(SUM_FILE)).findFirst()
                .ifPresent(sum -> verify(sum, sqlFiles));
        List<Migration> migrations = new ArrayList<>(sqlFiles.size());
        for (SourceFile file : sqlFiles) {
            FileName name = FileName.parse(file.fileName(), file.displayName());
            Script up = file.script(text -> !txModeNone(text));
            migrations.add(new Migration(name.version(), name.description(), up, Optional.empty(), Layout.ATLAS.id()));
        }
        return migrations;
    }

    static void verify(SourceFile sumFile, List<SourceFile> sqlFiles) {
        Map<String, String> expected = new LinkedHashMap<>();
        String[] lines = new String(sumFile.bytes(), StandardCharsets.UTF_8).split("\n");
        String expectedTotal = lines.length == 0 ? "" : lines[0].strip().replaceFirst("^h1:", "");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int at = line.indexOf("h1:");
            if (!line.isBlank() && at < 0) {
                throw InvalidMigrationException.atlasSum(sumFile.displayName(), "line " + (i + 1), "is not 'name h1:hash'");
            }
            if (at >= 0) {
                expected.put(line.substring(0, at).strip(), line.substring(at + 3).strip());
            }
        }
        MessageDigest running = Digests.of("SHA-256");
        MessageDigest total = Digests.of("SHA-256");
        for (SourceFile file : sqlFiles) {
            running.update(file.fileName().getBytes(StandardCharsets.UTF_8));
            if (ignoredBySum(file)) {
                continue;
            }
            running.update(file.bytes());
            String hash = Base64.getEncoder().encodeToString(Digests.copy(running).digest());
            total.update(file.fileName().getBytes(StandardCharsets.UTF_8));
            total.update(hash.getBytes(StandardCharsets.UTF_8));
            String listed = expected.remove(file.fileName());
            if (listed == null) {
                throw InvalidMigrationException.atlasSum(sumFile.displayName(), file.displayName(),
                        "is not listed in it (a file added after the directory was hashed)");
            }
            if (!listed.equals(hash)) {
                throw InvalidMigrationException.atlasSum(sumFile.displayName(), file.displayName(),
                        "has changed since it was hashed (h1:" + listed + " -> h1:" + hash + ")");
            }
        }
        if (!expected.isEmpty()) {
            throw InvalidMigrationException.atlasSum(sumFile.displayName(), expected.keySet().iterator().next(),
                    "is listed in it but is missing");
        }
        String computedTotal = Base64.getEncoder().encodeToString(total.digest());
        if (!computedTotal.equals(expectedTotal)) {
            throw InvalidMigrationException.atlasSum(sumFile.displayName(), sumFile.displayName(),
                    "has a total (first line) that does not match its entries (h1:" + expectedTotal + " -> h1:"
                            + computedTotal + ")");
        }
    }

    private static boolean ignoredBySum(SourceFile file) {
        String text = new String(file.bytes(), StandardCharsets.UTF_8);
        var matcher = DIRECTIVE.matcher(text);
        return matcher.find() && "sum".equals(matcher.group(2)) && "ignore".equals(matcher.group(3));
    }

    /** Whether the file's leading comments say {@code atlas:txmode none}. */
    static boolean txModeNone(String text) {
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                return false;
            }
            if (trimmed.replaceFirst("^(--|#)\\s*", "").replaceAll("\\s+", " ").equalsIgnoreCase("atlas:txmode none")) {
                return true;
            }
        }
        return false;
    }

}
