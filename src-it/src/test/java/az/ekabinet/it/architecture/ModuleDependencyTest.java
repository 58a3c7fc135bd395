package az.ekabinet.it.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import az.ekabinet.domain.shared.ReadModelJson;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * The module rule: domain ← command-side, projections, query-side ← config. The read side
 * reads the tables projections write but never their classes; the domain knows no Spring, SQL or HTTP. Inside each
 * module, the feature slices (the packages right under the module's root) use each other in one direction only.
 */
class ModuleDependencyTest {

    private static final String VERIFIER = "az.ekabinet.domain.ledger.verifier..";

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("az.ekabinet");

    /**
     * The ledger's checkpoints are signed with Ed25519 through BouncyCastle's lightweight API (the JDK cannot make a
     * key from the 32-byte seed the signed-note key format holds).
     */
    @Test
    void theDomainDependsOnNothingButJavaAxonModellingThePhoneLibraryAndEd25519() {
        classes().that().resideInAPackage("az.ekabinet.domain..")
                .and().doNotHaveFullyQualifiedName(ReadModelJson.class.getName())
                .and().resideOutsideOfPackage(VERIFIER)
                .should().onlyDependOnClassesThat(resideInAnyPackage("az.ekabinet.domain..", "java..",
                        "org.axonframework.modelling..", "org.axonframework.eventsourcing..",
                        "org.axonframework.commandhandling..", "org.axonframework.serialization..",
                        "com.google.i18n.phonenumbers..", "org.bouncycastle.crypto..")
                        // an event applied with metadata (AggregateLifecycle.apply(payload, metaData))
                        .or(type(MetaData.class)))
                .check(PRODUCTION);
    }

    /** The ledger's offline verifier, a command-line tool beside the rules it checks: it reads JSON files, nothing else. */
    @Test
    void theOfflineVerifierKnowsTheDomainJavaAndJacksonOnly() {
        classes().that().resideInAPackage(VERIFIER)
                .should().onlyDependOnClassesThat().resideInAnyPackage("az.ekabinet.domain..", "java..",
                        "com.fasterxml.jackson..")
                .check(PRODUCTION);
    }

    /** One class fixes the JSON shape of the domain values kept in read models; it alone may know Jackson. */
    @Test
    void onlyTheReadModelsJsonShapeKnowsJackson() {
        classes().that().haveFullyQualifiedName(ReadModelJson.class.getName())
                .should().onlyDependOnClassesThat().resideInAnyPackage("az.ekabinet.domain..", "java..",
                        "com.fasterxml.jackson..")
                .check(PRODUCTION);
    }

    @Test
    void theCommandSideKnowsNeitherReadSideNorProjectionsNorTheApplication() {
        noClasses().that().resideInAPackage("az.ekabinet.command..")
                .should().dependOnClassesThat().resideInAnyPackage("az.ekabinet.query..", "az.ekabinet.projection..",
                        "az.ekabinet.config..")
                .check(PRODUCTION);
    }

    @Test
    void theQuerySideKnowsNeitherCommandSideNorProjectionsNorTheApplication() {
        noClasses().that().resideInAPackage("az.ekabinet.query..")
                .should().dependOnClassesThat().resideInAnyPackage("az.ekabinet.command..", "az.ekabinet.projection..",
                        "az.ekabinet.config..")
                .check(PRODUCTION);
    }

    @Test
    void projectionsKnowNeitherSideOfTheApiNorTheApplication() {
        noClasses().that().resideInAPackage("az.ekabinet.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("az.ekabinet.command..", "az.ekabinet.query..",
                        "az.ekabinet.config..")
                .check(PRODUCTION);
    }

    /**
     * The plumbing around Axon and PostgreSQL (the {@code plumbing} package of each module) serves every feature and
     * knows none, so that each piece can be replaced or removed on its own.
     */
    @Test
    void thePlumbingKnowsNoFeature() {
        noClasses().that().resideInAPackage("az.ekabinet..plumbing..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("az.ekabinet..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("az.ekabinet..plumbing..")))
                .check(PRODUCTION);
        classes().that().resideInAPackage("az.ekabinet..plumbing..").should().haveSimpleNameNotEndingWith("Test")
                .allowEmptyShould(false)
                .check(PRODUCTION);
    }

    /**
     * A slice may use another (the cabinet's password changes and resets end sessions: cabinet → auth; exam
     * applications and transfers look cabinets up and check passwords: exam, wallet → cabinet), but never in a circle:
     * whatever two slices share lives in one of them, or in {@code shared}, which knows no slice.
     */
    @Test
    void theCommandSidesSlicesAreFreeOfCycles() {
        slices().matching("az.ekabinet.command.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theQuerySidesSlicesAreFreeOfCycles() {
        slices().matching("az.ekabinet.query.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theProjectionsSlicesAreFreeOfCycles() {
        slices().matching("az.ekabinet.projection.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theDomainsSlicesAreFreeOfCycles() {
        slices().matching("az.ekabinet.domain.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void theModulesWereActuallyImported() {
        classes().that().resideInAnyPackage("az.ekabinet.domain..", "az.ekabinet.command..", "az.ekabinet.query..",
                        "az.ekabinet.projection..", "az.ekabinet.config..")
                .should().haveSimpleNameNotEndingWith("Test")
                .allowEmptyShould(false)
                .check(PRODUCTION);
    }
}
