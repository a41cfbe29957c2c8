package org.vlmeval.chaos;

/**
 * Scenario {@code broker-restart}: the Kafka broker process is stopped (SIGTERM, a controlled
 * shutdown) mid-stream and started again on the same log directory and ports after {@code
 * --outage-s} seconds (default 10). The harness's producer buffers meanwhile (its delivery timeout,
 * 2 minutes, outlasts the outage); the job's source and its dead-letter sink reconnect without a
 * restart.
 */
final class BrokerRestart extends Outage {

    BrokerRestart(ChaosRun run) {
        super(run, "the kafka broker", "10");
    }

    @Override
    void stop() throws InterruptedException {
        run.processes().stop("kafka");
    }

    @Override
    void start() throws Exception {
        run.restartKafka();
    }
}
