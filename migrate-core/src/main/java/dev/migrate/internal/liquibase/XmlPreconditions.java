package dev.migrate.internal.liquibase;

import java.util.List;
import java.util.Locale;

/** A {@code <preConditions>} element as Liquibase reads it: onFail and onError (HALT unless given), then its checks. */
final class XmlPreconditions {

    private XmlPreconditions() {
    }

    static LiquibasePreconditions of(ChangelogNode node) {
        return new LiquibasePreconditions(option(node, "onFail"), option(node, "onError"), checks(node.children()));
    }

    private static String option(ChangelogNode node, String name) {
        return node.attribute(name).map(value -> value.trim().toUpperCase(Locale.ROOT)).orElse("HALT");
    }

    private static List<LiquibasePreconditions.Check> checks(List<ChangelogNode> nodes) {
        return nodes.stream().map(check -> new LiquibasePreconditions.Check(check.name(), check.attributes(),
                check.text(), checks(check.children()))).toList();
    }
}
