package org.idminter.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's rules, checked on the compiled classes of every module the CLI is built from: data
 * flows one way between modules (core ← store ← migrate, pipeline ← serve ← cli), no package
 * cycles, and the store's SQL layers ({@code store.sql}, {@code store.dialect}, {@code store.jdbc})
 * are reached only from the store and the migrations.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // The modules' main classes, from target/classes or from their installed jars; never their
    // tests or test-jars (whose fixtures reach into every layer on purpose).
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("org.idminter");
  }

  @Test
  void everyModuleIsPresent() {
    for (String module : new String[] {"core", "store", "migrate", "pipeline", "serve", "cli"}) {
      org.assertj.core.api.Assertions.assertThat(
              classes.stream()
                  .anyMatch(c -> c.getPackageName().startsWith("org.idminter." + module)))
          .as("classes of %s imported", module)
          .isTrue();
    }
  }

  @Test
  void coreDependsOnNoOtherModule() {
    noClasses()
        .that()
        .resideInAPackage("org.idminter.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.idminter.store..",
            "org.idminter.migrate..",
            "org.idminter.pipeline..",
            "org.idminter.serve..",
            "org.idminter.cli..")
        .check(classes);
  }

  @Test
  void storeDependsOnlyOnCore() {
    noClasses()
        .that()
        .resideInAPackage("org.idminter.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.idminter.migrate..",
            "org.idminter.pipeline..",
            "org.idminter.serve..",
            "org.idminter.cli..")
        .check(classes);
  }

  @Test
  void migrateAndPipelineDoNotKnowEachOtherOrTheCli() {
    noClasses()
        .that()
        .resideInAPackage("org.idminter.migrate..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.idminter.pipeline..", "org.idminter.serve..", "org.idminter.cli..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("org.idminter.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.idminter.migrate..", "org.idminter.serve..", "org.idminter.cli..")
        .check(classes);
  }

  @Test
  void theServerKnowsNeitherTheMigrationsNorTheCli() {
    noClasses()
        .that()
        .resideInAPackage("org.idminter.serve..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.idminter.migrate..", "org.idminter.cli..")
        .check(classes);
  }

  @Test
  void theStoresSqlLayersAreReachedOnlyFromTheStoreAndTheMigrations() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "org.idminter.pipeline..",
            "org.idminter.serve..",
            "org.idminter.cli..",
            "org.idminter.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.idminter.store.sql..", "org.idminter.store.dialect..", "org.idminter.store.jdbc..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.idminter.(**)").should().beFreeOfCycles().check(classes);
  }
}
