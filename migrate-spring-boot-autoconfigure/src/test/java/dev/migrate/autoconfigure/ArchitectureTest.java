package dev.migrate.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** Auto-configuration and actuator support sit on the engine's public API, as the command line does. */
class ArchitectureTest {

    @Test
    void theSpringModuleAndItsTestsNeverReachIntoTheEngineInternals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.migrate.internal..")
                .check(new ClassFileImporter().importPackages("dev.migrate.autoconfigure", "dev.migrate.actuate"));
    }
}
