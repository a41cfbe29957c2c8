package org.vlmeval.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Package dependencies of the production code of both modules (the connectors' classes are on this
 * module's class path). Test classes are not imported.
 */
@AnalyzeClasses(
        packages = "org.vlmeval",
        importOptions = {ImportOption.DoNotIncludeTests.class})
class ProductionCodeArchitectureTest {

    /** The packages of the job module. */
    static final String[] JOB_PACKAGES = {
        "org.vlmeval.pipeline..",
        "org.vlmeval.sources..",
        "org.vlmeval.sinks..",
        "org.vlmeval.store..",
        "org.vlmeval.model..",
        "org.vlmeval.config..",
        "org.vlmeval.cli..",
        "org.vlmeval.report..",
        "org.vlmeval.scoring..",
        "org.vlmeval.metrics..",
        "org.vlmeval.kafka..",
        "org.vlmeval.journal..",
        "org.vlmeval.judges..",
    };

    /**
     * The scoring core is shared by the Flink job, the CLI and the benchmarks: no Flink, no JSON,
     * no other package of ours, so that it stays cheap to call and its rules can be read in one
     * place.
     */
    @ArchTest
    static final ArchRule SCORING_IS_PLAIN_JAVA =
            classes()
                    .that()
                    .resideInAPackage("org.vlmeval.scoring..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "org.vlmeval.scoring..");

    /**
     * The statistics (intervals, tests, corrections) are shared by the job's windows and the CLI's
     * comparisons: plain Java, so they can be checked against published values in unit tests.
     */
    @ArchTest
    static final ArchRule METRICS_ARE_PLAIN_JAVA =
            classes()
                    .that()
                    .resideInAPackage("org.vlmeval.metrics..")
                    .should()
                    .onlyDependOnClassesThat()
                    .resideInAnyPackage("java..", "org.vlmeval.metrics..");

    @ArchTest
    static final ArchRule SOURCES_DO_NOT_KNOW_SINKS =
            noClasses()
                    .that()
                    .resideInAPackage("org.vlmeval.sources..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.vlmeval.sinks..");

    @ArchTest
    static final ArchRule STORE_DOES_NOT_KNOW_THE_PIPELINE =
            noClasses()
                    .that()
                    .resideInAPackage("org.vlmeval.store..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.vlmeval.pipeline..");

    /** The journal serves the pipeline but knows only the records and the store. */
    @ArchTest
    static final ArchRule JOURNAL_DOES_NOT_KNOW_THE_PIPELINE =
            noClasses()
                    .that()
                    .resideInAPackage("org.vlmeval.journal..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.vlmeval.pipeline..",
                            "org.vlmeval.sources..",
                            "org.vlmeval.sinks..",
                            "org.vlmeval.cli..",
                            "org.vlmeval.config..");

    /** The connectors are shared by the job and the CLI and must not reach back into the job. */
    @ArchTest
    static final ArchRule CONNECTORS_DO_NOT_KNOW_THE_JOB =
            noClasses()
                    .that()
                    .resideInAnyPackage("org.vlmeval.endpoints..", "org.vlmeval.images..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(JOB_PACKAGES);

    /**
     * Judges are building blocks for the pipeline and the CLI: plain Java over the endpoint
     * clients, the scorer and the records, knowing no stage of the job.
     */
    @ArchTest
    static final ArchRule JUDGES_KNOW_NO_STAGE =
            noClasses()
                    .that()
                    .resideInAPackage("org.vlmeval.judges..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.apache.flink..",
                            "org.vlmeval.pipeline..",
                            "org.vlmeval.sources..",
                            "org.vlmeval.sinks..",
                            "org.vlmeval.store..",
                            "org.vlmeval.cli..",
                            "org.vlmeval.config..");

    /** The records every stage passes on know no stage. */
    @ArchTest
    static final ArchRule MODEL_KNOWS_NO_STAGE =
            noClasses()
                    .that()
                    .resideInAPackage("org.vlmeval.model..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                            "org.vlmeval.pipeline..",
                            "org.vlmeval.sources..",
                            "org.vlmeval.sinks..",
                            "org.vlmeval.store..",
                            "org.vlmeval.cli..");
}
