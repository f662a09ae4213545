package dev.migrate.cli;

import dev.migrate.AdoptResult;
import dev.migrate.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code adopt [--from TOOL] [--dry-run]}: takes over another tool's history without running its migrations. */
@picocli.CommandLine.Command(name = "adopt",
        description = {"Record the migrations another tool applied as applied, without running them.",
                "up does this by itself when migrate's history table does not exist yet; adopt does it on demand.",
                "Tools: golang-migrate, dbmate, sqlx, atlas, diesel, goose, flyway, sql-migrate."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations adopt --dry-run", "  migrate -path docker/migrations adopt --from sqlx"})
final class AdoptCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-from", "--from"}, paramLabel = "TOOL", description = "The tool (default: the first found).")
    String from;

    @Option(names = {"-dry-run", "--dry-run"}, description = "Print what would be recorded, and record nothing.")
    boolean dryRun;

    @Option(names = {"-json", "--json"}, description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        AdoptResult result;
        try {
            Migrator migrator = root.migrator();
            if (dryRun) {
                result = from == null ? migrator.planAdoption() : migrator.planAdoption(from);
            } else {
                result = from == null ? migrator.adopt() : migrator.adopt(from);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Output.adopt(spec.commandLine().getOut(), result, json);
        return ExitCodes.SUCCESS;
    }
}
