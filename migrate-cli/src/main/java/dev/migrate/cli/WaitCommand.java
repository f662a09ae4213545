package dev.migrate.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wait}: until the database accepts connections (dbmate's {@code wait}), for compose and init containers. */
@Command(name = "wait", description = "Wait until the database accepts connections, up to -wait-timeout (default "
        + "60s); exit 6 if it does not. Nothing is read or changed.",
        footerHeading = "%nExamples:%n", footer = {"  migrate -database \"$DATABASE_URL\" wait",
                "  migrate -database \"$DATABASE_URL\" -wait-timeout 2m wait && migrate -path db/migrations up"})
final class WaitCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration took = root.databaseOnly(true).awaitDatabase();
        spec.commandLine().getOut().println("the database accepts connections (after "
                + String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0) + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.SUCCESS;
    }
}
