package dev.migrate.yaml;

import dev.migrate.spi.ChangelogDocumentReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML and JSON changelogs read with SnakeYAML's safe constructor (no classes made from the document), a timestamp
 * kept as the text written: the changelog reader decides what a value means by where it stands, as Liquibase does.
 */
public final class SnakeYamlDocuments implements ChangelogDocumentReader {

    @Override
    public Object read(String text) {
        try {
            return new Yaml(new TimestampsAsText(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The safe constructor, timestamps left as strings. */
    private static final class TimestampsAsText extends SafeConstructor {
        TimestampsAsText(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }
}
