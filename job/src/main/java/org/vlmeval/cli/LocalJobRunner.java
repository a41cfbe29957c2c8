package org.vlmeval.cli;

import org.vlmeval.pipeline.LocalProgress;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a job on a MiniCluster inside this JVM and shows its progress: a self-updating line on a
 * terminal (events read / total, calls in flight, answers, errors, ETA), or one plain line every
 * ten seconds when the output is a log.
 */
final class LocalJobRunner {

    private final PrintStream err;
    private final boolean tty;

    LocalJobRunner(PrintStream err, boolean tty) {
        this.err = err;
        this.tty = tty;
    }

    /** A local environment with checkpointing, so a failure inside the run restarts from state. */
    static StreamExecutionEnvironment environment(int parallelism, Duration checkpointInterval) {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "3");
        conf.setString("restart-strategy.fixed-delay.delay", "1 s");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }

    /**
     * Executes and waits, printing progress; {@code expectedEvents} may be -1 when unknown.
     *
     * @return the job's result once it finished
     */
    JobExecutionResult run(StreamExecutionEnvironment env, String name, long expectedEvents)
            throws Exception {
        LocalProgress.reset();
        long started = System.nanoTime();
        JobClient client = env.executeAsync(name);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        long lastPlain = started;
        while (true) {
            try {
                JobExecutionResult done = result.get(tty ? 200 : 1000, TimeUnit.MILLISECONDS);
                if (tty) {
                    err.print("\r" + line(expectedEvents, started) + "\n");
                } else {
                    err.println(line(expectedEvents, started));
                }
                err.flush();
                return done;
            } catch (TimeoutException stillRunning) {
                if (tty) {
                    err.print("\r" + line(expectedEvents, started) + "\u001b[K");
                    err.flush();
                } else if (System.nanoTime() - lastPlain >= TimeUnit.SECONDS.toNanos(10)) {
                    lastPlain = System.nanoTime();
                    err.println(line(expectedEvents, started));
                }
            } catch (ExecutionException e) {
                if (tty) {
                    err.println();
                }
                throw e;
            }
        }
    }

    static String line(long expected, long startedNanos) {
        long read = LocalProgress.EVENTS.sum();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        StringBuilder s = new StringBuilder();
        if (expected > 0) {
            int width = 24;
            int filled = (int) Math.min(width, width * read / expected);
            s.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(width - filled))
                    .append("] ")
                    .append(read)
                    .append('/')
                    .append(expected)
                    .append(" events");
        } else {
            s.append(read).append(" events");
        }
        s.append(" · ")
                .append(LocalProgress.inFlight())
                .append(" calls in flight · ")
                .append(LocalProgress.ANSWERS.sum())
                .append(" answers · ")
                .append(LocalProgress.ERRORS.sum())
                .append(" errors · ")
                .append(LocalProgress.DEAD_LETTERS.sum())
                .append(" dead letters · ")
                .append(String.format(Locale.ROOT, "%.1f s", seconds));
        if (expected > 0 && read > 0 && read < expected) {
            double eta = seconds * (expected - read) / read;
            s.append(String.format(Locale.ROOT, " · ETA %.0f s", eta));
        }
        return s.toString();
    }
}
