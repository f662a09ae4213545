package dev.migrate.cli;

import dev.migrate.ForceResult;
import dev.migrate.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code force V}: records V as the version and clears the dirty flag, running nothing. */
@picocli.CommandLine.Command(name = "force",
        description = {"Set version V without running any migration, and clear the dirty flag.",
                "Use it after a failed no-transaction migration, once the schema has been put right by hand.",
                "Versions above V are forgotten; -1 forgets every version."},
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations force 6", "  migrate -path db/migrations force -1"})
final class ForceCommand implements Callable<Integer> {

    @ParentCommand
    MigrateCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "V", description = "The version to record, or -1 for none.")
    String version;

    @Override
    public Integer call() {
        Migrator migrator = root.migrator();
        ForceResult result = version.strip().equals("-1") ? migrator.forceNoVersion()
                : migrator.force(Versions.parse(version));
        spec.commandLine().getOut().println(result.version().map(Object::toString).orElse("no version"));
        return ExitCodes.SUCCESS;
    }
}
