package dev.migrate.cli;

import dev.migrate.BaselineResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code baseline V}: records the migrations up to V as applied without running them. */
@picocli.CommandLine.Command(name = "baseline",
        description = "Record every migration up to V as applied without running it (a database that already "
                + "has that schema).",
        footerHeading = "%nExamples:%n", footer = {"  migrate -path db/migrations baseline 20250603120000"})
final class BaselineCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "V", description = "The version the database's schema already has.")
    String version;

    @Override
    public Integer call() {
        BaselineResult result = root.migrator().baseline(Versions.parse(version));
        spec.commandLine().getOut().println("baselined at " + result.baseline() + ": " + result.recorded().size()
                + " migrations recorded as applied");
        return ExitCodes.SUCCESS;
    }
}
