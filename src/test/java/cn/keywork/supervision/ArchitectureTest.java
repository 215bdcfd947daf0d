package cn.keywork.supervision;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import jakarta.persistence.Entity;

/** Features keep to themselves; the HTTP layer never touches entities or repositories. */
@AnalyzeClasses(packages = "cn.keywork.supervision", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule rest_layer_does_not_touch_repositories = noClasses()
            .that().resideInAPackage("..rest..")
            .should().dependOnClassesThat().resideInAPackage("..repository..")
            .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule entities_live_in_domain_packages = classes()
            .that().areAnnotatedWith(Entity.class)
            .should().resideInAPackage("..domain..");

    @ArchTest
    static final ArchRule unit_repositories_are_used_by_their_own_feature_only = classes()
            .that().resideInAPackage("..unit.repository..")
            .should().onlyBeAccessed().byClassesThat().resideInAPackage("..unit..");

    @ArchTest
    static final ArchRule account_repositories_are_used_by_their_own_feature_only = classes()
            .that().resideInAPackage("..account.repository..")
            .should().onlyBeAccessed().byClassesThat().resideInAPackage("..account..");

    @ArchTest
    static final ArchRule task_repositories_are_used_by_their_own_feature_only = classes()
            .that().resideInAPackage("..task.repository..")
            .should().onlyBeAccessed().byClassesThat().resideInAPackage("..task..");

    @ArchTest
    static final ArchRule progress_repositories_are_used_by_their_own_feature_only = classes()
            .that().resideInAPackage("..progress.repository..")
            .should().onlyBeAccessed().byClassesThat().resideInAPackage("..progress..");

    @ArchTest
    static final ArchRule shared_web_package_knows_no_feature = noClasses()
            .that().resideInAPackage("cn.keywork.supervision.web..")
            .should().dependOnClassesThat().resideInAnyPackage("..unit..", "..demo..", "..meta..");

    @ArchTest
    static final ArchRule generated_api_models_stay_out_of_services_and_domains = noClasses()
            .that().resideInAnyPackage("..service..", "..domain..", "..repository..")
            .should().dependOnClassesThat().resideInAPackage("cn.keywork.supervision.api..");

    @ArchTest
    static final ArchRule the_domain_speaks_no_http = noClasses()
            .that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.keywork.supervision.web..", "cn.keywork.supervision.api..",
                    "jakarta.ws.rs..", "io.vertx.core.http..");

    @ArchTest
    static final ArchRule persistence_knows_no_http = noClasses()
            .that().resideInAPackage("cn.keywork.supervision.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("cn.keywork.supervision.web..", "jakarta.ws.rs..",
                    "io.vertx.core.http..");
}
