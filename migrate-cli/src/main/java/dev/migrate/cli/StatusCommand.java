package dev.migrate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code status}: every migration with its state, applied time and duration. */
@picocli.CommandLine.Command(name = "status",
        description = "List every migration: applied, pending, missing (file gone), modified (file changed), dirty.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations status", "  migrate -path db/migrations status --json"})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-json", "--json"}, description = "Print the status as JSON (see docs/cli.md).")
    boolean json;

    @Override
    public Integer call() {
        Output.status(spec.commandLine().getOut(), root.migrator().status(), json);
        return ExitCodes.SUCCESS;
    }
}
