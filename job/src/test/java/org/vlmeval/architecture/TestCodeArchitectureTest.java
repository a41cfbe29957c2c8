package org.vlmeval.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Tests are named by cost, as in the Flink repositories: a {@code *Test} runs in the {@code test}
 * phase and touches no broker, cluster or database; whatever starts Kafka, a Flink MiniCluster or
 * PostgreSQL is an {@code *ITCase} and runs in {@code integration-test}. Operator test harnesses
 * and local HTTP servers are fine in a {@code *Test}.
 */
@AnalyzeClasses(
        packages = "org.vlmeval",
        importOptions = {ImportOption.OnlyIncludeTests.class})
class TestCodeArchitectureTest {

    /** Classes that start a broker, a cluster or a database server. */
    static final Set<String> SERVER_CLASSES =
            Set.of(
                    "org.vlmeval.testing.KafkaTestCluster",
                    "org.vlmeval.testing.TestPostgres",
                    "org.vlmeval.testing.FlinkCluster",
                    "org.apache.flink.test.junit5.MiniClusterExtension",
                    "org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration",
                    "org.apache.flink.test.util.MiniClusterWithClientResource");

    /** Packages of the same: Flink's MiniCluster, embedded PostgreSQL, Kafka's test broker. */
    static final Set<String> SERVER_PACKAGES =
            Set.of(
                    "org.apache.flink.runtime.minicluster",
                    "io.zonky.test.db.postgres",
                    "org.apache.kafka.common.test");

    /** A class named {@code *Test}, or a class nested in one (lambdas, anonymous classes). */
    static final DescribedPredicate<JavaClass> UNIT_TESTS =
            DescribedPredicate.describe(
                    "are (nested in) classes named *Test", c -> topLevelName(c).endsWith("Test"));

    static final DescribedPredicate<JavaClass> SERVERS =
            DescribedPredicate.describe(
                    "start Kafka, a Flink MiniCluster or PostgreSQL",
                    c ->
                            SERVER_CLASSES.contains(c.getName())
                                    || SERVER_PACKAGES.stream()
                                            .anyMatch(p -> c.getPackageName().startsWith(p)));

    /** Calls that run a Flink job (on a local cluster) or start the store tests' PostgreSQL. */
    static final DescribedPredicate<JavaAccess<?>> STARTS_SERVERS =
            DescribedPredicate.describe(
                    "run a Flink job or start the store tests' PostgreSQL",
                    a -> {
                        String owner = a.getTargetOwner().getName();
                        String name = a.getName();
                        return (owner.startsWith("org.apache.flink.streaming.api.environment.")
                                        && name.startsWith("execute"))
                                || (owner.startsWith("org.apache.flink.streaming.api.datastream.")
                                        && name.equals("executeAndCollect"))
                                || (owner.equals("org.vlmeval.store.TestDb")
                                        && Set.of("shared", "start", "restart").contains(name));
                    });

    @ArchTest
    static final ArchRule UNIT_TESTS_USE_NO_SERVERS =
            noClasses()
                    .that(UNIT_TESTS)
                    .should()
                    .dependOnClassesThat(SERVERS)
                    .because("a *Test touches no broker, cluster or database: name it *ITCase");

    @ArchTest
    static final ArchRule UNIT_TESTS_RUN_NO_JOBS =
            noClasses()
                    .that(UNIT_TESTS)
                    .should()
                    .accessTargetWhere(STARTS_SERVERS)
                    .because("a *Test touches no broker, cluster or database: name it *ITCase");

    private static String topLevelName(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
