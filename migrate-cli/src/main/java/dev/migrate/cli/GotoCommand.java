package dev.migrate.cli;

import dev.migrate.Change;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code goto V}: applies or rolls back until V is the newest applied version. */
@picocli.CommandLine.Command(name = "goto", description = "Migrate up or down to version V.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrate -path db/migrations goto 20250603120000",
                "  migrate -path db/migrations goto 3 --dry-run"})
final class GotoCommand implements Callable<Integer> {

    @Mixin
    Changes changes;

    @Parameters(paramLabel = "V", description = "The version to go to.")
    String version;

    @Override
    public Integer call() {
        return changes.run(Change.goTo(Versions.parse(version)));
    }
}
