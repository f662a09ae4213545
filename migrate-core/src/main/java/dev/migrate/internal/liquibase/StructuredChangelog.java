package dev.migrate.internal.liquibase;

import dev.migrate.InvalidMigrationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An XML changelog's changesets, in order, as Liquibase 4.33.0 reads them (and a YAML or JSON one's, read as the
 * elements its XML form would have, {@link DocumentChangelog}, its properties defined before anything else is read,
 * as Liquibase reads those formats): {@code property} elements define
 * parameters (for PostgreSQL or any database), {@code ${...}} is expanded in every attribute and text after the
 * parameters defined so far, {@code include} reads another changelog (XML or formatted SQL) there, beside this one or
 * from the root, and each {@code changeSet} is read with its attributes, valid checksums, comment, preconditions,
 * changes and rollback (its own, else the one Liquibase makes from its changes). A change type, element or setting
 * this release does not run is refused before anything runs, naming the file, line and changeset.
 */
final class StructuredChangelog {

    private static final Set<String> CHANGESET_PARTS = Set.of("validCheckSum", "comment", "preConditions",
            "rollback");

    private final ChangelogFile file;
    private final ChangelogParameters parameters;
    private final Set<String> reading;
    private String logicalPath;

    private StructuredChangelog(ChangelogFile file, ChangelogParameters parameters, Set<String> reading) {
        this.file = file;
        this.parameters = parameters;
        this.reading = reading;
    }

    /** The changesets of {@code file} and of what it includes, in order. */
    static List<LiquibaseChangeSet> read(ChangelogFile file, ChangelogParameters parameters, Set<String> reading) {
        if (!reading.add(file.path())) {
            throw InvalidMigrationException.changelog(file.displayName(), "includes itself, directly or through "
                    + "another changelog, which Liquibase refuses. Nothing was run.");
        }
        try {
            boolean xml = file.format().equals("xml");
            ChangelogNode root = xml ? XmlChangelogParser.parse(file.displayName(), file.text())
                    : DocumentChangelog.parse(file);
            StructuredChangelog changelog = new StructuredChangelog(file, parameters, reading);
            if (!xml) {
                root.children("property").forEach(changelog::property);
            }
            return changelog.read(root);
        } finally {
            reading.remove(file.path());
        }
    }

    private List<LiquibaseChangeSet> read(ChangelogNode root) {
        if (!root.name().equals("databaseChangeLog")) {
            throw refused(root, "has <" + root.name() + "> where Liquibase expects <databaseChangeLog>");
        }
        logicalPath = root.attribute("logicalFilePath").map(parameters::expand).orElse(file.path());
        List<LiquibaseChangeSet> changeSets = new ArrayList<>();
        for (ChangelogNode child : root.children()) {
            switch (child.name()) {
                case "property" -> property(expanded(child));
                case "changeSet" -> changeSets.add(changeSet(expanded(child)));
                case "include" -> changeSets.addAll(include(expanded(child)));
                case "includeAll" -> changeSets.addAll(includeAll(expanded(child)));
                case "schemaLocation" -> { }
                default -> throw refused(child, "has <" + child.name() + ">, which this release of migrate does not "
                        + "read yet (it reads property, include and changeSet); keep running it with Liquibase");
            }
        }
        return changeSets;
    }

    private void property(ChangelogNode property) {
        boolean forUs = property.attribute("dbms").map(ChangeSetLine::forPostgres).orElse(true);
        Optional<String> name = property.attribute("name");
        if (forUs && name.isPresent() && property.attribute("value").isPresent()) {
            parameters.define(name.get(), property.attribute("value").get());
        } else if (property.attribute("file").isPresent()) {
            throw refused(property, "has a <property file=...>, which this release of migrate does not read yet");
        }
    }

    private List<LiquibaseChangeSet> include(ChangelogNode include) {
        String name = include.attribute("file").orElseThrow(() -> refused(include, "has an <include> without file"));
        ChangelogFile included = file.include(name, include.flag("relativeToChangelogFile", false));
        if (!included.present()) {
            throw refused(include, "includes " + included.displayName() + ", which is not there");
        }
        if (include.attribute("context").or(() -> include.attribute("contextFilter")).or(() -> include.attribute(
                "labels")).isPresent() || include.flag("ignore", false)) {
            throw refused(include, "has an <include> with a context, labels or ignore, which this release of migrate "
                    + "does not read yet");
        }
        return switch (included.format()) {
            case "xml", "yaml", "json" -> read(included, parameters, reading);
            case "sql" -> {
                String text = included.text();
                if (!FormattedSqlChangelog.isOne(text)) {
                    throw refused(include, "includes " + included.displayName() + ", an SQL file without the "
                            + "'--liquibase formatted sql' header, which Liquibase would run as one raw changeset and this "
                            + "release of migrate does not run yet; give it the header and a --changeset line");
                }
                yield FormattedSqlChangelog.read(included.displayName(), included.path(), text, parameters.values());
            }
            default -> throw refused(include, "includes " + included.displayName() + ", a changelog in "
                    + included.format().toUpperCase(java.util.Locale.ROOT) + ", which migrate does not read");
        };
    }

    /**
     * Every changelog under a folder, sorted by path as Liquibase sorts them, each included in turn; files of no
     * changelog format are passed over, as Liquibase passes over them (with a warning there, and here).
     */
    private List<LiquibaseChangeSet> includeAll(ChangelogNode includeAll) {
        String path = includeAll.attribute("path").orElseThrow(() -> refused(includeAll, "has an <includeAll> "
                + "without path"));
        if (includeAll.attribute("resourceFilter").or(() -> includeAll.attribute("resourceComparator"))
                .or(() -> includeAll.attribute("context")).or(() -> includeAll.attribute("contextFilter"))
                .or(() -> includeAll.attribute("labels")).isPresent() || includeAll.flag("ignore", false)) {
            throw refused(includeAll, "has an <includeAll> with a filter, comparator, context, labels or ignore, which "
                    + "this release of migrate does not read yet");
        }
        String folder = path.replace('\\', '/').replaceAll("/+$", "");
        boolean relative = includeAll.flag("relativeToChangelogFile", false);
        int minDepth = includeAll.attribute("minDepth").map(d -> Integer.parseInt(d.trim())).orElse(0);
        int maxDepth = includeAll.attribute("maxDepth").map(d -> Integer.parseInt(d.trim())).orElse(Integer.MAX_VALUE);
        String endsWith = includeAll.attribute("endsWithFilter").orElse("").trim().toLowerCase(java.util.Locale.ROOT);
        List<String> listed;
        try {
            listed = dev.migrate.internal.source.FolderListing.paths(file.include(folder, relative).location(),
                    file.classLoader());
        } catch (InvalidMigrationException e) {
            if (includeAll.flag("errorIfMissingOrEmpty", true)) {
                throw refused(includeAll, "has an <includeAll> of " + path + ", which is not there");
            }
            return List.of();
        }
        // sorted by the path Liquibase records, as its default comparator sorts them
        java.util.TreeMap<String, String> found = new java.util.TreeMap<>();
        for (String inside : listed) {
            int depth = inside.split("/").length;
            String lower = inside.toLowerCase(java.util.Locale.ROOT);
            if (depth >= Math.max(minDepth, 1) && depth <= maxDepth && lower.endsWith(endsWith)
                    && java.util.stream.Stream.of(".xml", ".yaml", ".yml", ".json", ".sql").anyMatch(lower::endsWith)) {
                found.put(file.include(folder + "/" + inside, relative).path(), folder + "/" + inside);
            }
        }
        if (found.isEmpty() && includeAll.flag("errorIfMissingOrEmpty", true)) {
            throw refused(includeAll, "has an <includeAll> of " + path + ", where there is no changelog, which "
                    + "Liquibase refuses");
        }
        List<LiquibaseChangeSet> changeSets = new ArrayList<>();
        for (String each : found.values()) {
            ChangelogNode include = new ChangelogNode("include", Map.of("file", each, "relativeToChangelogFile",
                    Boolean.toString(relative)), "", List.of(), includeAll.line());
            changeSets.addAll(include(include));
        }
        return changeSets;
    }

    private LiquibaseChangeSet changeSet(ChangelogNode node) {
        String id = node.attribute("id").orElseThrow(() -> refused(node, "has a <changeSet> without id"));
        String author = node.attribute("author").orElse(null);
        if (node.attribute("objectQuotingStrategy").filter(s -> !s.equals("LEGACY")).isPresent()
                || node.attribute("runWith").isPresent() || node.attribute("runOrder").isPresent()) {
            throw refused(node, "has changeset " + id + " with objectQuotingStrategy, runWith or runOrder, which this "
                    + "release of migrate does not read yet");
        }
        List<LiquibaseChange> changes = new ArrayList<>();
        for (ChangelogNode child : node.children()) {
            if (!CHANGESET_PARTS.contains(child.name()) && child.attribute("dbms").map(ChangeSetLine::forPostgres)
                    .orElse(true)) {
                changes.add(change(child, id, author));
            }
        }
        List<String> statements = changes.stream().flatMap(change -> change.statements().stream()).toList();
        return new LiquibaseChangeSet(id, author, node.attribute("logicalFilePath").orElse(logicalPath),
                node.line(), node.flag("runOnChange", false), node.flag("runAlways", node.flag("alwaysRun", false)),
                node.flag("runInTransaction", true), node.flag("failOnError", true), true, false, Optional.empty(),
                node.attribute("contextFilter").or(() -> node.attribute("context")), node.attribute("labels"),
                node.attribute("dbms"), node.flag("ignore", false), node.child("comment").map(ChangelogNode::text),
                node.children("validCheckSum").stream().map(ChangelogNode::text).toList(),
                node.child("preConditions").map(XmlPreconditions::of), joined(statements),
                rollback(node, changes, id, author), changes);
    }

    private LiquibaseChange change(ChangelogNode node, String id, String author) {
        if (node.name().equals("loadData") || node.name().equals("loadUpdateData")) {
            return loadData(node);
        }
        if (node.name().equals("sqlFile")) {
            String path = node.attribute("path").orElseThrow(() -> refused(node, "has an <sqlFile> without path"));
            ChangelogFile sqlFile = file.include(path, node.flag("relativeToChangelogFile", false));
            if (!sqlFile.present()) {
                throw refused(node, "has an <sqlFile> of " + sqlFile.displayName() + ", which is not there");
            }
            String text = sqlFile.text();
            return new LiquibaseChange("sqlFile", LiquibaseChange.description(node), LiquibaseChecksum.ofSql(text),
                    ChangeChecksum.sqlVersion8(node, text), ChangeSql.sql(parameters.expand(text), node.attribute("endDelimiter"),
                            node.flag("splitStatements", true)), Optional.empty(), Optional.empty(), Optional.empty());
        }
        return LiquibaseChange.of(node).orElseThrow(() -> refused(node, "has the change type <" + node.name()
                + "> in changeset " + id + " by " + author + ", which this release of migrate does not run"
                + (node.name().equals("customChange") ? " (a Java class of Liquibase's API)" : " yet")
                + "; keep running this changelog with Liquibase"));
    }

    /**
     * A {@code loadData} (or {@code loadUpdateData}, rows found by its primary key): its file read and checked now (every row as long as the header, every configured type one
     * Liquibase has), its statements made when it runs ({@link CsvLoad}); its checksum is Liquibase's, of the table
     * name and the file without empty and comment lines.
     */
    private LiquibaseChange loadData(ChangelogNode node) {
        String path = node.attribute("file").orElseThrow(() -> refused(node, "has a <" + node.name() + "> without "
                + "file"));
        List<String> primaryKey = node.name().equals("loadUpdateData") ? java.util.Arrays.stream(node.attribute(
                "primaryKey").orElseThrow(() -> refused(node, "has a <loadUpdateData> without primaryKey, which "
                        + "Liquibase refuses")).split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList()
                : List.of();
        ChangelogFile data = file.include(path, node.flag("relativeToChangelogFile", false));
        if (!data.present()) {
            throw refused(node, "has a <loadData> of " + data.displayName() + ", which is not there");
        }
        if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") || node.attribute("encoding").filter(e ->
                !e.trim().equalsIgnoreCase("UTF-8")).isPresent()) {
            throw refused(node, "has a <loadData> of a compressed file or an encoding other than UTF-8, which this "
                    + "release of migrate does not read yet");
        }
        for (ChangelogNode column : node.children("column")) {
            column.attribute("type").map(t -> t.trim().toUpperCase(java.util.Locale.ROOT))
                    .filter(t -> !CsvLoad.TYPES.contains(t)).ifPresent(t -> {
                        throw refused(column, "has a <loadData> column of type " + t + ", which this release of "
                                + "migrate does not load yet (it loads " + String.join(", ", new java.util.TreeSet<>(
                                        CsvLoad.TYPES)) + ")");
                    });
        }
        String separator = node.attribute("separator").filter(sep -> !sep.isEmpty())
                .map(sep -> sep.equals("\\t") ? "\t" : sep).orElse(",");
        String comment = node.attribute("commentLineStartsWith").orElse("#");
        String text = data.text();
        List<List<String>> records = CsvRecords.read(text, separator.charAt(0), node.attribute("quotchar")
                .map(q -> q.trim().isEmpty() ? '\u0001' : q.charAt(0)).orElse('"'));
        if (records.isEmpty()) {
            throw refused(node, "has a <loadData> of " + data.displayName() + ", which is empty");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : records.subList(1, records.size())) {
            boolean blank = row.isEmpty() || row.size() == 1 && row.get(0).isBlank();
            if (blank || !comment.isEmpty() && row.get(0).startsWith(comment)) {
                continue;
            }
            if (row.size() != header.size()) {
                throw refused(node, "has a <loadData> of " + data.displayName() + " whose row " + row + " has "
                        + row.size() + " values where the header has " + header.size() + " (a value with the "
                        + "separator in it needs quotes), which Liquibase refuses too");
            }
            rows.add(row);
        }
        String table = SqlNames.qualified(node, "schemaName", "tableName");
        String md5 = dev.migrate.internal.Digests.hex("MD5", CsvRecords.checksummed(text, comment).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        String tableName = node.attribute("tableName").orElse("");
        String checksum = LiquibaseChecksum.ofText(tableName + ":" + LiquibaseChecksum.VERSION + ":" + md5);
        String checksumVersion8 = LiquibaseChecksum.ofTextVersion8(tableName + ":" + LiquibaseChecksum.VERSION_8 + ":"
                + md5);
        return new LiquibaseChange(node.name(), LiquibaseChange.description(node), checksum, checksumVersion8,
                List.of("-- " + node.name()
                + " of " + data.displayName() + " into " + table + ": " + rows.size() + " rows, typed by the table's "
                + "columns when it runs"), Optional.empty(), Optional.empty(), Optional.of(new CsvLoad(table, header,
                        rows, node.children("column"), primaryKey, node.flag("onlyUpdate", false))));
    }

    /** Its own rollback, else Liquibase's automatic one when every change has an inverse, else none. */
    private Optional<String> rollback(ChangelogNode node, List<LiquibaseChange> changes, String id, String author) {
        Optional<ChangelogNode> own = node.child("rollback");
        if (own.isPresent()) {
            ChangelogNode rollback = own.get();
            if (rollback.attribute("changeSetId").isPresent()) {
                throw refused(rollback, "has a <rollback> naming another changeset, which this release of migrate "
                        + "does not read yet");
            }
            List<String> statements = new ArrayList<>();
            if (!rollback.text().isEmpty()) {
                statements.addAll(ChangeSql.sql(rollback.text(), Optional.empty(), true));
            }
            for (ChangelogNode change : rollback.children()) {
                statements.addAll(change(change, id, author).statements());
            }
            return Optional.of(statements.isEmpty() ? LiquibaseChangeSet.EMPTY_ROLLBACK : joined(statements));
        }
        if (changes.isEmpty() || changes.stream().anyMatch(change -> change.inverse().isEmpty())) {
            return Optional.empty();
        }
        List<String> statements = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            statements.addAll(changes.get(i).inverse().orElseThrow());
        }
        return Optional.of(statements.isEmpty() ? LiquibaseChangeSet.EMPTY_ROLLBACK : joined(statements));
    }

    /** Statements as one script, each ended with a semicolon. */
    private static String joined(List<String> statements) {
        return statements.isEmpty() ? "" : String.join(";\n", statements) + ";";
    }

    /** {@code node} with the parameters defined so far expanded in its attributes and text, all the way down. */
    private ChangelogNode expanded(ChangelogNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        node.attributes().forEach((name, value) -> attributes.put(name, parameters.expand(value)));
        return new ChangelogNode(node.name(), attributes, parameters.expand(node.text()),
                node.children().stream().map(this::expanded).toList(), node.line());
    }

    private InvalidMigrationException refused(ChangelogNode node, String problem) {
        return InvalidMigrationException.changelogLine(file.displayName(), node.line(), problem);
    }
}
