package org.vlmeval.bench;

import org.vlmeval.scoring.Scorer;
import org.vlmeval.scoring.ScoringInput;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@link ScoringBenchmark#scoreMixedAnswer}'s work measured by this thread's own CPU time instead
 * of wall time, so that other processes on a shared machine do not move the figure (JMH's error
 * bars were ±40–170% there). Warm-up rounds first (C2 compiles the scorer), then measured rounds;
 * prints µs of thread CPU per answer for each measured round and their median.
 *
 * <pre>
 * java -cp TEST_CLASSPATH org.vlmeval.bench.ScoringCpuBench [warmupRounds=10] [rounds=10] [answers=200000]
 * </pre>
 */
public final class ScoringCpuBench {

    private ScoringCpuBench() {}

    public static void main(String[] args) {
        var o = RatioBench.options(args);
        int warmup = Integer.parseInt(o.getOrDefault("warmupRounds", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "10"));
        int answers = Integer.parseInt(o.getOrDefault("answers", "200000"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Scorer scorer = Scorer.standard();
        double[] perAnswer = new double[rounds];
        long sink = 0;
        for (int r = -warmup; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < answers; i++) {
                ScoringInput in = ScoringBenchmark.MIX.get(i % ScoringBenchmark.MIX.size());
                sink += scorer.score(in).explanation().length();
            }
            double us = (threads.getCurrentThreadCpuTime() - start) / 1e3 / answers;
            if (r >= 0) {
                perAnswer[r] = us;
                System.out.printf(Locale.ROOT, "round %d: %.2f us thread CPU per answer%n", r, us);
            }
        }
        java.util.Arrays.sort(perAnswer);
        double median = perAnswer[rounds / 2];
        System.out.printf(
                Locale.ROOT,
                "scoreMixedAnswer thread CPU: median %.2f us per answer (%.0f answers/s per core),"
                        + " min %.2f, max %.2f, %d rounds of %d after %d warm-up rounds (%d)%n",
                median,
                1e6 / median,
                perAnswer[0],
                perAnswer[rounds - 1],
                rounds,
                answers,
                warmup,
                sink % 10);
    }
}
