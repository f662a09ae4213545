package dev.migrate.cli;

import picocli.CommandLine.IVersionProvider;

/** The CLI's own version, from the jar's manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"migrate " + (version == null ? "(development build)" : version)};
    }
}
