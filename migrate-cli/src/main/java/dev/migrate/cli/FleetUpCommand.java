package dev.migrate.cli;

import dev.migrate.fleet.Fleet;
import dev.migrate.fleet.FleetResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code fleet up}: migrates every target this process can claim, and waits for the rest. */
@picocli.CommandLine.Command(name = "up", description = "Apply the pending migrations to every target of the fleet.")
final class FleetUpCommand implements Callable<Integer> {

    @ParentCommand
    FleetCommand fleet;

    @Spec
    CommandSpec spec;

    @Option(names = {"-json", "--json"}, description = "Print the outcome as JSON (see docs/fleet.md).")
    boolean json;

    @Override
    public Integer call() {
        FleetResult result;
        try {
            result = fleet.withFleet(Fleet::up);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // a named schema or database that does not exist
        }
        FleetOutput.up(spec.commandLine().getOut(), result, json);
        return result.succeeded() ? ExitCodes.SUCCESS : ExitCodes.MIGRATION_FAILED;
    }
}
