package dev.migrate.internal.liquibase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One element of a changelog as Liquibase's parsers see it, whatever the format: its name, its attributes in the
 * order written, its text and its children, and the line it starts on (0 where the format gives none). XML elements
 * map onto it one for one; YAML and JSON maps will too.
 */
public record ChangelogNode(String name, Map<String, String> attributes, String text, List<ChangelogNode> children,
        int line) {

    public ChangelogNode {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        text = text == null ? "" : text;
        children = List.copyOf(children);
    }

    /** An attribute's value, if given. */
    public Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute));
    }

    /** An attribute read as Liquibase reads a boolean ({@code true} in any case), or {@code otherwise} when absent. */
    public boolean flag(String attribute, boolean otherwise) {
        return attribute(attribute).map(value -> Boolean.parseBoolean(value.trim())).orElse(otherwise);
    }

    /** The children of one name, in order. */
    public List<ChangelogNode> children(String childName) {
        return children.stream().filter(child -> child.name().equals(childName)).toList();
    }

    /** The first child of that name, if any. */
    public Optional<ChangelogNode> child(String childName) {
        return children.stream().filter(child -> child.name().equals(childName)).findFirst();
    }
}
