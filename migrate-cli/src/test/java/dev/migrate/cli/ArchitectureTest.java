package dev.migrate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The command line sits on the engine's public API, as the Spring module does. */
class ArchitectureTest {

    @Test
    void theCommandLineAndItsTestsNeverReachIntoTheEngineInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.migrate.internal..")
                .check(new ClassFileImporter().importPackages("dev.migrate.cli"));
    }
}
