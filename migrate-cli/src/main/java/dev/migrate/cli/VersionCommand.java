package dev.migrate.cli;

import dev.migrate.Status;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code version}: prints the newest applied version, and whether it is dirty. */
@picocli.CommandLine.Command(name = "version", description = "Print the current migration version.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations version", "  migrate -path db/migrations version --json"})
final class VersionCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-json", "--json"}, description = "Print {\"version\": N, \"dirty\": false} (version null if none).")
    boolean json;

    @Override
    public Integer call() {
        Status status = root.migrator().status();
        Output.version(spec.commandLine().getOut(), status, json);
        return ExitCodes.SUCCESS;
    }
}
