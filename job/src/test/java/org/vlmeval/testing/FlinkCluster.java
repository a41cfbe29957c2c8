package org.vlmeval.testing;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The Flink MiniCluster of the integration tests: one TaskManager in the test's JVM, shared by the
 * test methods of a class. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final MiniClusterExtension FLINK = FlinkCluster.extension();
 * }</pre>
 *
 * <p>Only {@code *ITCase} classes may use it (see {@code TestCodeArchitectureTest}).
 */
public final class FlinkCluster {

    /** Slots of the default cluster: enough for the tests' parallelism of 2. */
    public static final int DEFAULT_SLOTS = 2;

    private FlinkCluster() {}

    /** One TaskManager with {@value #DEFAULT_SLOTS} slots. */
    public static MiniClusterExtension extension() {
        return extension(DEFAULT_SLOTS);
    }

    /** One TaskManager with {@code slots} slots: the highest parallelism a job can run with. */
    public static MiniClusterExtension extension(int slots) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(slots)
                        .build());
    }
}
