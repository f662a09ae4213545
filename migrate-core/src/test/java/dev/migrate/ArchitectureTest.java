package dev.migrate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shape of the engine that docs/engine.md describes ("How a run flows"), held by its compiled classes. */
class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.migrate");

    @Test
    void noInternalClassClimbsBackToTheFrontDoor() {
        noClasses().that().resideInAPackage("dev.migrate.internal..")
                .should().dependOnClassesThat().belongToAnyOf(Migrator.class, MigratorBuilder.class)
                .check(ENGINE);
    }

    @Test
    void theRunAlgorithmIsReachedOnlyThroughTheFrontDoor() {
        classes().that().haveNameMatching("dev\\.migrate\\.internal\\.run\\.Engine")
                .should().onlyHaveDependentClassesThat()
                .haveNameMatching("dev\\.migrate\\.(Migrator|MigratorBuilder|internal\\.run\\.Engine(\\$.*)?)")
                .check(ENGINE);
    }

    @Test
    void eachOperationIsMadeOfTheSharedStepsNeverOfAnotherOperation() {
        String operations = "Engine|Reports|HistoryCommands|Cleaning|Linting|SharedListing";
        for (String operation : operations.split("\\|")) {
            String others = java.util.Arrays.stream(operations.split("\\|")).filter(o -> !o.equals(operation))
                    .collect(java.util.stream.Collectors.joining("|"));
            noClasses().that().haveNameMatching("dev\\.migrate\\.internal\\.run\\." + operation + "(\\$.*)?")
                    .should().dependOnClassesThat().haveNameMatching("dev\\.migrate\\.internal\\.run\\.(" + others
                            + ")(\\$.*)?")
                    .check(ENGINE);
        }
        noClasses().that().haveNameMatching("dev\\.migrate\\.internal\\.run\\.Steps(\\$.*)?")
                .should().dependOnClassesThat().haveNameMatching("dev\\.migrate\\.internal\\.run\\.(" + operations
                        + ")(\\$.*)?")
                .check(ENGINE);
    }

    /** A fleet is a layer above the engine: it hands a shared listing to a run per target. */
    @Test
    void theEngineKnowsNothingOfFleets() {
        noClasses().that().resideInAnyPackage("dev.migrate", "dev.migrate.internal..", "dev.migrate.spi..")
                .should().dependOnClassesThat().resideInAPackage("dev.migrate.fleet..")
                .check(ENGINE);
    }

    @Test
    void theInternalPackagesDependOnEachOtherOneWayOnly() {
        slices().matching("dev.migrate.internal.(*)..").should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void dataFlowsDownFromTheRunToSourcesHistoriesAndTheDatabase() {
        noClasses().that().resideInAnyPackage("dev.migrate.internal.source..", "dev.migrate.internal.postgres..",
                "dev.migrate.internal.adopt..", "dev.migrate.internal.sql..")
                .should().dependOnClassesThat().resideInAPackage("dev.migrate.internal.run..")
                .check(ENGINE);
        noClasses().that().resideInAPackage("dev.migrate.internal.sql..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrate.internal.source..",
                        "dev.migrate.internal.postgres..", "dev.migrate.internal.adopt..")
                .check(ENGINE);
        noClasses().that().resideInAPackage("dev.migrate.internal.source..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrate.internal.postgres..",
                        "dev.migrate.internal.adopt..")
                .check(ENGINE);
        noClasses().that().resideInAPackage("dev.migrate.internal.postgres..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.migrate.internal.adopt..",
                        "dev.migrate.internal.source..")
                .check(ENGINE);
    }

    /** Small files: past 350 lines a class does more than one thing (a properties class aside, as in Boot). */
    @Test
    void noMainSourceFileIsLongerThan350Lines() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> longer = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")
                    && f.toString().contains("/src/main/java/") && !f.toString().contains("/target/")).toList()) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > 350 && lines.stream().noneMatch(l -> l.startsWith("@ConfigurationProperties"))) {
                    longer.add(root.relativize(file) + " (" + lines.size() + " lines)");
                }
            }
        }
        assertThat(longer).isEmpty();
    }

    @Test
    void theEngineKnowsNothingOfSpringOrMicrometer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.micrometer..")
                .check(ENGINE);
    }
}
