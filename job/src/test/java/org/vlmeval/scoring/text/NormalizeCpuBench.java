package org.vlmeval.scoring.text;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@link AnswerNormalizer#normalize} against {@link AnswerNormalizerReference#normalize} (the regex
 * version) by this thread's CPU time: short English and Chinese answers and a 1.5 KB description
 * ({@link AnswerNormalizerEquivalenceTest#LONG_ANSWER}).
 *
 * <pre>
 * java -cp TEST_CLASSPATH org.vlmeval.scoring.text.NormalizeCpuBench [rounds=7] [calls=200000]
 * </pre>
 */
public final class NormalizeCpuBench {

    private NormalizeCpuBench() {}

    private static final List<String> SHORT =
            List.of(
                    "The answer is 12.",
                    "It's New-York!",
                    "I think it is the **dog**.",
                    "grapes",
                    "The answer is (B) blue.",
                    "答案是：一只猫",
                    "红色的",
                    "篮子里共有七种水果：苹果、香蕉、橙子、葡萄、柠檬、梨和草莓。");

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        for (int pass = 0; pass < 2; pass++) {
            boolean print = pass == 1; // the first pass warms both up
            run(
                    "short, reference",
                    SHORT,
                    AnswerNormalizerReference::normalize,
                    rounds,
                    calls,
                    print);
            run("short, new      ", SHORT, AnswerNormalizer::normalize, rounds, calls, print);
            run(
                    "long,  reference",
                    List.of(AnswerNormalizerEquivalenceTest.LONG_ANSWER),
                    AnswerNormalizerReference::normalize,
                    rounds,
                    calls / 20,
                    print);
            run(
                    "long,  new      ",
                    List.of(AnswerNormalizerEquivalenceTest.LONG_ANSWER),
                    AnswerNormalizer::normalize,
                    rounds,
                    calls / 20,
                    print);
        }
    }

    private static void run(
            String name,
            List<String> inputs,
            Function<String, String> normalize,
            int rounds,
            int calls,
            boolean print) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] us = new double[rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < calls; i++) {
                sink += normalize.apply(inputs.get(i % inputs.size())).length();
            }
            us[r] = (threads.getCurrentThreadCpuTime() - start) / 1e3 / calls;
        }
        java.util.Arrays.sort(us);
        if (print) {
            System.out.printf(
                    Locale.ROOT,
                    "%s: median %.3f us per call (%d)%n",
                    name,
                    us[rounds / 2],
                    sink % 10);
        }
    }
}
